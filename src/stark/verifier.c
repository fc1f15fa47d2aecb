/* The STARK verifier: replays the transcript from the proof alone and
 * checks the out-of-domain equation, every opening, the DEEP values and
 * FRI. */
#include <string.h>

#include "core/alloc.h"
#include "stark/deep.h"
#include "stark/protocol.h"
#include "stark/quotient.h"

void stark_proof_free(stark_proof *p)
{
    zk_free(p->ood_main);
    zk_free(p->ood_aux);
    zk_free(p->ood_comp);
    zk_free(p->fri_roots);
    zk_free(p->fri_rem);
    stark_opening_free(&p->main);
    stark_opening_free(&p->fixed);
    stark_opening_free(&p->aux);
    stark_opening_free(&p->comp);
    if (p->fri)
        for (size_t i = 0; i < p->n_fri; i++)
            stark_opening_free(&p->fri[i]);
    zk_free(p->fri);
    memset(p, 0, sizeof *p);
}

static bool statement_matches(const stark_proof *p, const stark_air *air)
{
    return strcmp(p->air, air->name) == 0 && p->n_params == air->n_params &&
           memcmp(p->params, air->params, air->n_params * sizeof *p->params) == 0 &&
           p->n_pub == air->n_pub && memcmp(p->pub, air->pub, air->n_pub * sizeof *p->pub) == 0;
}

static zk_err fail(const char **why, const char *reason, zk_err err)
{
    if (why)
        *why = reason;
    return err;
}

static bool security_matches(const stark_security *a, const stark_security *b)
{
    return a->conjectured == b->conjectured && a->proven_udr == b->proven_udr &&
           a->proven_ldr == b->proven_ldr;
}

/* Fills the layout as well, for the verifier. */
static zk_err proof_layout(stark_layout *l, stark_security *sec, const stark_proof *p,
                           const stark_air *air, const char **why)
{
    if (!statement_matches(p, air))
        return fail(why, "the proof is for another statement", ZK_EINVAL);
    zk_err err = stark_layout_make(l, air, &p->opt, why);
    if (err)
        return err;
    stark_security_of(sec, l, &p->opt);
    /* A prover that records a level other than the one its options give is
     * not one of ours; the figure itself is never used. */
    if (!security_matches(sec, &p->sec))
        return fail(why, "the recorded security level is wrong", ZK_EINVAL);
    if (p->n_fri != l->fri_layers || p->n_rem != l->fri_rem || !p->ood_main || !p->ood_comp ||
        (air->n_aux && !p->ood_aux) || (l->fri_layers && (!p->fri || !p->fri_roots)) ||
        !p->fri_rem || air->n_challenges > STARK_AIR_MAX_CHALLENGES ||
        (air->n_fixed && (!air->vt || !air->vt->build_fixed)) ||
        (air->n_fixed == 0) != (p->fixed.n == 0))
        return fail(why, "the proof's shape does not match the AIR", ZK_EINVAL);
    return ZK_OK;
}

zk_err stark_proof_security(stark_security *s, const stark_proof *p, const stark_air *air,
                            const char **why)
{
    const char *w_dummy;
    stark_layout l;
    return proof_layout(&l, s, p, air, why ? why : &w_dummy);
}

zk_err stark_verify(const stark_proof *p, const stark_air *air, unsigned min_bits,
                    const char **why)
{
    const char *w_dummy;
    if (!why)
        why = &w_dummy;
    *why = NULL;
    stark_layout l;
    stark_security sec;
    zk_err err = proof_layout(&l, &sec, p, air, why);
    if (err)
        return err;
    /* The verifier, not the prover, decides what is enough: a cheating
     * prover picks weak options and retries until a false proof passes. */
    if (sec.conjectured < min_bits)
        return fail(why, "conjectured security below the minimum", ZK_EVERIFY);

    /* The fixed columns' root comes from the AIR: cached by its
     * constructor for this blowup, or recomputed from the statement. */
    hash_digest fixed_root = {{0}};
    if (air->n_fixed) {
        if (air->fixed_root_log_blowup == p->opt.log_blowup)
            fixed_root = air->fixed_root;
        else if ((err = stark_air_fixed_root(&fixed_root, air, p->opt.log_blowup)))
            return fail(why, "the AIR's fixed columns", err);
    }
    transcript t;
    stark_transcript_start(&t, air, &p->opt);
    transcript_absorb(&t, p->main_root.b, HASH_BYTES);
    if (air->n_fixed)
        transcript_absorb(&t, fixed_root.b, HASH_BYTES);
    gl2_t chal[STARK_AIR_MAX_CHALLENGES];
    if (air->n_aux) {
        for (size_t i = 0; i < air->n_challenges; i++)
            chal[i] = transcript_draw_gl2(&t);
        transcript_absorb(&t, p->aux_root.b, HASH_BYTES);
    }
    size_t w = stark_air_row_width(air), nt = w + air->n_aux;
    gl_t *row = zk_alloc(w, sizeof *row);
    gl2_t *alpha = zk_alloc(air->n_cons, sizeof *alpha);
    gl2_t *gamma = zk_alloc(nt, sizeof *gamma), *delta = zk_alloc(l.n_comp, sizeof *delta);
    gl2_t *betas = zk_alloc(l.fri_layers + 1, sizeof *betas);
    size_t *pos = zk_alloc(p->opt.queries, sizeof *pos);
    gl2_t *vals = zk_alloc(p->opt.queries, sizeof *vals);
    if (!row || !alpha || !gamma || !delta || !betas || !pos || !vals) {
        err = ZK_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < air->n_cons; i++)
        alpha[i] = transcript_draw_gl2(&t);
    transcript_absorb(&t, p->comp_root.b, HASH_BYTES);

    /* The out-of-domain check: the quotient from the trace values at z
     * and ω·z must equal the committed chunks recombined. */
    gl2_t z = stark_draw_ood(&t), gz = gl2_mul_base(z, l.omega_n);
    transcript_absorb_gl2(&t, p->ood_main, 2 * w);
    transcript_absorb_gl2(&t, p->ood_aux, 2 * air->n_aux);
    transcript_absorb_gl2(&t, p->ood_comp, l.n_comp);
    gl2_t q;
    if ((err = stark_quotient_at(&q, &l, air, p->ood_main, p->ood_aux, chal, alpha, z))) {
        *why = "out-of-domain check";
        goto out;
    }
    gl2_t zn = gl2_pow(z, l.n), zk_pow = gl2_from_base(1), sum = gl2_from_base(0);
    for (size_t k = 0; k < l.n_chunks; k++) {
        sum = gl2_add(sum, gl2_mul(zk_pow, p->ood_comp[k]));
        zk_pow = gl2_mul(zk_pow, zn);
    }
    if (!gl2_eq(sum, q)) {
        err = fail(why, "out-of-domain check", ZK_EVERIFY);
        goto out;
    }

    for (size_t i = 0; i < nt; i++)
        gamma[i] = transcript_draw_gl2(&t);
    gl2_t lambda = transcript_draw_gl2(&t);
    for (size_t k = 0; k < l.n_comp; k++)
        delta[k] = transcript_draw_gl2(&t);
    fri_config cfg;
    stark_fri_config(&cfg, &l, &p->opt);
    fri_replay(&cfg, p->fri_roots, p->fri_rem, &t, betas);
    if (!transcript_pow_ok(&t, p->pow_nonce, p->opt.grinding)) {
        err = fail(why, "proof of work", ZK_EVERIFY);
        goto out;
    }
    transcript_absorb_u64(&t, p->pow_nonce);
    size_t n = stark_draw_queries(&t, &l, p->opt.queries, pos);

    if ((err = stark_opening_check(&p->main, &p->main_root, l.log_lde, pos, n, l.main_width,
                                   l.salt_len))) {
        *why = "main trace Merkle path";
        goto out;
    }
    if (air->n_fixed && (err = stark_opening_check(&p->fixed, &fixed_root, l.log_lde, pos, n,
                                                   l.fixed_width, 0))) {
        *why = "fixed columns Merkle path";
        goto out;
    }
    if (air->n_aux && (err = stark_opening_check(&p->aux, &p->aux_root, l.log_lde, pos, n,
                                                 l.aux_width, l.salt_len))) {
        *why = "auxiliary trace Merkle path";
        goto out;
    }
    if ((err = stark_opening_check(&p->comp, &p->comp_root, l.log_lde, pos, n, l.comp_width,
                                   l.salt_len))) {
        *why = "composition Merkle path";
        goto out;
    }
    stark_deep dp;
    stark_deep_init(&dp, w, air->n_aux, l.n_comp, gamma, lambda, delta, z, gz, p->ood_main,
                    p->ood_aux, p->ood_comp);
    for (size_t k = 0; k < n; k++) {
        gl_t x = gl_mul(l.shift, gl_pow(l.omega_lde, pos[k]));
        /* A row as the AIR lays it out: main columns, then fixed ones. */
        memcpy(row, p->main.values + k * l.main_width, l.main_width * sizeof *row);
        if (air->n_fixed)
            memcpy(row + l.main_width, p->fixed.values + k * l.fixed_width,
                   l.fixed_width * sizeof *row);
        if ((err = stark_deep_at(&vals[k], &dp, x, row,
                                 air->n_aux ? p->aux.values + k * l.aux_width : NULL,
                                 p->comp.values + k * l.comp_width))) {
            *why = "DEEP composition";
            goto out;
        }
    }
    err = fri_check(&cfg, p->fri_roots, p->fri_rem, p->fri, betas, pos, vals, n, why);
    if (!err)
        *why = NULL;
out:
    zk_free(row);
    zk_free(alpha);
    zk_free(gamma);
    zk_free(delta);
    zk_free(betas);
    zk_free(pos);
    zk_free(vals);
    return err;
}
