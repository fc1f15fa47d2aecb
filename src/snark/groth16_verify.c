/* Groth16 verification (snark/groth16.h) and the verification key. */
#include <string.h>

#include "core/alloc.h"
#include "curve/msm.h"
#include "curve/pairing.h"
#include "snark/groth16.h"
#include "snark/groth16_internal.h"

void groth16_vk_free(groth16_vk *vk)
{
    zk_free(vk->ic);
    memset(vk, 0, sizeof *vk);
}

zk_err groth16_vk_from_pk(groth16_vk *vk, const groth16_pk *pk)
{
    memset(vk, 0, sizeof *vk);
    vk->n_public = pk->h.n_public;
    vk->alpha1 = pk->h.alpha1;
    vk->beta2 = pk->h.beta2;
    vk->gamma2 = pk->h.gamma2;
    vk->delta2 = pk->h.delta2;
    vk->ic = zk_alloc(vk->n_public + 1, sizeof *vk->ic);
    if (!vk->ic)
        return ZK_ENOMEM;
    memcpy(vk->ic, pk->ic, (vk->n_public + 1) * sizeof *vk->ic);
    return ZK_OK;
}

bool groth16_vk_delta_is_gamma(const groth16_vk *vk) { return g2_aff_eq(&vk->delta2, &vk->gamma2); }

/* vk_x = IC_0 + Σ x_i·IC_i. */
zk_err groth16_vk_x(g1_jac *r, const groth16_vk *vk, const fr_t *pub, size_t n_pub)
{
    if (n_pub != vk->n_public)
        return ZK_EINVAL;
    zk_err err = g1_msm_var(r, vk->ic + 1, pub, n_pub, NULL);
    if (!err)
        g1_add_mixed_var(r, r, &vk->ic[0]);
    return err;
}

zk_err groth16_verify(bool *ok, const groth16_vk *vk, const fr_t *pub, size_t n_pub,
                      const groth16_proof *proof)
{
    *ok = false;
    g1_jac x;
    zk_err err = groth16_vk_x(&x, vk, pub, n_pub);
    if (err)
        return err;
    bn254_g1_aff P[4];
    bn254_g2_aff Q[4] = {proof->b, vk->beta2, vk->gamma2, vk->delta2};
    g1_aff_neg(&P[0], &proof->a);
    P[1] = vk->alpha1;
    g1_to_aff_var(&P[2], &x);
    P[3] = proof->c;
    /* A proof point at infinity makes its pairing 1; the equation then
     * fails for every honest key, but say so plainly rather than rely on it. */
    if (proof->a.inf || proof->b.inf || proof->c.inf)
        return ZK_OK;
    return bn254_pairing_check(P, Q, 4, ok);
}
