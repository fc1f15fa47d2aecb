/* BN254 G2: constants against the shared data, the Jacobian and complete
 * formulas against textbook affine formulas over Fq2 written here, the ψ
 * endomorphism, and the fast subgroup check against r·Q = O on points inside
 * and outside G2 (including crafted points of small order). */
#include "zk_test.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "curve/g2.h"
#include "field/field.h"

/* ---- an independent reference: affine chord-and-tangent with inversions -- */

static void ref_add(g2_aff *r, const g2_aff *p, const g2_aff *q)
{
    if (p->inf) {
        *r = *q;
        return;
    }
    if (q->inf) {
        *r = *p;
        return;
    }
    fq2_t l, t, x3;
    if (fq2_eq(&p->x, &q->x)) {
        fq2_add(&t, &p->y, &q->y);
        if (fq2_is_zero(&t)) {
            g2_aff_set_inf(r);
            return;
        }
        /* λ = 3x^2 / 2y */
        fq2_sqr(&l, &p->x);
        fq2_add(&t, &l, &l);
        fq2_add(&l, &t, &l);
        fq2_add(&t, &p->y, &p->y);
    } else {
        fq2_sub(&l, &q->y, &p->y);
        fq2_sub(&t, &q->x, &p->x);
    }
    assert_int_equal(fq2_inv_var(&t, &t), ZK_OK);
    fq2_mul(&l, &l, &t);
    fq2_sqr(&x3, &l);
    fq2_sub(&x3, &x3, &p->x);
    fq2_sub(&x3, &x3, &q->x);
    fq2_sub(&t, &p->x, &x3);
    fq2_mul(&t, &l, &t);
    fq2_sub(&r->y, &t, &p->y);
    r->x = x3;
    r->inf = false;
}

static void ref_mul(g2_aff *r, const g2_aff *p, const uint64_t k[4])
{
    g2_aff acc;
    g2_aff_set_inf(&acc);
    for (int i = 255; i >= 0; i--) {
        ref_add(&acc, &acc, &acc);
        if ((k[i / 64] >> (i % 64)) & 1)
            ref_add(&acc, &acc, p);
    }
    *r = acc;
}

static void assert_is(const g2_jac *p, const g2_aff *want)
{
    g2_aff a;
    g2_to_aff_var(&a, p);
    assert_true(g2_aff_eq(&a, want));
}

static void rescale(g2_jac *p, zk_rng *rng)
{
    if (g2_is_inf(p))
        return;
    fq2_t z, z2, z3;
    do
        fq2_random(&z, rng);
    while (fq2_is_zero(&z));
    fq2_sqr(&z2, &z);
    fq2_mul(&z3, &z2, &z);
    fq2_mul(&p->x, &p->x, &z2);
    fq2_mul(&p->y, &p->y, &z3);
    fq2_mul(&p->z, &p->z, &z);
}

static const uint64_t *order_r(void) { return fr_params.p; }

static bool killed_by_r(const g2_aff *a)
{
    g2_jac p;
    g2_from_aff(&p, a);
    g2_mul_var(&p, &p, order_r());
    return g2_is_inf(&p);
}

static void fq2_from_json(fq2_t *r, const cJSON *obj)
{
    assert_int_equal(fq_from_dec(&r->c0, cJSON_GetObjectItem(obj, "c0")->valuestring), ZK_OK);
    assert_int_equal(fq_from_dec(&r->c1, cJSON_GetObjectItem(obj, "c1")->valuestring), ZK_OK);
}

static void test_g2_constants(void **state)
{
    (void)state;
    char *text = zk_test_read_shared("vectors/bn254_misc/bn254_constants.json");
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    fq2_t v;
    fq2_from_json(&v, cJSON_GetObjectItem(root, "twist_b"));
    assert_true(fq2_eq(&v, &g2_b));
    const cJSON *gen = cJSON_GetObjectItem(root, "G2_generator");
    fq2_from_json(&v, cJSON_GetObjectItem(gen, "x"));
    assert_true(fq2_eq(&v, &g2_generator.x));
    fq2_from_json(&v, cJSON_GetObjectItem(gen, "y"));
    assert_true(fq2_eq(&v, &g2_generator.y));
    cJSON_Delete(root);
    free(text);

    /* b'·ξ = 3. */
    fq2_t three;
    fq2_mul_xi(&v, &g2_b);
    fq2_zero(&three);
    fq_from_u64(&three.c0, 3);
    assert_true(fq2_eq(&v, &three));

    assert_true(g2_is_on_curve(&g2_generator));
    assert_true(killed_by_r(&g2_generator));
    assert_true(g2_is_in_subgroup_var(&g2_generator));

    /* ψ's constants: ψ(G) computed from ξ^((q-1)/3) and ξ^((q-1)/2) here. */
    uint64_t e3[4], e2[4];
    memcpy(e2, fq_params.p_minus_1_half, sizeof e2);
    mpz_t q, t;
    mpz_inits(q, t, NULL);
    zk_test_u256_to_mpz(q, fq_params.p);
    mpz_sub_ui(t, q, 1);
    assert_true(mpz_divisible_ui_p(t, 3));
    mpz_divexact_ui(t, t, 3);
    zk_test_mpz_to_u256(e3, t);
    mpz_clears(q, t, NULL);
    fq2_t xi, gx, gy;
    fq2_zero(&xi);
    fq_from_u64(&xi.c0, 9);
    fq_from_u64(&xi.c1, 1);
    fq2_pow(&gx, &xi, e3);
    fq2_pow(&gy, &xi, e2);
    g2_jac g, pg;
    g2_from_aff(&g, &g2_generator);
    g2_psi(&pg, &g);
    g2_aff want;
    fq2_conj(&want.x, &g2_generator.x);
    fq2_mul(&want.x, &want.x, &gx);
    fq2_conj(&want.y, &g2_generator.y);
    fq2_mul(&want.y, &want.y, &gy);
    want.inf = false;
    assert_is(&pg, &want);
}

static void test_g2_vs_reference(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g2_vs_ref");
    g2_jac inf;
    g2_set_inf(&inf);
    for (int it = 0; it < 60; it++) {
        g2_aff pa, qa, want, npa;
        /* Half the time points outside G2: the formulas hold on all of E'. */
        if (it % 2) {
            g2_random_var(&pa, &rng);
            g2_random_var(&qa, &rng);
        } else {
            g2_random_on_twist_var(&pa, &rng);
            g2_random_on_twist_var(&qa, &rng);
        }
        g2_jac p, q, r;
        g2_from_aff(&p, &pa);
        g2_from_aff(&q, &qa);
        rescale(&p, &rng);
        rescale(&q, &rng);

        ref_add(&want, &pa, &qa);
        g2_add_var(&r, &p, &q);
        assert_is(&r, &want);
        g2_add_mixed_var(&r, &p, &qa);
        assert_is(&r, &want);
        g2_proj pp, pq, ps;
        g2_proj_from_jac(&pp, &p);
        g2_proj_from_jac(&pq, &q);
        g2_proj_add(&ps, &pp, &pq);
        g2_jac_from_proj(&r, &ps);
        assert_is(&r, &want);
        g2_proj_add_mixed(&ps, &pp, &qa);
        g2_jac_from_proj(&r, &ps);
        assert_is(&r, &want);

        ref_add(&want, &pa, &pa);
        g2_dbl(&r, &p);
        assert_is(&r, &want);
        g2_add_var(&r, &p, &p);
        assert_is(&r, &want);
        g2_add_mixed_var(&r, &p, &pa);
        assert_is(&r, &want);
        g2_proj_dbl(&ps, &pp);
        g2_jac_from_proj(&r, &ps);
        assert_is(&r, &want);
        g2_proj_add(&ps, &pp, &pp);
        g2_jac_from_proj(&r, &ps);
        assert_is(&r, &want);

        g2_aff_neg(&npa, &pa);
        g2_add_mixed_var(&r, &p, &npa);
        assert_true(g2_is_inf(&r));
        g2_proj_add_mixed(&ps, &pp, &npa);
        g2_jac_from_proj(&r, &ps);
        assert_true(g2_is_inf(&r));
        g2_add_var(&r, &inf, &p);
        assert_is(&r, &pa);
        g2_proj_from_jac(&ps, &inf);
        g2_proj_add(&ps, &ps, &pp);
        g2_jac_from_proj(&r, &ps);
        assert_is(&r, &pa);

        if (it % 6 == 0) {
            uint64_t k[4];
            for (int i = 0; i < 4; i++)
                k[i] = zk_random_u64(&rng);
            ref_mul(&want, &pa, k);
            g2_mul_var(&r, &p, k);
            assert_is(&r, &want);
            g2_mul(&r, &p, k);
            assert_is(&r, &want);
        }
    }
}

/* On G2, ψ is multiplication by 6x^2 = q mod r; on all of E' it maps points
 * to points. */
static void test_g2_psi(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g2_psi");
    uint64_t six_x2[4] = {0};
    mpz_t x;
    mpz_init_set_str(x, "4965661367192848881", 10);
    mpz_mul(x, x, x);
    mpz_mul_ui(x, x, 6);
    zk_test_mpz_to_u256(six_x2, x);
    mpz_clear(x);
    for (int it = 0; it < 8; it++) {
        g2_aff a, b;
        g2_random_var(&a, &rng);
        g2_jac p, l, r;
        g2_from_aff(&p, &a);
        g2_psi(&l, &p);
        g2_mul_var(&r, &p, six_x2);
        assert_true(g2_eq(&l, &r));
        g2_random_on_twist_var(&b, &rng);
        g2_from_aff(&p, &b);
        g2_psi(&l, &p);
        g2_to_aff_var(&a, &l);
        assert_true(g2_is_on_curve(&a));
    }
}

static void test_g2_subgroup(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g2_subgroup");
    /* h = 2q - r = 10069 · 5864401 · 1875725156269 · (a 177-bit prime). */
    mpz_t h, r, k;
    mpz_inits(h, r, k, NULL);
    zk_test_u256_to_mpz(h, fq_params.p);
    zk_test_u256_to_mpz(r, fr_params.p);
    mpz_mul_2exp(h, h, 1);
    mpz_sub(h, h, r);
    const unsigned long small[] = {10069, 5864401};
    int outside = 0;
    for (int it = 0; it < 24; it++) {
        g2_aff a;
        if (it % 3 == 0) {
            g2_random_var(&a, &rng);
        } else {
            g2_random_on_twist_var(&a, &rng);
        }
        bool slow = killed_by_r(&a);
        assert_true(g2_is_in_subgroup_var(&a) == slow);
        assert_true(slow == (it % 3 == 0));
        outside += !slow;

        /* Cofactor clearing lands in G2. */
        g2_jac p, c;
        g2_from_aff(&p, &a);
        g2_clear_cofactor_var(&c, &p);
        g2_aff ca;
        g2_to_aff_var(&ca, &c);
        assert_false(ca.inf);
        assert_true(killed_by_r(&ca));
        assert_true(g2_is_in_subgroup_var(&ca));

        /* A point of small order s = r·(h/s)·P, alone and added to a G2
         * point: on the curve, outside G2, and the fast test must see it. */
        if (it % 3 == 1) {
            unsigned long s = small[(it / 3) % 2];
            mpz_divexact_ui(k, h, s);
            uint64_t kk[4];
            zk_test_mpz_to_u256(kk, k);
            g2_jac t, u;
            g2_mul_var(&t, &p, kk);
            g2_mul_var(&t, &t, fr_params.p);
            g2_aff ta;
            g2_to_aff_var(&ta, &t);
            assert_false(ta.inf);
            uint64_t sk[4] = {s, 0, 0, 0};
            g2_mul_var(&u, &t, sk);
            assert_true(g2_is_inf(&u));          /* order exactly divides s */
            assert_true(g2_is_on_curve(&ta));
            assert_false(killed_by_r(&ta));
            assert_false(g2_is_in_subgroup_var(&ta));
            g2_add_var(&u, &t, &c);              /* small-order + G2 point */
            g2_to_aff_var(&ta, &u);
            assert_false(killed_by_r(&ta));
            assert_false(g2_is_in_subgroup_var(&ta));
        }
    }
    assert_true(outside >= 16);
    g2_aff inf;
    g2_aff_set_inf(&inf);
    assert_true(g2_is_in_subgroup_var(&inf));
    mpz_clears(h, r, k, NULL);
}

static void test_g2_batch_and_progression(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g2_batch");
    enum { N = 23 };
    g2_jac p[N];
    g2_aff got[N], want;
    for (int i = 0; i < N; i++) {
        g2_aff a;
        g2_random_var(&a, &rng);
        g2_from_aff(&p[i], &a);
        rescale(&p[i], &rng);
        if (i % 5 == 0)
            g2_set_inf(&p[i]);
    }
    g2_batch_to_aff_var(got, p, N);
    for (int i = 0; i < N; i++) {
        g2_to_aff(&want, &p[i]);
        assert_true(g2_aff_eq(&got[i], &want));
        assert_int_equal(got[i].inf, i % 5 == 0);
    }
    g2_aff pts[300], start, step;
    g2_random_var(&start, &rng);
    g2_random_var(&step, &rng);
    g2_progression_var(pts, 300, &start, &step);
    g2_jac acc;
    g2_from_aff(&acc, &start);
    for (int i = 0; i < 300; i++) {
        g2_to_aff_var(&want, &acc);
        assert_true(g2_aff_eq(&pts[i], &want));
        g2_add_mixed_var(&acc, &acc, &step);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_g2_constants),
        cmocka_unit_test(test_g2_vs_reference),
        cmocka_unit_test(test_g2_psi),
        cmocka_unit_test(test_g2_subgroup),
        cmocka_unit_test(test_g2_batch_and_progression),
    };
    return ZK_RUN_TESTS(tests);
}
