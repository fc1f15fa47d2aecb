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

/* vk_x = IC_0 + Σ x_i·IC_i over exactly the key's public inputs (snarkjs
 * sums over the signals it is given, so that missing ones count as zero;
 * we refuse a count that differs). */
zk_err groth16_vk_x(g1_jac *r, const groth16_vk *vk, const fr_t *pub, size_t n_pub)
{
    if (n_pub != vk->n_public)
        return ZK_EINVAL;
    zk_err err = g1_msm_var(r, vk->ic + 1, pub, n_pub, NULL);
    if (!err)
        g1_add_mixed_var(r, r, &vk->ic[0]);
    return err;
}

/* snarkjs (groth16_verify.js) lets a proof point be infinity, which no
 * honest prover makes (A and B carry r·δ and s·δ for random r, s), and with
 * C = ∞ a key whose β2 = γ2 accepts A = α1 + vk_x, B = β2 without any δ: we
 * refuse such a proof as malformed rather than fail or pass it. */
zk_err groth16_proof_check(const groth16_proof *proof)
{
    return proof->a.inf || proof->b.inf || proof->c.inf ? ZK_EINFINITY : ZK_OK;
}

zk_err groth16_verify(bool *ok, const groth16_vk *vk, const fr_t *pub, size_t n_pub,
                      const groth16_proof *proof)
{
    *ok = false;
    zk_err err = groth16_proof_check(proof);
    if (err)
        return err;
    g1_jac x;
    if ((err = groth16_vk_x(&x, vk, pub, n_pub)))
        return err;
    bn254_g1_aff P[4];
    bn254_g2_aff Q[4] = {proof->b, vk->beta2, vk->gamma2, vk->delta2};
    g1_aff_neg(&P[0], &proof->a);
    P[1] = vk->alpha1;
    g1_to_aff_var(&P[2], &x);
    P[3] = proof->c;
    return bn254_pairing_check(P, Q, 4, ok);
}
