#include "curve/g1.h"

/* Montgomery forms (x·2^256 mod q) of 1, 2 and 3; tests/unit/test_g1.c checks
 * them against the decimal values. */
const g1_aff g1_generator = {
    .x = {{0xd35d438dc58f0d9du, 0x0a78eb28f5c70b3du, 0x666ea36f7879462cu, 0x0e0a77c19a07df2fu}},
    .y = {{0xa6ba871b8b1e1b3au, 0x14f1d651eb8e167bu, 0xccdd46def0f28c58u, 0x1c14ef83340fbe5eu}},
    .inf = false,
};

const fq_t g1_b = {{0x7a17caa950ad28d7u, 0x1f6ac17ae15521b9u, 0x334bea4e696bd284u, 0x2a1f6744ce179d8eu}};

/* 3b = 9, as 8a + a: four additions are cheaper than a multiplication. */
static void mul_b3(fq_t *r, const fq_t *a)
{
    fq_t t;
    fq_dbl(&t, a);
    fq_dbl(&t, &t);
    fq_dbl(&t, &t);
    fq_add(r, &t, a);
}

#define TPL_G g1
#define TPL_F fq
#define EC_B (&g1_b)
#define EC_MUL_B3(r, a) mul_b3((r), (a))
#include "curve/ec_impl.h"

void g1_random_var(g1_aff *r, zk_rng *rng)
{
    for (;;) {
        fq_t x, rhs, y;
        fq_random(&x, rng);
        fq_sqr(&rhs, &x);
        fq_mul(&rhs, &rhs, &x);
        fq_add(&rhs, &rhs, &g1_b);
        if (fq_sqrt(&y, &rhs) != ZK_OK)
            continue;
        if (zk_random_u64(rng) & 1)
            fq_neg(&y, &y);
        r->x = x;
        r->y = y;
        r->inf = false;
        return;
    }
}
