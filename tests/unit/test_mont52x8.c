/* The eight-lane 52-bit Montgomery kernels (field/mont52x8.h) against GMP,
 * and the IFMA assembly against its portable twin bit for bit, on BN254's
 * two fields and on other primes, with random inputs across each
 * operation's whole allowed range and the values at its edges. */
#include "zk_test.h"

#include <string.h>

#include "field/field.h"

#define MASK52 (((uint64_t)1 << 52) - 1)

static void lane_to_mpz(mpz_t r, const m52x8 *a, int k)
{
    mpz_set_ui(r, 0);
    for (int j = ZK_M52_LIMBS - 1; j >= 0; j--) {
        mpz_mul_2exp(r, r, 52);
        mpz_add_ui(r, r, a->l[j][k]);
    }
}

/* Lane k of a = x, x < 2^260, normalized. */
static void lane_from_mpz(m52x8 *a, int k, const mpz_t x)
{
    mpz_t t;
    mpz_init_set(t, x);
    for (int j = 0; j < ZK_M52_LIMBS; j++) {
        a->l[j][k] = mpz_getlimbn(t, 0) & MASK52;
        mpz_fdiv_q_2exp(t, t, 52);
    }
    assert_int_equal(mpz_sgn(t), 0);
    mpz_clear(t);
}

static void assert_normalized(const m52x8 *a)
{
    for (int j = 0; j < ZK_M52_LIMBS; j++)
        for (int k = 0; k < ZK_M52_LANES; k++)
            assert_true(a->l[j][k] <= MASK52);
}

/* A random value below bound, or one of the edges 0, 1, bound - 1, and
 * values just around p and 2p that fall below bound. */
static void pick(mpz_t r, const mpz_t bound, const mpz_t p, zk_rng *rng, gmp_randstate_t gs)
{
    switch (zk_random_below(rng, 12)) {
    case 0:
        mpz_set_ui(r, 0);
        return;
    case 1:
        mpz_set_ui(r, 1);
        return;
    case 2:
        mpz_sub_ui(r, bound, 1);
        return;
    case 3:
        mpz_sub_ui(r, p, 1);
        break;
    case 4:
        mpz_set(r, p);
        break;
    case 5:
        mpz_mul_2exp(r, p, 1);
        mpz_sub_ui(r, r, 1);
        break;
    default:
        mpz_urandomm(r, gs, bound);
        return;
    }
    if (mpz_cmp(r, bound) >= 0)
        mpz_urandomm(r, gs, bound);
}

typedef struct ctx {
    zk_mont52 m52;
    mpz_t p, bound2p, bound258, rinv, t, u, v;
    gmp_randstate_t gs;
    zk_rng rng;
} ctx;

static void ctx_init(ctx *c, const mont256 *m, const char *name)
{
    zk_mont52_from_mont256(&c->m52, m);
    mpz_inits(c->p, c->bound2p, c->bound258, c->rinv, c->t, c->u, c->v, NULL);
    zk_test_u256_to_mpz(c->p, m->p);
    mpz_mul_2exp(c->bound2p, c->p, 1);
    mpz_setbit(c->bound258, 258);
    mpz_set_ui(c->rinv, 0);
    mpz_setbit(c->rinv, 260);
    assert_true(mpz_invert(c->rinv, c->rinv, c->p));
    gmp_randinit_default(c->gs);
    zk_test_rng(&c->rng, name);
    gmp_randseed_ui(c->gs, zk_random_u64(&c->rng));
}

static void ctx_clear(ctx *c)
{
    mpz_clears(c->p, c->bound2p, c->bound258, c->rinv, c->t, c->u, c->v, NULL);
    gmp_randclear(c->gs);
}

static void fill(m52x8 *a, const mpz_t bound, ctx *c)
{
    for (int k = 0; k < ZK_M52_LANES; k++) {
        pick(c->t, bound, c->p, &c->rng, c->gs);
        lane_from_mpz(a, k, c->t);
    }
}

/* The IFMA kernels, or a skip saying why this machine cannot run them (the
 * portable twin is checked against GMP by its own tests either way). */
static const m52x8_kernels *need_ifma(void)
{
    const zk_cpu *cpu = zk_cpu_get();
    zk_test_need_kernel(cpu->avx512f && cpu->avx512ifma, "IFMA 52-bit Montgomery",
                        "avx512f avx512ifma");
#if defined(__x86_64__)
    return &m52x8_ifma;
#else
    return NULL;
#endif
}

static void check_same(const m52x8 *x, const m52x8 *y)
{
    assert_memory_equal(x, y, sizeof *x);
}

enum { OP_MUL, OP_SUB, OP_REDUCE, OP_SHL };

/* r = op(a, b) (or a·2^s) with every kernel set in ks, which must agree bit
 * for bit and return normalized limbs. */
static void run_op(m52x8 *r, int op, const m52x8 *a, const m52x8 *b, unsigned s,
                   const m52x8_kernels *const ks[2], const zk_mont52 *m52)
{
    m52x8 r2;
    for (int i = 0; i < 2 && ks[i]; i++) {
        m52x8 *out = i ? &r2 : r;
        if (op == OP_MUL)
            ks[i]->mul(out, a, b, m52);
        else if (op == OP_SUB)
            ks[i]->sub(out, a, b, m52);
        else if (op == OP_REDUCE)
            ks[i]->reduce(out, a, m52);
        else
            ks[i]->shl(out, a, s);
    }
    if (ks[1])
        check_same(r, &r2);
    assert_normalized(r);
}

/* Checks kernel set kset against GMP and, when it is not the portable one,
 * against its portable twin bit for bit. */
static void run_modulus(const m52x8_kernels *kset, const mont256 *m, const char *name,
                        int rounds)
{
    ctx c;
    ctx_init(&c, m, name);
    const m52x8_kernels *ks[2] = {kset,
                                     kset == &m52x8_portable ? NULL : &m52x8_portable};
    m52x8 a, b, r[2];
    for (int round = 0; round < rounds; round++) {
        /* mul: inputs below 2^258. */
        fill(&a, round % 2 ? c.bound258 : c.p, &c);
        fill(&b, round % 3 ? c.bound258 : c.bound2p, &c);
        run_op(&r[0], OP_MUL, &a, &b, 0, ks, &c.m52);
        for (int k = 0; k < ZK_M52_LANES; k++) {
            lane_to_mpz(c.t, &a, k);
            lane_to_mpz(c.u, &b, k);
            mpz_mul(c.t, c.t, c.u);
            lane_to_mpz(c.v, &r[0], k);
            /* r <= floor(a·b/2^260) + p (r is an integer below a·b/2^260 + p),
             * and r ≡ a·b·2^-260. */
            mpz_fdiv_q_2exp(c.u, c.t, 260);
            mpz_add(c.u, c.u, c.p);
            assert_true(mpz_cmp(c.v, c.u) <= 0);
            mpz_mul(c.t, c.t, c.rinv);
            mpz_sub(c.t, c.t, c.v);
            assert_true(mpz_divisible_p(c.t, c.p));
        }

        /* sub: canonical inputs and output. */
        fill(&a, c.p, &c);
        fill(&b, c.p, &c);
        run_op(&r[0], OP_SUB, &a, &b, 0, ks, &c.m52);
        for (int k = 0; k < ZK_M52_LANES; k++) {
            lane_to_mpz(c.t, &a, k);
            lane_to_mpz(c.u, &b, k);
            mpz_sub(c.t, c.t, c.u);
            mpz_mod(c.t, c.t, c.p);
            lane_to_mpz(c.v, &r[0], k);
            ZK_ASSERT_MPZ_EQ(c.v, c.t);
        }

        /* reduce: below 2p in, canonical out. */
        fill(&a, c.bound2p, &c);
        run_op(&r[0], OP_REDUCE, &a, NULL, 0, ks, &c.m52);
        for (int k = 0; k < ZK_M52_LANES; k++) {
            lane_to_mpz(c.t, &a, k);
            mpz_mod(c.t, c.t, c.p);
            lane_to_mpz(c.v, &r[0], k);
            ZK_ASSERT_MPZ_EQ(c.v, c.t);
        }

        /* shl: a·2^s < 2^260. */
        unsigned s = 1 + (unsigned)zk_random_below(&c.rng, 8);
        mpz_set_ui(c.u, 0);
        mpz_setbit(c.u, 260 - s);
        fill(&a, c.u, &c);
        run_op(&r[0], OP_SHL, &a, NULL, s, ks, &c.m52);
        for (int k = 0; k < ZK_M52_LANES; k++) {
            lane_to_mpz(c.t, &a, k);
            mpz_mul_2exp(c.t, c.t, s);
            lane_to_mpz(c.v, &r[0], k);
            ZK_ASSERT_MPZ_EQ(c.v, c.t);
        }

        /* Radix conversions: any 256-bit words, there and back. */
        zk_u256x8 w, w2[2];
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < ZK_M52_LANES; k++)
                w.w[j][k] = round % 4 == 0 && k == 0 ? ~(uint64_t)0 : zk_random_u64(&c.rng);
        for (int i = 0; i < 2 && ks[i]; i++) {
            ks[i]->from_u256(&r[i], &w);
            ks[i]->to_u256(&w2[i], &r[i]);
            assert_memory_equal(&w2[i], &w, sizeof w);
        }
        if (ks[1])
            check_same(&r[0], &r[1]);
        assert_normalized(&r[0]);
        for (int k = 0; k < ZK_M52_LANES; k++) {
            uint64_t x[4] = {w.w[0][k], w.w[1][k], w.w[2][k], w.w[3][k]};
            zk_test_u256_to_mpz(c.t, x);
            lane_to_mpz(c.v, &r[0], k);
            ZK_ASSERT_MPZ_EQ(c.v, c.t);
        }
    }
    ctx_clear(&c);
}

static void m52x8_bn254(const m52x8_kernels *k)
{
    run_modulus(k, &fq_params, "m52x8_fq", 400);
    run_modulus(k, &fr_params, "m52x8_fr", 400);
}

/* Other primes: the kernels may assume nothing about BN254's p. */
static void m52x8_other_primes(const m52x8_kernels *k)
{
    const unsigned bits[] = {60, 130, 200, 253, 254};
    zk_rng rng;
    zk_test_rng(&rng, "m52x8_primes");
    mpz_t p;
    mpz_init(p);
    for (size_t i = 0; i < ZK_ARRAY_LEN(bits); i++) {
        do {
            uint64_t x[4] = {0};
            for (unsigned b = 0; b < bits[i] - 1; b++)
                if (zk_random_below(&rng, 2))
                    x[b / 64] |= (uint64_t)1 << (b % 64);
            x[(bits[i] - 1) / 64] |= (uint64_t)1 << ((bits[i] - 1) % 64);
            zk_test_u256_to_mpz(p, x);
            mpz_nextprime(p, p);
        } while (mpz_sizeinbase(p, 2) != bits[i]);
        mont256 m;
        zk_test_make_mont256(&m, p);
        run_modulus(k, &m, "m52x8_other", 100);
    }
    mpz_clear(p);
}

/* The kernel set *state names ("portable" or "ifma"; ZK_KERNEL_TEST). */
static const m52x8_kernels *kernels_of(void **state)
{
    return strcmp(*state, "ifma") == 0 ? need_ifma() : &m52x8_portable;
}

static void test_m52x8_bn254(void **state)
{
    m52x8_bn254(kernels_of(state));
}

static void test_m52x8_other_primes(void **state)
{
    m52x8_other_primes(kernels_of(state));
}

/* field_init picks IFMA exactly when /proc/cpuinfo lists avx512ifma (and
 * the kernel saves the ZMM state, which avx512f there implies), unless
 * ZKCAVE_KERNEL=portable says not to. */
static void test_m52x8_selection(void **state)
{
    (void)state;
    int ifma = zk_test_cpu_flag("avx512ifma"), f = zk_test_cpu_flag("avx512f");
    if (ifma < 0)
        ZK_SKIP("no /proc/cpuinfo to hold the kernel choice against");
    bool want = ifma == 1 && f == 1 && !zk_cpu_get()->forced_portable;
    assert_string_equal(m52x8_k.name, want ? "ifma" : "portable");
    assert_int_equal(m52x8_fast(), want);
    assert_false(m52x8_select("avx1024"));
    assert_true(m52x8_select("portable"));
    assert_false(m52x8_fast());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ZK_KERNEL_TEST(test_m52x8_bn254, "portable"),
        ZK_KERNEL_TEST(test_m52x8_other_primes, "portable"),
        ZK_KERNEL_TEST(test_m52x8_bn254, "ifma"),
        ZK_KERNEL_TEST(test_m52x8_other_primes, "ifma"),
        cmocka_unit_test_setup_teardown(test_m52x8_selection, zk_test_reset_kernels,
                                        zk_test_reset_kernels),
    };
    return ZK_RUN_TESTS(tests);
}
