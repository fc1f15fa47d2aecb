/* Groth16 setup from a powers-of-tau file, point for point what `snarkjs
 * groth16 setup` (zkey_new.js) writes, then our phase-2 contribution
 * (snark/groth16_setup.h). */
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/glv.h"
#include "snark/groth16_setup.h"
#include "snark/points_io.h"
#include "snark/ptau.h"
#include "snark/ptau_internal.h"
#include "snark/snarkjs_rng.h"
#include "snark/zkey_mpc.h"

typedef struct combine_term {
    uint32_t idx;    /* point index in its base array */
    uint32_t base;   /* which base array */
    fr_t coef;
} combine_term;

#define TPL_TEMPLATE "snark/group_combine_impl.h"
#include "snark/group_template.h"

/* ---- the sums each wire's points are made of ----------------------------------------- */

enum { BASE_TAU, BASE_BETA, BASE_ALPHA };
enum { LIST_A, LIST_B, LIST_K };

typedef struct term_list {
    combine_term *t;
    uint64_t *start;   /* n_out + 1 */
    size_t n_out;
} term_list;

static void term_list_free(term_list *l)
{
    zk_free(l->t);
    zk_free(l->start);
    memset(l, 0, sizeof *l);
}

/* Visits the terms of one list: counting (t == NULL) or filling. The A, B
 * and K (IC and C) sums of zkey_new.js processConstraints, public wires'
 * extra constraints included. */
static void visit(term_list *l, uint64_t *pos, const groth16_cs *cs, int which)
{
    fr_t one;
    fr_one(&one);
    for (uint32_t c = 0; c < cs->n_constraints; c++) {
        for (int side = 0; side < 3; side++) {
            uint32_t base;
            if (which == LIST_A && side == 0)
                base = BASE_TAU;
            else if (which == LIST_B && side == 1)
                base = BASE_TAU;
            else if (which == LIST_K)
                base = side == 0 ? BASE_BETA : side == 1 ? BASE_ALPHA : BASE_TAU;
            else
                continue;
            size_t nt;
            const groth16_term *t = groth16_cs_side(cs, c, side, &nt);
            for (size_t i = 0; i < nt; i++) {
                if (l->t)
                    l->t[pos[t[i].wire]++] = (combine_term){c, base, t[i].coef};
                else
                    pos[t[i].wire + 1]++;
            }
        }
    }
    if (which == LIST_B)
        return;
    for (uint32_t s = 0; s <= cs->n_public; s++) {
        uint32_t base = which == LIST_A ? BASE_TAU : BASE_BETA;
        if (l->t)
            l->t[pos[s]++] = (combine_term){cs->n_constraints + s, base, one};
        else
            pos[s + 1]++;
    }
}

static zk_err term_list_build(term_list *l, const groth16_cs *cs, int which)
{
    memset(l, 0, sizeof *l);
    l->n_out = cs->n_wires;
    l->start = zk_calloc(l->n_out + 1, sizeof *l->start);
    uint64_t *pos = zk_alloc(l->n_out + 1, sizeof *pos);
    if (!l->start || !pos) {
        zk_free(pos);
        term_list_free(l);
        return ZK_ENOMEM;
    }
    visit(l, l->start, cs, which);
    for (size_t j = 0; j < l->n_out; j++)
        l->start[j + 1] += l->start[j];
    l->t = zk_alloc(l->start[l->n_out] ? (size_t)l->start[l->n_out] : 1, sizeof *l->t);
    if (!l->t) {
        zk_free(pos);
        term_list_free(l);
        return ZK_ENOMEM;
    }
    memcpy(pos, l->start, (l->n_out + 1) * sizeof *pos);
    visit(l, pos, cs, which);
    zk_free(pos);
    return ZK_OK;
}

/* ---- Lagrange blocks ---------------------------------------------------------------- */

/* Block k of a prepared section, or, for a file not prepared, computed from
 * the first 2^k powers (snark/ptau.h). */
static zk_err lagrange_block(void **out, const zk_binfile *b, uint32_t lag, uint32_t pow, unsigned k,
                             bool g2)
{
    size_t n = (size_t)1 << k, sz = g2 ? sizeof(g2_aff) : sizeof(g1_aff);
    void *p = zk_alloc(n, sz);
    if (!p)
        return ZK_ENOMEM;
    const zk_binfile_section *s;
    zk_err err;
    if (zk_binfile_has(b, lag)) {
        if (!(err = zk_binfile_section_get(b, lag, &s)))
            err = g2 ? snark_read_g2s(p, b, s, n - 1, n, false) : snark_read_g1s(p, b, s, n - 1, n);
    } else if (!(err = zk_binfile_section_get(b, pow, &s))) {
        size_t have = (size_t)(s->size / (g2 ? 128 : 64));
        size_t take = have < n ? have : n;
        err = g2 ? snark_read_g2s(p, b, s, 0, take, false) : snark_read_g1s(p, b, s, 0, take);
        for (size_t i = take; i < n; i++) {
            if (g2)
                g2_aff_set_inf((g2_aff *)p + i);
            else
                g1_aff_set_inf((g1_aff *)p + i);
        }
        if (!err)
            err = g2 ? g2_lagrange_var(p, k) : g1_lagrange_var(p, k);
    }
    if (err) {
        zk_free(p);
        return err;
    }
    *out = p;
    return ZK_OK;
}

/* The odd points of block k of τ in G1's Lagrange section (2^(k−1) of
 * them), read a chunk at a time from a prepared file, or computed. */
static zk_err odd_points(g1_aff *out, const zk_binfile *b, unsigned k)
{
    size_t half = (size_t)1 << (k - 1);
    if (!zk_binfile_has(b, PTAU_SEC_LAGRANGE_TAU_G1)) {
        void *blk;
        zk_err err = lagrange_block(&blk, b, PTAU_SEC_LAGRANGE_TAU_G1, PTAU_SEC_TAU_G1, k, false);
        if (err)
            return err;
        for (size_t i = 0; i < half; i++)
            out[i] = ((const g1_aff *)blk)[2 * i + 1];
        zk_free(blk);
        return ZK_OK;
    }
    const zk_binfile_section *s;
    zk_err err = zk_binfile_section_get(b, PTAU_SEC_LAGRANGE_TAU_G1, &s);
    enum { CHUNK = 16384 };
    g1_aff *buf = err ? NULL : zk_alloc(2 * CHUNK, sizeof *buf);
    if (!err && !buf)
        err = ZK_ENOMEM;
    /* Block k starts after blocks 0 .. k − 1: 2^k − 1 points. */
    uint64_t first = ((uint64_t)1 << k) - 1;
    for (size_t at = 0; !err && at < half; at += CHUNK) {
        size_t m = half - at < CHUNK ? half - at : CHUNK;
        if (!(err = snark_read_g1s(buf, b, s, first + 2 * at, 2 * m)))
            for (size_t i = 0; i < m; i++)
                out[at + i] = buf[2 * i + 1];
    }
    zk_free(buf);
    return err;
}

/* ---- the circuit hash ------------------------------------------------------------------ */

static void hash_u32_be(blake2b_state *h, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    blake2b_update(h, b, 4);
}

/* The H part of zkey_new.js's circuit hash: τ^(i+n)·G1 − τ^i·G1, which
 * snarkjs hashes in chunks of 2^14 points, each chunk full length (so for
 * n > 2^14 it hashes n points, not the n − 1 it announces; for the last,
 * τ^(2n−1) must be in the file, i.e. the ceremony must be bigger than the
 * circuit: ZK_EUNSUPPORTED otherwise, where snarkjs reads past the section). */
static zk_err hash_h_points(blake2b_state *h, const zk_binfile *b, size_t n)
{
    hash_u32_be(h, (uint32_t)(n - 1));
    size_t count = n - 1 <= 16384 ? n - 1 : (n - 1 + 16383) / 16384 * 16384;
    const zk_binfile_section *s;
    zk_err err = zk_binfile_section_get(b, PTAU_SEC_TAU_G1, &s);
    if (err)
        return err;
    if (count + n > s->size / 64)
        return ZK_EUNSUPPORTED;
    /* In chunks: τ^i and τ^(i+n) for i in the chunk, their differences
     * made affine together, hashed in order. */
    enum { CHUNK = 16384 };
    g1_aff *lo = zk_alloc(CHUNK, sizeof *lo), *hi = zk_alloc(CHUNK, sizeof *hi);
    g1_jac *d = zk_alloc(CHUNK, sizeof *d);
    if (!lo || !hi || !d)
        err = ZK_ENOMEM;
    for (size_t at = 0; !err && at < count; at += CHUNK) {
        size_t m = count - at < CHUNK ? count - at : CHUNK;
        if ((err = snark_read_g1s(lo, b, s, at, m)) || (err = snark_read_g1s(hi, b, s, at + n, m)))
            break;
        for (size_t i = 0; i < m; i++) {
            g1_aff neg;
            g1_aff_neg(&neg, &lo[i]);
            g1_from_aff(&d[i], &hi[i]);
            g1_add_mixed_var(&d[i], &d[i], &neg);
        }
        g1_batch_to_aff_var(lo, d, m);
        for (size_t i = 0; i < m; i++)
            snarkjs_hash_g1(h, &lo[i]);
    }
    zk_free(lo);
    zk_free(hi);
    zk_free(d);
    return err;
}

static void hash_g1s(blake2b_state *h, const g1_aff *p, size_t n)
{
    hash_u32_be(h, (uint32_t)n);
    for (size_t i = 0; i < n; i++)
        snarkjs_hash_g1(h, &p[i]);
}

/* ---- setup --------------------------------------------------------------------------- */

zk_err groth16_setup_ptau_init(groth16_pk *pk, const groth16_cs *cs, const char *ptau_path,
                               const zk_events *ev)
{
    memset(pk, 0, sizeof *pk);
    zk_binfile b;
    zk_err err = zk_binfile_open(&b, ptau_path, "ptau", 1);
    if (err)
        return err;
    unsigned power, cpow, k = groth16_cs_log_domain(cs);
    g1_aff *ltau = NULL, *lbeta = NULL, *lalpha = NULL, *k_pts = NULL;
    g2_aff *ltau2 = NULL, *beta2 = NULL;
    term_list la = {0}, lb = {0}, lk = {0};
    if ((err = ptau_read_header(&b, &power, &cpow)))
        goto out;
    if (k > power) {
        err = ZK_EOVERFLOW;
        goto out;
    }
    size_t n = (size_t)1 << k, nv = cs->n_wires, np = cs->n_public;
    zkey_header *h = &pk->h;
    groth16_setup_sizes(h, cs);
    if ((err = zk_emit(ev, ZK_EV_BEGIN, "setup", 0, 8, NULL)))
        goto out;
    /* The four series in the Lagrange basis of the circuit's domain. */
    void *got[4] = {NULL, NULL, NULL, NULL};
    static const uint32_t lag[4] = {PTAU_SEC_LAGRANGE_TAU_G1, PTAU_SEC_LAGRANGE_BETA_G1,
                                    PTAU_SEC_LAGRANGE_ALPHA_G1, PTAU_SEC_LAGRANGE_TAU_G2};
    static const uint32_t pow[4] = {PTAU_SEC_TAU_G1, PTAU_SEC_BETA_G1, PTAU_SEC_ALPHA_G1,
                                    PTAU_SEC_TAU_G2};
    for (int i = 0; i < 4 && !err; i++)
        err = lagrange_block(&got[i], &b, lag[i], pow[i], k, i == 3);
    ltau = got[0];
    lbeta = got[1];
    lalpha = got[2];
    ltau2 = got[3];
    if (err)
        goto out;
    if ((err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 1, 8, NULL)))
        goto out;

    if ((err = snark_load_g2s(&beta2, &b, PTAU_SEC_BETA_G2, 1, true)))
        goto out;
    const zk_binfile_section *s4, *s5;
    g1_aff ab[2];
    if ((err = zk_binfile_section_get(&b, PTAU_SEC_ALPHA_G1, &s4)) ||
        (err = zk_binfile_section_get(&b, PTAU_SEC_BETA_G1, &s5)) ||
        (err = snark_read_g1s(&ab[0], &b, s4, 0, 1)) || (err = snark_read_g1s(&ab[1], &b, s5, 0, 1)))
        goto out;
    h->alpha1 = ab[0];
    h->beta1 = ab[1];
    h->beta2 = beta2[0];
    h->gamma2 = g2_generator;
    h->delta1 = g1_generator;
    h->delta2 = g2_generator;

    if ((err = groth16_setup_coefs(&pk->coefs, &pk->n_coefs, cs)) || (err = groth16_pk_alloc(pk)) ||
        (err = term_list_build(&la, cs, LIST_A)) || (err = term_list_build(&lb, cs, LIST_B)) ||
        (err = term_list_build(&lk, cs, LIST_K)))
        goto out;
    const g1_aff *bases1[3] = {ltau, lbeta, lalpha};
    const g2_aff *bases2[1] = {ltau2};
    if (!(k_pts = zk_alloc(nv, sizeof *k_pts))) {
        err = ZK_ENOMEM;
        goto out;
    }
    if ((err = g1_combine(pk->a, nv, la.t, la.start, bases1)) ||
        (err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 2, 8, NULL)) ||
        (err = g1_combine(pk->b1, nv, lb.t, lb.start, bases1)) ||
        (err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 3, 8, NULL)) ||
        (err = g2_combine(pk->b2, nv, lb.t, lb.start, bases2)) ||
        (err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 4, 8, NULL)) ||
        (err = g1_combine(k_pts, nv, lk.t, lk.start, bases1)) ||
        (err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 5, 8, NULL)))
        goto out;
    memcpy(pk->ic, k_pts, (np + 1) * sizeof *k_pts);
    memcpy(pk->c, k_pts + np + 1, (nv - np - 1) * sizeof *k_pts);
    /* The bases are spent: their memory goes before H's block comes in. */
    zk_free(ltau);
    zk_free(lbeta);
    zk_free(lalpha);
    zk_free(ltau2);
    zk_free(k_pts);
    ltau = lbeta = lalpha = NULL;
    ltau2 = NULL;
    k_pts = NULL;
    term_list_free(&la);
    term_list_free(&lb);
    term_list_free(&lk);

    /* H_i = L^(2n)_(2i+1)(τ)·G1: the odd points of the next block. */
    if ((err = odd_points(pk->hq, &b, k + 1)))
        goto out;
    if ((err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 6, 8, NULL)))
        goto out;

    /* The circuit hash, in zkey_new.js's order. */
    blake2b_state hs;
    blake2b_init(&hs);
    snarkjs_hash_g1(&hs, &h->alpha1);
    snarkjs_hash_g1(&hs, &h->beta1);
    snarkjs_hash_g2(&hs, &h->beta2);
    snarkjs_hash_g2(&hs, &h->gamma2);
    snarkjs_hash_g1(&hs, &h->delta1);
    snarkjs_hash_g2(&hs, &h->delta2);
    hash_g1s(&hs, pk->ic, np + 1);
    if ((err = hash_h_points(&hs, &b, n)))
        goto out;
    hash_g1s(&hs, pk->c, nv - np - 1);
    hash_g1s(&hs, pk->a, nv);
    hash_g1s(&hs, pk->b1, nv);
    hash_u32_be(&hs, (uint32_t)nv);
    for (size_t i = 0; i < nv; i++)
        snarkjs_hash_g2(&hs, &pk->b2[i]);
    blake2b_final(&hs, pk->mpc.cs_hash);
    err = zk_emit(ev, ZK_EV_END, "setup", 8, 8, NULL);
out:
    zk_binfile_close(&b);
    zk_free(ltau);
    zk_free(lbeta);
    zk_free(lalpha);
    zk_free(ltau2);
    zk_free(beta2);
    zk_free(k_pts);
    term_list_free(&la);
    term_list_free(&lb);
    term_list_free(&lk);
    if (err)
        groth16_pk_free(pk);
    return err;
}

zk_err groth16_setup_ptau(groth16_pk *pk, const groth16_cs *cs, const char *ptau_path,
                          const char *name, zk_rng *rng, unsigned flags, const zk_events *ev)
{
    memset(pk, 0, sizeof *pk);
    const char *none = NULL;
    zk_err err = ptau_file_no_secret(&none, ptau_path);
    if (!err && none && !(flags & GROTH16_SETUP_INSECURE))
        err = ZK_EFORGEABLE;
    if (!err)
        err = groth16_setup_ptau_init(pk, cs, ptau_path, ev);
    if (!err && (flags & GROTH16_SETUP_CONTRIBUTE) && (err = zkey_contribute(pk, name, rng, ev)))
        groth16_pk_free(pk);
    return err;
}
