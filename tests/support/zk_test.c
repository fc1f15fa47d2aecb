#include "zk_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/field.h"

int zk_test_run(const char *name, const struct CMUnitTest *tests, size_t n)
{
    if (field_init() != ZK_OK) {
        fprintf(stderr, "field_init failed\n");
        return 1;
    }
    if (zk_cpu_get()->mask_unknown[0]) {
        fprintf(stderr, "ZKCAVE_CPU_MASK: no CPU feature '%s' (known: %s)\n",
                zk_cpu_get()->mask_unknown, ZK_CPU_MASK_FEATURES);
        return 1;
    }
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return _cmocka_run_group_tests(name, tests, n, NULL, NULL);
}

void zk_test_g1_times(g1_aff *r, const g1_aff *base, const fr_t *s)
{
    uint64_t k[4];
    g1_jac p;
    fr_to_int(k, s);
    g1_from_aff(&p, base);
    g1_mul_var(&p, &p, k);
    g1_to_aff_var(r, &p);
}

void zk_test_g2_times(g2_aff *r, const g2_aff *base, const fr_t *s)
{
    uint64_t k[4];
    g2_jac p;
    fr_to_int(k, s);
    g2_from_aff(&p, base);
    g2_mul_var(&p, &p, k);
    g2_to_aff_var(r, &p);
}

void zk_test_remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[1024];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                zk_test_remove_tree(p);
            else
                unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

int zk_test_cpu_flag(const char *flag)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return -1;
    char line[8192];
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "flags", 5) != 0)
            continue;
        char *colon = strchr(line, ':');
        if (!colon)
            break;
        found = 0;
        for (char *tok = strtok(colon + 1, " \t\n"); tok; tok = strtok(NULL, " \t\n"))
            if (strcmp(tok, flag) == 0)
                found = !zk_cpu_masked(flag);
        break;
    }
    fclose(f);
    return found;
}

/* Why a CPU feature is absent, for a skip reason. */
static const char *why_absent(const char *feature)
{
    static char why[96];
    if (zk_cpu_masked(feature))
        snprintf(why, sizeof why, "ZKCAVE_CPU_MASK turns %s off", feature);
    else
        snprintf(why, sizeof why, "this CPU has no %s", feature);
    return why;
}

void zk_test_need_kernel(bool available, const char *kernel, const char *features)
{
    if (available)
        return;
    char list[64], *save = NULL;
    snprintf(list, sizeof list, "%s", features);
    for (char *f = strtok_r(list, " ", &save); f; f = strtok_r(NULL, " ", &save)) {
        int has = zk_test_cpu_flag(f);
        if (has < 0)
            ZK_SKIP("the %s kernel is unavailable (no /proc/cpuinfo to say why)", kernel);
        if (has == 0)
            ZK_SKIP("the %s kernel is not tested: %s", kernel, why_absent(f));
    }
    fail_msg("the %s kernel is unavailable, yet the CPU has %s", kernel, features);
}

void zk_test_use_mont256(const char *kernel)
{
    /* "lm" (long mode) is how /proc/cpuinfo says x86-64. */
    const char *needs = strcmp(kernel, "adx") == 0      ? "bmi2 adx"
                        : strcmp(kernel, "x86-64") == 0 ? "lm"
                                                        : "";
    char name[48];
    snprintf(name, sizeof name, "%s Montgomery", kernel);
    zk_test_need_kernel(mont256_select(kernel), name, needs);
}

int zk_test_reset_kernels(void **state)
{
    (void)state;
    return field_init() == ZK_OK ? 0 : -1;
}

char *zk_test_read_shared(const char *relpath)
{
    const char *dir = getenv("ZKCAVE_SHARED_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "../shared/data", relpath);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open shared test data %s (set ZKCAVE_SHARED_DATA?)", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

void zk_test_rng(zk_rng *rng, const char *name)
{
    uint64_t h = 1469598103934665603u;   /* FNV-1a of the name */
    for (const char *c = name; *c; c++)
        h = (h ^ (uint8_t)*c) * 1099511628211u;
    zk_rng_seed_u64(rng, h);
}

void zk_test_u256_to_mpz(mpz_t r, const uint64_t x[4])
{
    mpz_import(r, 4, -1, sizeof(uint64_t), 0, 0, x);
}

void zk_test_mpz_to_u256(uint64_t r[4], const mpz_t x)
{
    size_t count = 0;
    memset(r, 0, 32);
    assert_true(mpz_sgn(x) >= 0 && mpz_sizeinbase(x, 2) <= 256);
    mpz_export(r, &count, -1, sizeof(uint64_t), 0, 0, x);
}

/* Both conversions are done in GMP, independently of the kernels under test:
 * the stored value A stands for A·R^-1 mod p. The stored limbs must be
 * canonical, which is itself checked here. */
static mpz_t g_cache_p, g_cache_rinv;
static bool g_cache_init;

/* R^-1 mod p for the modulus of m, cached for the last modulus seen. */
static const mpz_t *rinv_for(const mont256 *m, mpz_t p)
{
    zk_test_u256_to_mpz(p, m->p);
    if (!g_cache_init) {
        mpz_inits(g_cache_p, g_cache_rinv, NULL);
        g_cache_init = true;
    }
    if (mpz_cmp(g_cache_p, p) != 0) {
        mpz_set(g_cache_p, p);
        mpz_set_ui(g_cache_rinv, 0);
        mpz_setbit(g_cache_rinv, 256);
        mpz_invert(g_cache_rinv, g_cache_rinv, p);
    }
    return (const mpz_t *)&g_cache_rinv;
}

void zk_test_elt_to_mpz(mpz_t r, const uint64_t a[4], const mont256 *m)
{
    mpz_t p;
    mpz_init(p);
    const mpz_t *rinv = rinv_for(m, p);
    zk_test_u256_to_mpz(r, a);
    if (mpz_cmp(r, p) >= 0)
        fail_msg("field element limbs are not below the modulus");
    mpz_mul(r, r, *rinv);
    mpz_mod(r, r, p);
    mpz_clear(p);
}

void zk_test_mpz_to_elt(uint64_t r[4], const mpz_t x, const mont256 *m)
{
    mpz_t p, t;
    mpz_inits(p, t, NULL);
    zk_test_u256_to_mpz(p, m->p);
    mpz_mul_2exp(t, x, 256);
    mpz_mod(t, t, p);
    zk_test_mpz_to_u256(r, t);
    mpz_clears(p, t, NULL);
}

void zk_test_make_mont256(mont256 *m, const mpz_t p)
{
    mpz_t t, r, v, z, two64;
    mpz_inits(t, r, v, z, two64, NULL);
    memset(m, 0, sizeof *m);
    zk_test_mpz_to_u256(m->p, p);
    mpz_setbit(two64, 64);
    mpz_invert(t, p, two64);
    mpz_sub(t, two64, t);                       /* n0 = -p^-1 mod 2^64 */
    m->n0 = mpz_get_ui(t);
    mpz_set_ui(r, 0);
    mpz_setbit(r, 256);
    mpz_mod(t, r, p);
    zk_test_mpz_to_u256(m->one, t);
    mpz_powm_ui(t, r, 2, p);
    zk_test_mpz_to_u256(m->r2, t);
    mpz_powm_ui(t, r, 3, p);
    zk_test_mpz_to_u256(m->r3, t);
    mpz_sub_ui(t, p, 2);
    zk_test_mpz_to_u256(m->p_minus_2, t);
    mpz_sub_ui(t, p, 1);
    mpz_tdiv_q_2exp(v, t, 1);
    zk_test_mpz_to_u256(m->p_minus_1_half, v);
    m->two_adicity = (unsigned)mpz_scan1(t, 0);
    mpz_tdiv_q_2exp(t, t, m->two_adicity);     /* t odd */
    mpz_sub_ui(v, t, 1);
    mpz_tdiv_q_2exp(v, v, 1);
    zk_test_mpz_to_u256(m->t_minus_1_half, v);
    mpz_set_ui(z, 2);
    while (mpz_legendre(z, p) != -1)
        mpz_add_ui(z, z, 1);
    mpz_powm(v, z, t, p);
    mpz_mul(v, v, r);
    mpz_mod(v, v, p);                           /* z^t in Montgomery form */
    zk_test_mpz_to_u256(m->nqr_t, v);
    mpz_set_ui(t, 0);
    mpz_setbit(t, 62);
    mpz_invert(v, p, t);
    m->pinv62 = mpz_get_ui(v);
    m->bits = (unsigned)mpz_sizeinbase(p, 2);
    m->name = "test";
    mpz_clears(t, r, v, z, two64, NULL);
}

void zk_test_assert_mpz_eq(const mpz_t a, const mpz_t b, const char *an, const char *bn,
                           const char *file, int line)
{
    if (mpz_cmp(a, b) != 0) {
        char *as = mpz_get_str(NULL, 16, a), *bs = mpz_get_str(NULL, 16, b);
        print_error("%s:%d: %s = 0x%s but %s = 0x%s\n", file, line, an, as, bn, bs);
        free(as);
        free(bs);
        _fail(file, line);
    }
}
