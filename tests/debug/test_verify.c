/* The debug build's assertions (ZK_VERIFY, core/ctime.h) hold on correct
 * use and catch a broken invariant; run by tests/screen/debug_verify.sh.
 *
 *   test_verify            field and curve arithmetic on random values and
 *                          points: every assertion on the way must hold
 *   test_verify unreduced  multiplies an Fr "element" equal to r (not
 *                          reduced): the debug build must abort saying so
 *   test_verify offcurve   converts a Jacobian point off the curve to
 *                          affine: the same
 *   test_verify goldilocks adds a Goldilocks value >= p: the same */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/field.h"
#include "field/fr.h"
#include "field/goldilocks.h"

int main(int argc, char **argv)
{
    if (zk_core_init() || field_init())
        return 2;
    zk_rng rng;
    zk_rng_seed_u64(&rng, 18);
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "unreduced") == 0) {
        fr_t bad, one, r;
        memcpy(bad.v, fr_params.p, sizeof bad.v);
        fr_one(&one);
        fr_mul(&r, &bad, &one);
        printf("not caught\n");
        return 0;
    }
    if (strcmp(mode, "offcurve") == 0) {
        g1_jac p;
        g1_aff a;
        g1_from_aff(&p, &g1_generator);
        fr_t two;
        fr_from_u64(&two, 2);
        memcpy(&p.y, &two, sizeof p.y);   /* (1, 2) became (1, 2R^-1): off the curve */
        g1_to_aff_var(&a, &p);
        printf("not caught\n");
        return 0;
    }
    if (strcmp(mode, "goldilocks") == 0) {
        volatile gl_t big = GL_P;
        gl_t s = gl_add(big, 1);
        printf("not caught (%llu)\n", (unsigned long long)s);
        return 0;
    }
    if (*mode) {
        fprintf(stderr, "usage: test_verify [unreduced|offcurve|goldilocks]\n");
        return 2;
    }
    for (int i = 0; i < 200; i++) {
        fr_t a, b, c;
        fr_random(&a, &rng);
        fr_random(&b, &rng);
        fr_mul(&c, &a, &b);
        fr_add(&c, &c, &a);
        fr_sub(&c, &c, &b);
        fr_sqr(&c, &c);
        uint64_t k[4];
        fr_to_int(k, &c);
        g1_aff pa, qa;
        g1_random_var(&pa, &rng);
        g1_jac p;
        g1_from_aff(&p, &pa);
        g1_mul_var(&p, &p, k);
        g1_to_aff(&qa, &p);
        g2_aff p2a, q2a;
        g2_random_var(&p2a, &rng);
        g2_jac p2;
        g2_from_aff(&p2, &p2a);
        g2_mul(&p2, &p2, k);
        g2_to_aff_var(&q2a, &p2);
        gl_t x = gl_random(&rng), y = gl_random(&rng);
        (void)gl_sub(gl_add(x, y), gl_mul(x, y));
    }
    printf("verify: every invariant held\n");
    return 0;
}
