/* The Groth16 prover (snark/groth16.h): one pipeline for a key in memory and
 * for a .zkey read a section at a time. */
#include <sodium.h>
#include <string.h>

#include "circuit/r1cs_io.h"
#include "core/alloc.h"
#include "core/file.h"
#include "curve/msm.h"
#include "snark/groth16.h"
#include "snark/groth16_internal.h"
#include "snark/points_io.h"

/* Where the key's sections come from: pk in memory, or the open file zf
 * (then each section is loaded when needed and freed right after, and the
 * coefficients, read by the caller, are freed as soon as A and B are
 * evaluated: at 2^20 they are 100 MB that the MSMs do not need). */
typedef struct key_src {
    const groth16_pk *pk;
    const zkey_file *zf;
    zkey_coef *owned_coefs;
} key_src;

static const zkey_header *src_header(const key_src *s) { return s->pk ? &s->pk->h : &s->zf->h; }

static zk_err src_g1(const key_src *s, uint32_t type, g1_aff **pts, bool *owned)
{
    const zkey_header *h = src_header(s);
    if (s->pk) {
        *owned = false;
        *pts = type == ZKEY_SEC_A ? s->pk->a : s->pk->b1;
        return ZK_OK;
    }
    *owned = true;
    return snark_load_g1s(pts, &s->zf->bf, type, h->n_vars);
}

/* The C and H points side by side, as one MSM costs less than two. */
static zk_err src_ch(const key_src *s, g1_aff **pts)
{
    const zkey_header *h = src_header(s);
    size_t npriv = h->n_vars - h->n_public - 1;
    g1_aff *p = zk_alloc(npriv + h->domain_size, sizeof *p);
    if (!p)
        return ZK_ENOMEM;
    zk_err err = ZK_OK;
    if (s->pk) {
        memcpy(p, s->pk->c, npriv * sizeof *p);
        memcpy(p + npriv, s->pk->hq, h->domain_size * sizeof *p);
    } else {
        const zk_binfile_section *sc, *sh;
        if (!(err = zk_binfile_section_get(&s->zf->bf, ZKEY_SEC_C, &sc)) &&
            !(err = zk_binfile_section_get(&s->zf->bf, ZKEY_SEC_H, &sh)) &&
            !(err = snark_read_g1s(p, &s->zf->bf, sc, 0, npriv)))
            err = snark_read_g1s(p + npriv, &s->zf->bf, sh, 0, h->domain_size);
    }
    if (err) {
        zk_free(p);
        return err;
    }
    *pts = p;
    return ZK_OK;
}

static zk_err src_b2(const key_src *s, g2_aff **pts, bool *owned)
{
    if (s->pk) {
        *owned = false;
        *pts = s->pk->b2;
        return ZK_OK;
    }
    *owned = true;
    /* Subgroup checks of every B point would cost a second G2 MSM; a bad
     * point only makes a proof that does not verify. */
    return snark_load_g2s(pts, &s->zf->bf, ZKEY_SEC_B2, src_header(s)->n_vars, false);
}

static zk_err phase(const zk_events *ev, zk_event_kind k, const char *name)
{
    return zk_emit(ev, k, name, k == ZK_EV_END, 1, NULL);
}

static zk_err prove_core(groth16_proof *proof, key_src *src, const fr_t *w,
                          const zkey_coef *coefs, size_t n_coefs, const g1_jac *h_override,
                          zk_rng *rng, const zk_events *ev)
{
    const zkey_header *h = src_header(src);
    size_t n = h->domain_size, npriv = h->n_vars - h->n_public - 1;
    zk_err err;
    fr_domain d = {0};
    /* The scalars of the C+H MSM: the private witness, then the values of
     * A·B − C on the coset, computed in place. */
    fr_t *sc = zk_alloc_aligned(npriv + n, sizeof *sc);
    fr_t *b = zk_alloc_aligned(n, sizeof *b), *c = zk_alloc_aligned(n, sizeof *c);
    g1_aff *pts = NULL;
    g2_aff *pts2 = NULL;
    bool owned = false;
    g1_jac acc_a, acc_b1, acc_ch;
    g2_jac acc_b2;
    if (!sc || !b || !c) {
        err = ZK_ENOMEM;
        goto out;
    }
    memcpy(sc, w + h->n_public + 1, npriv * sizeof *sc);
    if ((err = phase(ev, ZK_EV_BEGIN, "qap_h")) || (err = fr_domain_init(&d, h->log_n)))
        goto out;
    groth16_eval_ab(sc + npriv, b, n, coefs, n_coefs, w);
    zk_free(src->owned_coefs);
    src->owned_coefs = NULL;
    if ((err = groth16_h_coset(sc + npriv, b, c, &d, ev)) || (err = phase(ev, ZK_EV_END, "qap_h")))
        goto out;
    fr_domain_free(&d);
    /* B(x) and C(x) on the coset come from the witness: wiped, not just freed. */
    zk_free_secret(b, n, sizeof(fr_t));
    zk_free_secret(c, n, sizeof(fr_t));
    b = c = NULL;

    if ((err = phase(ev, ZK_EV_BEGIN, "msm_c")) || (err = src_ch(src, &pts)))
        goto out;
    /* A forger replaces the H part, which only exists for a satisfying
     * witness, by a point of its own. */
    err = g1_msm_var(&acc_ch, pts, sc, h_override ? npriv : npriv + n, ev);
    zk_free(pts);
    pts = NULL;
    /* The other MSMs take the witness itself: the scalars go now, so that
     * the G2 points never share memory with them. */
    zk_free_secret(sc, npriv + n, sizeof *sc);
    sc = NULL;
    if (err || (err = phase(ev, ZK_EV_END, "msm_c")))
        goto out;
    if (h_override)
        g1_add_var(&acc_ch, &acc_ch, h_override);

    if ((err = phase(ev, ZK_EV_BEGIN, "msm_a")) || (err = src_g1(src, ZKEY_SEC_A, &pts, &owned)))
        goto out;
    err = g1_msm_var(&acc_a, pts, w, h->n_vars, ev);
    if (owned)
        zk_free(pts);
    pts = NULL;
    if (err || (err = phase(ev, ZK_EV_END, "msm_a")))
        goto out;

    if ((err = phase(ev, ZK_EV_BEGIN, "msm_b1")) || (err = src_g1(src, ZKEY_SEC_B1, &pts, &owned)))
        goto out;
    err = g1_msm_var(&acc_b1, pts, w, h->n_vars, ev);
    if (owned)
        zk_free(pts);
    pts = NULL;
    if (err || (err = phase(ev, ZK_EV_END, "msm_b1")))
        goto out;

    if ((err = phase(ev, ZK_EV_BEGIN, "msm_b2")) || (err = src_b2(src, &pts2, &owned)))
        goto out;
    err = g2_msm_var(&acc_b2, pts2, w, h->n_vars, ev);
    if (owned)
        zk_free(pts2);
    pts2 = NULL;
    if (err || (err = phase(ev, ZK_EV_END, "msm_b2")))
        goto out;

    if ((err = phase(ev, ZK_EV_BEGIN, "finish")))
        goto out;
    groth16_blind(proof, h, &acc_a, &acc_b1, &acc_b2, &acc_ch, rng);
    err = phase(ev, ZK_EV_END, "finish");
out:
    fr_domain_free(&d);
    zk_free_secret(sc, npriv + n, sizeof *sc);
    zk_free_secret(b, n, sizeof(fr_t));
    zk_free_secret(c, n, sizeof(fr_t));
    return err;
}

/* Groth16's blinding: A += α + r·δ, B += β + s·δ, C += s·A + r·B' − r·s·δ. */
void groth16_blind(groth16_proof *proof, const zkey_header *h, const g1_jac *acc_a,
                   const g1_jac *acc_b1, const g2_jac *acc_b2, const g1_jac *acc_c, zk_rng *rng)
{
    fr_t r, s, rs;
    fr_random(&r, rng);
    fr_random(&s, rng);
    fr_mul(&rs, &r, &s);
    fr_neg(&rs, &rs);
    uint64_t kr[4], ks[4], krs[4];
    fr_to_int(kr, &r);
    fr_to_int(ks, &s);
    fr_to_int(krs, &rs);

    g1_jac d1, t, A, B1, C;
    g2_jac d2, t2, B;
    g1_from_aff(&d1, &h->delta1);
    g2_from_aff(&d2, &h->delta2);

    g1_mul(&t, &d1, kr);
    g1_add_var(&A, acc_a, &t);
    g1_add_mixed_var(&A, &A, &h->alpha1);

    g2_mul(&t2, &d2, ks);
    g2_add_var(&B, acc_b2, &t2);
    g2_add_mixed_var(&B, &B, &h->beta2);

    g1_mul(&t, &d1, ks);
    g1_add_var(&B1, acc_b1, &t);
    g1_add_mixed_var(&B1, &B1, &h->beta1);

    g1_mul(&C, &A, ks);
    g1_add_var(&C, &C, acc_c);
    g1_mul(&t, &B1, kr);
    g1_add_var(&C, &C, &t);
    g1_mul(&t, &d1, krs);
    g1_add_var(&C, &C, &t);

    g1_to_aff(&proof->a, &A);
    g2_to_aff(&proof->b, &B);
    g1_to_aff(&proof->c, &C);
    sodium_memzero(kr, sizeof kr);
    sodium_memzero(ks, sizeof ks);
    sodium_memzero(krs, sizeof krs);
    sodium_memzero(&r, sizeof r);
    sodium_memzero(&s, sizeof s);
    sodium_memzero(&rs, sizeof rs);
}

static zk_err check_witness(const zkey_header *h, const fr_t *w, size_t n_w)
{
    if (n_w != h->n_vars || !fr_is_one(&w[0]))
        return ZK_EINVAL;
    return ZK_OK;
}

zk_err groth16_prove_with_h(groth16_proof *proof, const groth16_pk *pk, const fr_t *w,
                            size_t n_w, const g1_jac *h_override, zk_rng *rng,
                            const zk_events *ev)
{
    zk_err err = check_witness(&pk->h, w, n_w);
    if (err)
        return err;
    key_src src = {pk, NULL, NULL};
    return prove_core(proof, &src, w, pk->coefs, pk->n_coefs, h_override, rng, ev);
}

zk_err groth16_prove(groth16_proof *proof, const groth16_pk *pk, const fr_t *w, size_t n_w,
                     zk_rng *rng, const zk_events *ev)
{
    return groth16_prove_with_h(proof, pk, w, n_w, NULL, rng, ev);
}

/* Records path as the file that failed with err unless the reader did
 * (a missing file records itself; a malformed one does not): the caller
 * names one file, never "the key or the witness". */
static zk_err blame(zk_err err, const char *path)
{
    if (err && err != ZK_ENOMEM && err != ZK_EINVAL && err != ZK_ECANCELLED &&
        !zk_file_which(err, NULL))
        return zk_file_fail(path, false, 0, err);
    return err;
}

/* The prover on an open key: load its coefficients, then prove_core. */
static zk_err prove_open(groth16_proof *proof, const zkey_file *zf, const fr_t *w, size_t n_w,
                         zk_rng *rng, const zk_events *ev)
{
    zkey_coef *coefs = NULL;
    size_t n_coefs = 0;
    zk_err err = check_witness(&zf->h, w, n_w);
    if (!err)
        err = zkey_read_coefs(zf, &coefs, &n_coefs);
    if (!err)
        err = phase(ev, ZK_EV_END, "load");
    if (!err) {
        key_src src = {NULL, zf, coefs};
        err = prove_core(proof, &src, w, coefs, n_coefs, NULL, rng, ev);
        coefs = src.owned_coefs;
    }
    zk_free(coefs);
    return err;
}

zk_err groth16_prove_zkey(groth16_proof *proof, const char *zkey_path, const fr_t *w, size_t n_w,
                          zk_rng *rng, const zk_events *ev)
{
    zkey_file zf;
    zk_err err = phase(ev, ZK_EV_BEGIN, "load");
    if (err)
        return err;
    if ((err = zkey_open(&zf, zkey_path)))
        return blame(err, zkey_path);
    err = prove_open(proof, &zf, w, n_w, rng, ev);
    zkey_close(&zf);
    return err;
}

zk_err groth16_prove_files(groth16_proof *proof, fr_t **pub, size_t *n_pub, const char *zkey_path,
                           const char *wtns_path, zk_rng *rng, const zk_events *ev)
{
    zkey_file zf;
    fr_t *w = NULL;
    size_t n_w = 0;
    zk_err err = phase(ev, ZK_EV_BEGIN, "load");
    if (err)
        return err;
    if ((err = zkey_open(&zf, zkey_path)))
        return blame(err, zkey_path);
    if ((err = wtns_read_file(wtns_path, &w, &n_w))) {
        zkey_close(&zf);
        return blame(err, wtns_path);
    }
    size_t np = zf.h.n_public;
    fr_t *p = zk_alloc(np ? np : 1, sizeof *p);
    err = p ? prove_open(proof, &zf, w, n_w, rng, ev) : ZK_ENOMEM;
    if (!err) {
        memcpy(p, w + 1, np * sizeof *p);
        *pub = p;
        *n_pub = np;
    } else {
        zk_free(p);
    }
    zk_free_secret(w, n_w, sizeof *w);
    zkey_close(&zf);
    /* Past the witness, only the key's sections are read. */
    return blame(err, zkey_path);
}
