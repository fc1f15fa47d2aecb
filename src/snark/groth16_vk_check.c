/* Keys that anyone can forge proofs for, and keys with points at infinity
 * (snark/groth16.h). */
#include <stdio.h>

#include "snark/groth16.h"

groth16_weakness groth16_weakness_of(bool alpha_is_g1, bool beta_is_g2, bool beta_is_gamma,
                                     bool delta_is_gamma)
{
    /* The powers-of-tau case first: contributing to δ alone does not mend
     * it, and it is what a user who skipped `ptau contribute` must hear. */
    if (alpha_is_g1 && beta_is_g2)
        return GROTH16_NO_PTAU_SECRET;
    if (beta_is_gamma)
        return GROTH16_BETA_IS_GAMMA;
    if (delta_is_gamma)
        return GROTH16_DELTA_IS_GAMMA;
    return GROTH16_SOUND;
}

groth16_weakness groth16_vk_weakness(const groth16_vk *vk)
{
    return groth16_weakness_of(g1_aff_eq(&vk->alpha1, &g1_generator),
                               g2_aff_eq(&vk->beta2, &g2_generator),
                               g2_aff_eq(&vk->beta2, &vk->gamma2),
                               g2_aff_eq(&vk->delta2, &vk->gamma2));
}

groth16_weakness groth16_mpc_weakness(const zkey_mpc *m)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->c[i].type == 0)
            return GROTH16_SOUND;
    return GROTH16_NO_PHASE2_SECRET;
}

const char *groth16_weakness_str(groth16_weakness w)
{
    switch (w) {
    case GROTH16_NO_PTAU_SECRET:
        return "alpha and beta are the generators: the powers of tau had no contribution "
               "(run 'zkcave ptau contribute', then setup again)";
    case GROTH16_BETA_IS_GAMMA:
        return "beta = gamma: the powers of tau had no contribution to beta "
               "(run 'zkcave ptau contribute', then setup again)";
    case GROTH16_DELTA_IS_GAMMA:
        return "delta = gamma: nobody contributed to phase 2 (run 'zkcave zkey contribute')";
    case GROTH16_NO_PHASE2_SECRET:
        return "phase 2 has only public beacons, so anyone recomputes delta "
               "(run 'zkcave zkey contribute')";
    case GROTH16_SOUND:
        break;
    }
    return "no known forgery";
}

zk_err groth16_vk_check(const groth16_vk *vk, bool insecure, char why[160])
{
    return groth16_key_check(vk, NULL, insecure, why);
}

zk_err groth16_key_check(const groth16_vk *vk, const zkey_mpc *mpc, bool insecure, char why[160])
{
    static const char *const names[4] = {"alpha1", "beta2", "gamma2", "delta2"};
    const bool inf[4] = {vk->alpha1.inf, vk->beta2.inf, vk->gamma2.inf, vk->delta2.inf};
    for (int i = 0; i < 4; i++) {
        if (inf[i]) {
            if (why)
                snprintf(why, 160, "%s is the point at infinity", names[i]);
            return ZK_EINFINITY;
        }
    }
    /* Forgeability before the IC points: a key from a ceremony with τ = 1
     * has most IC points at infinity (L_i(1) = 0 for i > 0), and what its
     * owner must hear is why, not which point. */
    groth16_weakness w = groth16_vk_weakness(vk);
    if (w == GROTH16_SOUND && mpc)
        w = groth16_mpc_weakness(mpc);
    if (w != GROTH16_SOUND && !insecure) {
        if (why)
            snprintf(why, 160, "%s", groth16_weakness_str(w));
        return ZK_EFORGEABLE;
    }
    for (size_t i = 0; i <= vk->n_public && !insecure; i++) {
        if (vk->ic[i].inf) {
            if (why)
                snprintf(why, 160, "IC[%zu] is the point at infinity (%s)", i,
                         i ? "that public signal could take any value" : "no constant term");
            return ZK_EINFINITY;
        }
    }
    if (why)
        why[0] = 0;
    return ZK_OK;
}
