/* Goldilocks, its quadratic and cubic extensions, and the STARK101 field:
 * differential tests against GMP, published constants, field axioms. */
#include "zk_test.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "field/field.h"

#define N_DIFF 100000

static uint64_t gmp_mod(const mpz_t x, const mpz_t p)
{
    mpz_t r;
    mpz_init(r);
    mpz_mod(r, x, p);
    uint64_t v = 0;
    mpz_export(&v, NULL, -1, sizeof v, 0, 0, r);
    mpz_clear(r);
    return v;
}

static void set_u64(mpz_t r, uint64_t v)
{
    mpz_import(r, 1, -1, sizeof v, 0, 0, &v);
}

/* Mostly uniform, sometimes an edge value. */
static uint64_t pick_gl(zk_rng *rng)
{
    static const uint64_t edges[] = {
        0, 1, 2, GL_P - 1, GL_P - 2, GL_EPSILON, GL_EPSILON + 1, (uint64_t)1 << 32,
        ((uint64_t)1 << 63), GL_P / 2, GL_P / 2 + 1, 0xfffffffeffffffffu,
    };
    uint64_t sel = zk_random_below(rng, 24);
    if (sel < ZK_ARRAY_LEN(edges))
        return edges[sel];
    return zk_random_below(rng, GL_P);
}

static void test_gl_differential(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl_differential");
    mpz_t p, a, b, t;
    mpz_inits(p, a, b, t, NULL);
    set_u64(p, GL_P);
    for (int i = 0; i < N_DIFF; i++) {
        uint64_t x = pick_gl(&rng), y = pick_gl(&rng);
        set_u64(a, x);
        set_u64(b, y);
        mpz_add(t, a, b);
        assert_int_equal(gl_add(x, y), gmp_mod(t, p));
        mpz_sub(t, a, b);
        assert_int_equal(gl_sub(x, y), gmp_mod(t, p));
        mpz_neg(t, a);
        assert_int_equal(gl_neg(x), gmp_mod(t, p));
        mpz_mul(t, a, b);
        assert_int_equal(gl_mul(x, y), gmp_mod(t, p));
        mpz_mul(t, a, a);
        assert_int_equal(gl_sqr(x), gmp_mod(t, p));
        /* Any 128-bit value reduces correctly, not only products. */
        zk_u128 wide = ((zk_u128)zk_random_u64(&rng) << 64) | zk_random_u64(&rng);
        uint64_t halves[2] = {(uint64_t)wide, (uint64_t)(wide >> 64)};
        mpz_import(t, 2, -1, sizeof(uint64_t), 0, 0, halves);
        assert_int_equal(gl_reduce128(wide), gmp_mod(t, p));
        uint64_t raw = zk_random_u64(&rng);
        set_u64(t, raw);
        assert_int_equal(gl_from_u64(raw), gmp_mod(t, p));
        uint64_t e = zk_random_u64(&rng);
        set_u64(b, e);
        mpz_powm(t, a, b, p);
        assert_int_equal(gl_pow(x, e), gmp_mod(t, p));
        gl_t inv;
        zk_err err = gl_inv(&inv, x);
        if (x == 0) {
            assert_int_equal(err, ZK_EZERO);
            assert_int_equal(inv, 0);
        } else {
            mpz_invert(t, a, p);
            assert_int_equal(err, ZK_OK);
            assert_int_equal(inv, gmp_mod(t, p));
        }
        gl_t s;
        int leg = mpz_legendre(a, p);
        err = gl_sqrt(&s, x);
        if (leg < 0) {
            assert_int_equal(err, ZK_ENOSQRT);
        } else {
            assert_int_equal(err, ZK_OK);
            assert_int_equal(gl_sqr(s), x);
        }
    }
    /* The extreme 128-bit values. */
    mpz_set_ui(t, 0);
    mpz_setbit(t, 128);
    mpz_sub_ui(t, t, 1);
    assert_int_equal(gl_reduce128(~(zk_u128)0), gmp_mod(t, p));
    assert_int_equal(gl_reduce128((zk_u128)(GL_P - 1) * (GL_P - 1)), 1);
    assert_int_equal(gl_reduce128((zk_u128)GL_P << 64), 0);
    assert_int_equal(gl_from_u64(UINT64_MAX), GL_EPSILON - 1);
    mpz_clears(p, a, b, t, NULL);
}

static void test_gl_batch_inv_and_vec(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl_batch");
    enum { N = 1000 };
    gl_t in[N], out[N], scratch[N], a[N], b[N], c[N];
    for (int i = 0; i < N; i++) {
        in[i] = i % 7 == 0 ? 0 : pick_gl(&rng);
        a[i] = pick_gl(&rng);
        b[i] = pick_gl(&rng);
    }
    gl_batch_inv(out, in, N, scratch);
    for (int i = 0; i < N; i++) {
        gl_t want;
        gl_inv(&want, in[i]);
        assert_int_equal(out[i], want);
    }
    gl_batch_inv(in, in, N, scratch);
    assert_memory_equal(in, out, sizeof in);
    gl_mul_vec(c, a, b, N);
    for (int i = 0; i < N; i++)
        assert_int_equal(c[i], gl_mul(a[i], b[i]));
    gl_batch_inv(out, in, 0, scratch);
}

/* ---- vector kernels ------------------------------------------------------ */

/* Selects Goldilocks kernel set k for a test, or skips (or fails) as
 * zk_test_need_kernel says; the test's teardown restores field_init's. */
static void use_gl_kernel(const char *k)
{
    const char *feature = strcmp(k, "avx2") == 0 ? "avx2" : "avx512f";
    char name[32];
    snprintf(name, sizeof name, "Goldilocks %s", k);
    zk_test_need_kernel(gl_select(k), name, strcmp(k, "portable") == 0 ? "" : feature);
}

static void restore_kernels(void)
{
    assert_int_equal(field_init(), ZK_OK);
}

/* Like pick_gl, but leaning harder on the values that stress the 32-bit
 * halves of the SIMD products and the reduction's borrow, carry and final
 * subtraction: edges, values just below p, and halves that are all ones. */
static uint64_t pick_gl_vec(zk_rng *rng)
{
    static const uint64_t edges[] = {
        0, 1, 2, 3, GL_EPSILON - 1, GL_EPSILON, GL_EPSILON + 1, (uint64_t)1 << 32,
        ((uint64_t)1 << 32) + 1, ((uint64_t)1 << 63) - 1, (uint64_t)1 << 63,
        ((uint64_t)1 << 63) + 1, GL_P / 2, GL_P / 2 + 1, GL_P - GL_EPSILON,
        GL_P - ((uint64_t)1 << 32), 0xfffffffeffffffffu, 0xfffffffe00000000u,
        GL_P - 3, GL_P - 2, GL_P - 1,
    };
    switch (zk_random_below(rng, 8)) {
    case 0:
        return edges[zk_random_below(rng, ZK_ARRAY_LEN(edges))];
    case 1:
        return GL_P - 1 - zk_random_below(rng, (uint64_t)1 << 20);   /* just below p */
    case 2:
        return zk_random_below(rng, (uint64_t)1 << 32);              /* high half zero */
    case 3:
        return zk_random_below(rng, (uint64_t)1 << 32) << 32;        /* low half zero */
    case 4:
        return 0xfffffffe00000000u | zk_random_below(rng, (uint64_t)1 << 32);
    default:
        return zk_random_below(rng, GL_P);
    }
}

enum { VEC_N = 100003 };   /* not a multiple of 8, so the big call has a tail */

typedef struct vec_case {
    gl_t *a, *b, *mul, *add, *sub, *sqr;   /* inputs and GMP's answers */
} vec_case;

static void vec_case_make(vec_case *v, const char *seed)
{
    zk_rng rng;
    zk_test_rng(&rng, seed);
    gl_t **arrays[] = {&v->a, &v->b, &v->mul, &v->add, &v->sub, &v->sqr};
    for (size_t i = 0; i < ZK_ARRAY_LEN(arrays); i++) {
        *arrays[i] = malloc(VEC_N * sizeof(gl_t));
        assert_non_null(*arrays[i]);
    }
    mpz_t p, x, y, t;
    mpz_inits(p, x, y, t, NULL);
    set_u64(p, GL_P);
    for (size_t i = 0; i < VEC_N; i++) {
        v->a[i] = pick_gl_vec(&rng);
        v->b[i] = pick_gl_vec(&rng);
        set_u64(x, v->a[i]);
        set_u64(y, v->b[i]);
        mpz_mul(t, x, y);
        v->mul[i] = gmp_mod(t, p);
        mpz_add(t, x, y);
        v->add[i] = gmp_mod(t, p);
        mpz_sub(t, x, y);
        v->sub[i] = gmp_mod(t, p);
        mpz_mul(t, x, x);
        v->sqr[i] = gmp_mod(t, p);
        /* The scalar operations the portable loops are built from agree too. */
        assert_int_equal(gl_mul(v->a[i], v->b[i]), v->mul[i]);
        assert_int_equal(gl_add(v->a[i], v->b[i]), v->add[i]);
        assert_int_equal(gl_sub(v->a[i], v->b[i]), v->sub[i]);
    }
    mpz_clears(p, x, y, t, NULL);
}

static void vec_case_free(vec_case *v)
{
    free(v->a);
    free(v->b);
    free(v->mul);
    free(v->add);
    free(v->sub);
    free(v->sqr);
}

/* Reports the first difference with its index, operands and kernel. */
static void assert_vec_equal(const gl_t *got, const gl_t *want, size_t n, const gl_t *a,
                             const gl_t *b, const char *what, const char *kernel)
{
    for (size_t i = 0; i < n; i++) {
        if (got[i] != want[i])
            fail_msg("%s kernel %s, n = %zu: element %zu of 0x%016llx, 0x%016llx is "
                     "0x%016llx, want 0x%016llx", what, kernel, n, i,
                     (unsigned long long)a[i], (unsigned long long)b[i],
                     (unsigned long long)got[i], (unsigned long long)want[i]);
    }
}

/* One call of every kernel on the whole 100,003-element vector, then the
 * same with out = a, out = b and (for mul) out = a = b, against GMP. */
/* Each kernel set is its own test (ZK_KERNEL_TEST), so a CPU without
 * AVX-512 says which comparisons it skipped and still runs the others. */
static void test_gl_vec_large(void **state)
{
    const char *k = *state;
    use_gl_kernel(k);
    vec_case v;
    vec_case_make(&v, "gl_vec_large");
    gl_t *out = malloc(VEC_N * sizeof(gl_t));
    assert_non_null(out);
    const gl_t *wants[] = {v.mul, v.add, v.sub};
    static const char *const what[] = {"mul", "add", "sub"};
    gl_vec_op fns[] = {gl_k.mul_vec, gl_k.add_vec, gl_k.sub_vec};
    for (size_t o = 0; o < ZK_ARRAY_LEN(fns); o++) {
        memset(out, 0xa5, VEC_N * sizeof(gl_t));
        fns[o](out, v.a, v.b, VEC_N);
        assert_vec_equal(out, wants[o], VEC_N, v.a, v.b, what[o], k);
        /* out = a */
        memcpy(out, v.a, VEC_N * sizeof(gl_t));
        fns[o](out, out, v.b, VEC_N);
        assert_vec_equal(out, wants[o], VEC_N, v.a, v.b, what[o], k);
        /* out = b */
        memcpy(out, v.b, VEC_N * sizeof(gl_t));
        fns[o](out, v.a, out, VEC_N);
        assert_vec_equal(out, wants[o], VEC_N, v.a, v.b, what[o], k);
    }
    /* The public entry points go through the selected kernel. */
    gl_mul_vec(out, v.a, v.b, VEC_N);
    assert_vec_equal(out, v.mul, VEC_N, v.a, v.b, "gl_mul_vec", k);
    gl_add_vec(out, v.a, v.b, VEC_N);
    assert_vec_equal(out, v.add, VEC_N, v.a, v.b, "gl_add_vec", k);
    gl_sub_vec(out, v.a, v.b, VEC_N);
    assert_vec_equal(out, v.sub, VEC_N, v.a, v.b, "gl_sub_vec", k);
    /* out = a = b squares. */
    memcpy(out, v.a, VEC_N * sizeof(gl_t));
    gl_mul_vec(out, out, out, VEC_N);
    assert_vec_equal(out, v.sqr, VEC_N, v.a, v.a, "mul (square)", k);
    free(out);
    vec_case_free(&v);
}

/* Every length 0..40 at every alignment mod 8, with each array ending right
 * before a page the process may not touch, so a kernel that reads or writes
 * past n (rather than masking its tail) crashes; out also carries canaries
 * before its start. The arrays are checked against GMP and the portable
 * kernel's results. */
static void test_gl_vec_lengths(void **state)
{
    const char *k = *state;
    use_gl_kernel(k);
    vec_case v;
    vec_case_make(&v, "gl_vec_lengths");
    enum { MAX_N = 40, CANARIES = 8 };
    const gl_t canary = 0x5a5a5a5a5a5a5a5au;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    /* Three arrays, each in front of its own guard page. */
    uint8_t *region[3];
    gl_t *end[3];
    for (int r = 0; r < 3; r++) {
        void *mem = NULL;
        assert_int_equal(posix_memalign(&mem, page, 2 * page), 0);
        region[r] = mem;
        assert_int_equal(mprotect(region[r] + page, page, PROT_NONE), 0);
        end[r] = (gl_t *)(region[r] + page);
    }
    gl_vec_op fns[] = {gl_k.mul_vec, gl_k.add_vec, gl_k.sub_vec};
    gl_vec_op twins[] = {gl_mul_vec_portable, gl_add_vec_portable, gl_sub_vec_portable};
    const gl_t *wants[] = {v.mul, v.add, v.sub};
    static const char *const what[] = {"mul", "add", "sub"};
    size_t start = 0;   /* walks through the test vectors */
    for (size_t n = 0; n <= MAX_N; n++) {
        for (size_t shift = 0; shift < 8; shift++) {
            /* shift extra elements after the array misalign it, and put
             * its end shift elements before the guard page. */
            gl_t *a = end[0] - n - shift, *b = end[1] - n - shift;
            gl_t *out = end[2] - n - shift;
            memcpy(a, v.a + start, n * sizeof(gl_t));
            memcpy(b, v.b + start, n * sizeof(gl_t));
            for (size_t o = 0; o < ZK_ARRAY_LEN(fns); o++) {
                gl_t twin[MAX_N];
                twins[o](twin, a, b, n);
                assert_vec_equal(twin, wants[o] + start, n, a, b, what[o], "portable twin");
                for (size_t i = 0; i < n + shift + CANARIES; i++)
                    out[(ptrdiff_t)i - CANARIES] = canary;
                fns[o](out, a, b, n);
                assert_vec_equal(out, twin, n, a, b, what[o], k);
                for (size_t i = 0; i < CANARIES; i++)
                    assert_int_equal(out[(ptrdiff_t)i - CANARIES], canary);
                for (size_t i = n; i < n + shift; i++)
                    assert_int_equal(out[i], canary);
                /* In place, both ways; the inputs are restored after. */
                fns[o](a, a, b, n);
                assert_vec_equal(a, twin, n, v.a + start, b, what[o], k);
                memcpy(a, v.a + start, n * sizeof(gl_t));
                fns[o](b, a, b, n);
                assert_vec_equal(b, twin, n, a, v.b + start, what[o], k);
                memcpy(b, v.b + start, n * sizeof(gl_t));
            }
            start = (start + n + 1) % (VEC_N - MAX_N);
        }
    }
/* n = 0 must not touch anything, even through NULL pointers. */
    fns[0](NULL, NULL, NULL, 0);
    fns[1](NULL, NULL, NULL, 0);
    fns[2](NULL, NULL, NULL, 0);
    for (int r = 0; r < 3; r++) {
        assert_int_equal(mprotect(region[r] + page, page, PROT_READ | PROT_WRITE), 0);
        free(region[r]);
    }
    vec_case_free(&v);
}

static void test_gl_select(void **state)
{
    (void)state;
    restore_kernels();   /* whatever an earlier failing test left selected */
    gl_kernels was = gl_k;
    assert_false(gl_select("avx1024"));
    assert_false(gl_select(""));
    assert_ptr_equal(gl_k.mul_vec, was.mul_vec);
    assert_string_equal(gl_k.name, was.name);
    /* field_init picks the widest kernel the CPU has, unless told not to. */
    const zk_cpu *cpu = zk_cpu_get();
    const char *want = cpu->forced_portable ? "portable"
                       : cpu->avx512f       ? "avx512"
                       : cpu->avx2          ? "avx2"
                                            : "portable";
    assert_string_equal(gl_k.name, want);
    char expect[64];
    snprintf(expect, sizeof expect, "goldilocks=%s", want);
    assert_non_null(strstr(field_kernels(), expect));
    assert_true(gl_select("portable"));
    assert_ptr_equal(gl_k.mul_vec, gl_mul_vec_portable);
    restore_kernels();
    assert_string_equal(gl_k.name, want);
}

/* Plonky3's two-adic generator table, entry by entry, and the orders. */
static void test_gl_roots_vs_vectors(void **state)
{
    (void)state;
    char *text = zk_test_read_shared("vectors/goldilocks/constants.json");
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    gl_t p;
    assert_int_equal(gl_from_str(&p, cJSON_GetObjectItem(j, "p")->valuestring), ZK_ENONCANONICAL);
    assert_string_equal(cJSON_GetObjectItem(j, "p_hex")->valuestring, "0xffffffff00000001");
    assert_int_equal(cJSON_GetObjectItem(j, "two_adicity")->valueint, GL_TWO_ADICITY);
    assert_int_equal(cJSON_GetObjectItem(j, "multiplicative_generator")->valueint, GL_GENERATOR);
    cJSON *table = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(j, "roots_of_unity"), "plonky3"),
        "two_adic_generators_hex");
    assert_int_equal(cJSON_GetArraySize(table), 33);
    for (unsigned k = 0; k <= GL_TWO_ADICITY; k++) {
        gl_t want, w;
        assert_int_equal(gl_from_str(&want, cJSON_GetArrayItem(table, (int)k)->valuestring), ZK_OK);
        assert_int_equal(gl_root_of_unity(&w, k), ZK_OK);
        assert_int_equal(w, want);
        /* Order exactly 2^k. */
        gl_t t = w;
        for (unsigned i = 0; i + 1 < k; i++)
            t = gl_sqr(t);
        if (k > 0) {
            assert_int_equal(t, GL_P - 1);
            t = gl_sqr(t);
        }
        assert_int_equal(t, 1);
    }
    gl_t w;
    assert_int_equal(gl_root_of_unity(&w, 33), ZK_EINVAL);
    /* The table's top entry is 7^((p-1)/2^32). */
    assert_int_equal(gl_pow(GL_GENERATOR, (GL_P - 1) >> 32), 0x185629dcda58878cu);
    /* 7 generates the group: 7^((p-1)/q) != 1 for every prime q | p - 1. */
    static const uint64_t factors[] = {2, 3, 5, 17, 257, 65537};
    for (size_t i = 0; i < ZK_ARRAY_LEN(factors); i++)
        assert_int_not_equal(gl_pow(GL_GENERATOR, (GL_P - 1) / factors[i]), 1);
    cJSON_Delete(j);
    free(text);
}

static void test_gl_parse(void **state)
{
    (void)state;
    gl_t x;
    assert_int_equal(gl_from_str(&x, "18446744069414584320"), ZK_OK);
    assert_int_equal(x, GL_P - 1);
    assert_int_equal(gl_from_str(&x, "18446744069414584321"), ZK_ENONCANONICAL);
    assert_int_equal(gl_from_str(&x, "0xffffffff00000000"), ZK_OK);
    assert_int_equal(x, GL_P - 1);
    assert_int_equal(gl_from_str(&x, "99999999999999999999999"), ZK_ENONCANONICAL);
    assert_int_equal(gl_from_str(&x, ""), ZK_EPARSE);
    assert_int_equal(gl_from_str(&x, "-3"), ZK_EPARSE);
    assert_int_equal(gl_from_str(&x, "0x"), ZK_EPARSE);
    assert_int_equal(gl_from_str(&x, "12 "), ZK_EPARSE);
}

/* Reference multiplication in F_p[x]/(f) with GMP: schoolbook, then reduce
 * by the monic modulus f = x^d - sum(f_low[i] x^i). */
static void poly_mulmod_ref(uint64_t *out, const uint64_t *a, const uint64_t *b, int d,
                            const uint64_t *f_low)
{
    mpz_t p, acc[6], t;
    mpz_init(p);
    mpz_init(t);
    set_u64(p, GL_P);
    for (int i = 0; i < 2 * d - 1; i++)
        mpz_init_set_ui(acc[i], 0);
    for (int i = 0; i < d; i++) {
        for (int k = 0; k < d; k++) {
            mpz_t x, y;
            mpz_inits(x, y, NULL);
            set_u64(x, a[i]);
            set_u64(y, b[k]);
            mpz_addmul(acc[i + k], x, y);
            mpz_clears(x, y, NULL);
        }
    }
    /* x^d = sum f_low[i] x^i; fold from the top down. */
    for (int top = 2 * d - 2; top >= d; top--) {
        for (int i = 0; i < d; i++) {
            set_u64(t, f_low[i]);
            mpz_addmul(acc[top - d + i], acc[top], t);
        }
        mpz_set_ui(acc[top], 0);
    }
    for (int i = 0; i < d; i++)
        out[i] = gmp_mod(acc[i], p);
    for (int i = 0; i < 2 * d - 1; i++)
        mpz_clear(acc[i]);
    mpz_clears(p, t, NULL);
}

static void test_gl2(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl2");
    static const uint64_t f_low[2] = {GL2_NONRESIDUE, 0};   /* u^2 = 7 */
    /* 7 is a non-residue, so u^2 - 7 is irreducible. */
    assert_int_equal(gl_pow(GL2_NONRESIDUE, (GL_P - 1) / 2), GL_P - 1);
    gl2_t one = gl2_from_base(1);
    for (int i = 0; i < N_DIFF / 10; i++) {
        gl2_t a = gl2_make(pick_gl(&rng), pick_gl(&rng)), b = gl2_make(pick_gl(&rng), pick_gl(&rng));
        gl2_t c = gl2_mul(a, b);
        uint64_t want[2];
        poly_mulmod_ref(want, a.c, b.c, 2, f_low);
        assert_int_equal(c.c[0], want[0]);
        assert_int_equal(c.c[1], want[1]);
        assert_true(gl2_eq(gl2_sqr(a), gl2_mul(a, a)));
        assert_true(gl2_eq(gl2_sub(gl2_add(a, b), b), a));
        assert_true(gl2_eq(gl2_add(a, gl2_neg(a)), gl2_from_base(0)));
        gl2_t inv;
        zk_err err = gl2_inv(&inv, a);
        if (gl2_eq(a, gl2_from_base(0))) {
            assert_int_equal(err, ZK_EZERO);
        } else {
            assert_int_equal(err, ZK_OK);
            assert_true(gl2_eq(gl2_mul(a, inv), one));
        }
        gl_t s = pick_gl(&rng);
        assert_true(gl2_eq(gl2_mul_base(a, s), gl2_mul(a, gl2_from_base(s))));
    }
    /* Batch inversion: each element's own inverse; a zero anywhere is
     * refused with nothing changed. */
    gl2_t v[37], w[37], scratch[37];
    for (int i = 0; i < 37; i++)
        v[i] = w[i] = gl2_make(pick_gl(&rng), pick_gl(&rng) | 1);
    assert_int_equal(gl2_batch_inv(v, 37, scratch), ZK_OK);
    for (int i = 0; i < 37; i++)
        assert_true(gl2_eq(gl2_mul(v[i], w[i]), one));
    w[20] = gl2_from_base(0);
    memcpy(v, w, sizeof v);
    assert_int_equal(gl2_batch_inv(v, 37, scratch), ZK_EZERO);
    assert_memory_equal(v, w, sizeof v);
    /* The multiplicative group has order p^2 - 1: a^(p^2-1) = 1 via a^(p-1)^(p+1). */
    gl2_t a = gl2_random(&rng);
    gl2_t x = gl2_pow(gl2_pow(a, GL_P - 1), GL_P);
    x = gl2_mul(x, gl2_pow(a, GL_P - 1));
    assert_true(gl2_eq(x, one));
}

static void test_gl3(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl3");
    static const uint64_t f_low[3] = {1, 1, 0};   /* x^3 = x + 1 */
    gl3_t one = gl3_from_base(1), zero = gl3_from_base(0);
    for (int i = 0; i < N_DIFF / 10; i++) {
        gl3_t a = gl3_make(pick_gl(&rng), pick_gl(&rng), pick_gl(&rng));
        gl3_t b = gl3_make(pick_gl(&rng), pick_gl(&rng), pick_gl(&rng));
        gl3_t c = gl3_mul(a, b);
        uint64_t want[3];
        poly_mulmod_ref(want, a.c, b.c, 3, f_low);
        for (int k = 0; k < 3; k++)
            assert_int_equal(c.c[k], want[k]);
        assert_true(gl3_eq(gl3_sub(gl3_add(a, b), b), a));
        assert_true(gl3_eq(gl3_add(a, gl3_neg(a)), zero));
        gl3_t inv;
        zk_err err = gl3_inv(&inv, a);
        if (gl3_eq(a, zero)) {
            assert_int_equal(err, ZK_EZERO);
        } else {
            assert_int_equal(err, ZK_OK);
            assert_true(gl3_eq(gl3_mul(a, inv), one));
        }
    }
    /* x^3 - x - 1 is irreducible over Goldilocks. A cubic is irreducible iff
     * it has no root, iff gcd(x^p - x, f) = 1, iff x^p - x is a unit of
     * F_p[x]/(f) (a root r would make x - r divide both). The Frobenius then
     * has order 3: x^(p^3) = x but x^p, x^(p^2) != x. */
    gl3_t x = gl3_make(0, 1, 0);
    gl3_t xp = gl3_pow(x, GL_P);
    assert_false(gl3_eq(xp, x));
    gl3_t xp2 = gl3_pow(xp, GL_P);
    assert_false(gl3_eq(xp2, x));
    assert_true(gl3_eq(gl3_pow(xp2, GL_P), x));
    gl3_t d = gl3_sub(xp, x), dinv;
    assert_int_equal(gl3_inv(&dinv, d), ZK_OK);
    assert_true(gl3_eq(gl3_mul(d, dinv), one));
}

/* STARK101: p = 3·2^30 + 1, g = 5, and the group of size 1024 generated by
 * g^(3·2^20) that the tutorial's trace domain uses. */
static void test_f101(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "f101");
    mpz_t p, a, b, t;
    mpz_inits(p, a, b, t, NULL);
    mpz_set_ui(p, F101_P);
    assert_true(mpz_probab_prime_p(p, 40) > 0);
    assert_int_equal(F101_P, 3u * (1u << 30) + 1);
    for (int i = 0; i < N_DIFF; i++) {
        f101_t x = zk_random_below(&rng, 8) ? f101_random(&rng) : zk_random_below(&rng, 3) * (F101_P - 1) / 2;
        f101_t y = f101_random(&rng);
        mpz_set_ui(a, x);
        mpz_set_ui(b, y);
        mpz_add(t, a, b);
        mpz_mod(t, t, p);
        assert_int_equal(f101_add(x, y), mpz_get_ui(t));
        mpz_sub(t, a, b);
        mpz_mod(t, t, p);
        assert_int_equal(f101_sub(x, y), mpz_get_ui(t));
        mpz_mul(t, a, b);
        mpz_mod(t, t, p);
        assert_int_equal(f101_mul(x, y), mpz_get_ui(t));
        mpz_neg(t, a);
        mpz_mod(t, t, p);
        assert_int_equal(f101_neg(x), mpz_get_ui(t));
        f101_t inv;
        zk_err err = f101_inv(&inv, x);
        assert_int_equal(err, x ? ZK_OK : ZK_EZERO);
        if (x) {
            mpz_invert(t, a, p);
            assert_int_equal(inv, mpz_get_ui(t));
        }
    }
    f101_t g;
    assert_int_equal(f101_root_of_unity(&g, 10), ZK_OK);
    assert_int_equal(g, f101_pow(F101_GENERATOR, 3u << 20));
    assert_int_equal(f101_pow(g, 1024), 1);
    assert_int_not_equal(f101_pow(g, 512), 1);
    assert_int_equal(f101_root_of_unity(&g, 31), ZK_EINVAL);
    /* 5 generates F_p^*: p - 1 = 2^30·3. */
    assert_int_not_equal(f101_pow(5, (F101_P - 1) / 2), 1);
    assert_int_not_equal(f101_pow(5, (F101_P - 1) / 3), 1);
    assert_int_equal(f101_from_u64(F101_P + 5), 5);
    /* x - x = 0 and x + (-x) = 0 at the edges, where a comparison off by
     * one would return p instead of 0. */
    static const f101_t edges[] = {0, 1, (F101_P - 1) / 2, F101_P - 2, F101_P - 1};
    for (size_t i = 0; i < ZK_ARRAY_LEN(edges); i++) {
        assert_int_equal(f101_sub(edges[i], edges[i]), 0);
        assert_int_equal(f101_add(edges[i], f101_neg(edges[i])), 0);
    }
    /* Every 2^k-th root, k = 0..30, has order exactly 2^k. */
    for (unsigned k = 0; k <= F101_TWO_ADICITY; k++) {
        f101_t w;
        assert_int_equal(f101_root_of_unity(&w, k), ZK_OK);
        assert_int_equal(f101_pow(w, (uint64_t)1 << k), 1);
        if (k > 0)
            assert_int_equal(f101_pow(w, (uint64_t)1 << (k - 1)), F101_P - 1);
    }
    mpz_clears(p, a, b, t, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gl_differential),
        cmocka_unit_test(test_gl_batch_inv_and_vec),
        ZK_KERNEL_TEST(test_gl_vec_large, "portable"),
        ZK_KERNEL_TEST(test_gl_vec_large, "avx2"),
        ZK_KERNEL_TEST(test_gl_vec_large, "avx512"),
        ZK_KERNEL_TEST(test_gl_vec_lengths, "portable"),
        ZK_KERNEL_TEST(test_gl_vec_lengths, "avx2"),
        ZK_KERNEL_TEST(test_gl_vec_lengths, "avx512"),
        cmocka_unit_test(test_gl_select),
        cmocka_unit_test(test_gl_roots_vs_vectors),
        cmocka_unit_test(test_gl_parse),
        cmocka_unit_test(test_gl2),
        cmocka_unit_test(test_gl3),
        cmocka_unit_test(test_f101),
    };
    return ZK_RUN_TESTS(tests);
}
