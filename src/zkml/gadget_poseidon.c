/* Poseidon over BN254 as constraints (circomlib's parameters,
 * hash/poseidon_bn254.h), and the model hash's sponge on top of it.
 *
 * Each S-box x^5 is three products, x·x = x2, x2·x2 = x4, x4·x = x5, each
 * with a fresh wire: 3 constraints and 3 wires an S-box, 3(8t + P) for a
 * permutation of width t with P partial rounds (612 for t = 17, P = 68,
 * circomlib's count). Everything else is linear and costs nothing: the
 * round constants and the MDS mixing are folded into the combinations the
 * S-boxes read. Those combinations are the same for every permutation of
 * one width, so they are computed once, symbolically, over a basis of the
 * constant 1, the t inputs and the S-box outputs so far (zg_poseidon_new);
 * a permutation then substitutes its inputs and its wires. The S-box inputs
 * of a partial round read at most the t outputs of the last full round and
 * the partial S-boxes before it, so no combination exceeds t + P + 1 terms.
 *
 * A state that is still constant (the sponge's header blocks) is permuted
 * natively and costs nothing. The sponge: zkml/zkml.h. */
#include "zkml/gadget.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"

struct zg_poseidon {
    unsigned t, n_sbox;
    uint32_t *in_off;       /* n_sbox + 1: S-box k reads terms [in_off[k], in_off[k+1]) */
    uint32_t *out_off;      /* t + 1, into the same arrays after the S-boxes' terms */
    uint32_t *idx;          /* basis index: 0 the constant, 1 + i input i, 1 + t + k S-box k */
    fr_t *coef;
    uint32_t n_terms;
};

void zg_poseidon_free(zg_poseidon *p)
{
    if (!p)
        return;
    zk_free(p->in_off);
    zk_free(p->out_off);
    zk_free(p->idx);
    zk_free(p->coef);
    zk_free(p);
}

/* Appends the non-zero entries of row[lo..hi) and row[0] to p's terms. */
static void push_row(zg_poseidon *p, const fr_t *row, size_t lo, size_t hi)
{
    if (!fr_is_zero(&row[0])) {
        p->idx[p->n_terms] = 0;
        p->coef[p->n_terms++] = row[0];
    }
    for (size_t j = lo; j < hi; j++)
        if (!fr_is_zero(&row[j])) {
            p->idx[p->n_terms] = (uint32_t)j;
            p->coef[p->n_terms++] = row[j];
        }
}

zk_err zg_poseidon_new(zg_poseidon **out, unsigned t)
{
    *out = NULL;
    if (t < 2 || t > POSEIDON_BN254_MAX_T)
        return ZK_EINVAL;
    const poseidon_bn254_params *pp = &poseidon_bn254_table[t - 2];
    unsigned rounds = pp->full_rounds + pp->partial_rounds, half = pp->full_rounds / 2;
    size_t n_sbox = (size_t)pp->full_rounds * t + pp->partial_rounds;
    size_t cols = 1 + t + n_sbox;
    /* Every stored combination has at most t + P + 1 terms (see above) plus
     * t for the first round's inputs. */
    size_t max_terms = (n_sbox + t) * (t + pp->partial_rounds + 1);
    zg_poseidon *p = zk_calloc(1, sizeof *p);
    fr_t *st = zk_calloc(t * cols, sizeof *st), *nx = zk_calloc(t * cols, sizeof *nx);
    fr_t *m = zk_alloc(t * t, sizeof *m);
    if (p) {
        p->in_off = zk_alloc(n_sbox + 1, sizeof *p->in_off);
        p->out_off = zk_alloc(t + 1, sizeof *p->out_off);
        p->idx = zk_alloc(max_terms, sizeof *p->idx);
        p->coef = zk_alloc(max_terms, sizeof *p->coef);
    }
    if (!p || !st || !nx || !m || !p->in_off || !p->out_off || !p->idx || !p->coef) {
        zg_poseidon_free(p);
        zk_free(st);
        zk_free(nx);
        zk_free(m);
        return ZK_ENOMEM;
    }
    p->t = t;
    p->n_sbox = (unsigned)n_sbox;
    for (size_t i = 0; i < t * t; i++)
        fr_from_int(&m[i], pp->m[i]);
    for (unsigned i = 0; i < t; i++)
        fr_one(&st[i * cols + 1 + i]);
    /* Besides the constant, only columns [lo, hi) can be non-zero: the
     * inputs at first, then the S-boxes of the last full round and of the
     * partial rounds after it. */
    size_t lo = 1, hi = 1 + t, k = 0;
    for (unsigned r = 0; r < rounds; r++) {
        size_t k0 = k;
        for (unsigned i = 0; i < t; i++) {
            fr_t cst;
            fr_from_int(&cst, pp->c[r * t + i]);
            fr_add(&st[i * cols], &st[i * cols], &cst);
        }
        bool full = r < half || r >= half + pp->partial_rounds;
        for (unsigned i = 0; i < (full ? t : 1u); i++, k++) {
            p->in_off[k] = p->n_terms;
            push_row(p, &st[i * cols], lo, hi);
            memset(&st[i * cols], 0, cols * sizeof *st);
            fr_one(&st[i * cols + 1 + t + k]);
        }
        if (full)
            lo = 1 + t + k0;
        hi = 1 + t + k;
        /* new[i] = Σ_l M[i][l]·old[l], on the columns in use */
        for (unsigned i = 0; i < t; i++)
            for (size_t j = 0; j < hi; j = j == 0 ? lo : j + 1) {
                fr_t acc;
                fr_zero(&acc);
                for (unsigned l = 0; l < t; l++) {
                    fr_t pr;
                    fr_mul(&pr, &m[i * t + l], &st[l * cols + j]);
                    fr_add(&acc, &acc, &pr);
                }
                nx[i * cols + j] = acc;
            }
        for (unsigned i = 0; i < t; i++)
            for (size_t j = 0; j < hi; j = j == 0 ? lo : j + 1)
                st[i * cols + j] = nx[i * cols + j];
    }
    p->in_off[n_sbox] = p->n_terms;
    for (unsigned i = 0; i < t; i++) {
        p->out_off[i] = p->n_terms;
        push_row(p, &st[i * cols], lo, hi);
    }
    p->out_off[t] = p->n_terms;
    zk_free(st);
    zk_free(nx);
    zk_free(m);
    *out = p;
    return ZK_OK;
}

/* The combination of S-box k's input (or output i, with off = out_off):
 * basis terms [b, e) with the inputs substituted and S-box j at wire
 * base + 3j + 2. */
static void form(zc *c, r1cs_lc *x, const zg_poseidon *p, uint32_t b, uint32_t e,
                 const zg_state *in, uint32_t base)
{
    r1cs_lc_clear(x);
    fr_t k0;   /* the constant terms, summed so that w_0 appears once */
    fr_zero(&k0);
    for (uint32_t i = b; i < e; i++) {
        uint32_t j = p->idx[i];
        if (j == 0) {
            fr_add(&k0, &k0, &p->coef[i]);
        } else if (j <= p->t) {
            const r1cs_lc *src = &in->lc[j - 1];
            for (uint32_t l = 0; l < src->n; l++) {
                fr_t k;
                fr_mul(&k, &p->coef[i], &src->coef[l]);
                if (src->wire[l] == 0)
                    fr_add(&k0, &k0, &k);
                else
                    zl_fr(c, x, src->wire[l], &k);
            }
        } else {
            zl_fr(c, x, base + 3 * (j - 1 - p->t) + 2, &p->coef[i]);
        }
    }
    zl_fr(c, x, 0, &k0);
}

/* lc += k·w_0, merged with a constant term lc already has. */
static void add_constant(zc *c, r1cs_lc *lc, const fr_t *k)
{
    for (uint32_t l = 0; l < lc->n; l++)
        if (lc->wire[l] == 0) {
            fr_add(&lc->coef[l], &lc->coef[l], k);
            return;
        }
    zl_fr(c, lc, 0, k);
}

/* Σ coef·basis over terms [b, e). */
static void value(fr_t *out, const zg_poseidon *p, uint32_t b, uint32_t e, const fr_t *basis)
{
    fr_zero(out);
    for (uint32_t i = b; i < e; i++) {
        fr_t pr;
        fr_mul(&pr, &p->coef[i], &basis[p->idx[i]]);
        fr_add(out, out, &pr);
    }
}

static void set_constant(zc *c, zg_state *st, unsigned t)
{
    for (unsigned i = 0; i < t && c->lcs; i++) {
        r1cs_lc_clear(&st->lc[i]);
        zl_fr(c, &st->lc[i], 0, &st->val[i]);
    }
}

void zg_poseidon_perm(zc *c, const zg_poseidon *p, zg_state *st)
{
    const unsigned t = p->t;
    if (c->err)
        return;
    if (st->constant) {
        fr_t out[POSEIDON_BN254_MAX_T];
        if ((c->err = poseidon_bn254_hash_ex(out, t, st->val + 1, t - 1, &st->val[0])))
            return;
        memcpy(st->val, out, t * sizeof *out);
        set_constant(c, st, t);
        return;
    }
    uint32_t base = zc_wires(c, 3 * p->n_sbox);
    fr_t *basis = NULL;
    if (c->w) {
        basis = zk_alloc(1 + t + p->n_sbox, sizeof *basis);
        if (!basis) {
            c->err = ZK_ENOMEM;
            return;
        }
        fr_one(&basis[0]);
        memcpy(basis + 1, st->val, t * sizeof *basis);
    }
    r1cs_lc *x = &c->t[2], *a = &c->t[3], *o = &c->t[4];
    for (uint32_t k = 0; k < p->n_sbox && !c->err; k++) {
        uint32_t w2 = base + 3 * k;
        if (basis) {
            fr_t v, v2, v4, v5;
            value(&v, p, p->in_off[k], p->in_off[k + 1], basis);
            fr_sqr(&v2, &v);
            fr_sqr(&v4, &v2);
            fr_mul(&v5, &v4, &v);
            zc_set(c, w2, &v2);
            zc_set(c, w2 + 1, &v4);
            zc_set(c, w2 + 2, &v5);
            basis[1 + t + k] = v5;
        }
        if (!c->lcs)
            continue;
        form(c, x, p, p->in_off[k], p->in_off[k + 1], st, base);
        /* x·x = x2, x2·x2 = x4, x4·x = x5 */
        r1cs_lc_clear(o);
        zl_i64(c, o, w2, 1);
        zc_add(c, x, x, o);
        r1cs_lc_clear(a);
        zl_i64(c, a, w2, 1);
        r1cs_lc_clear(o);
        zl_i64(c, o, w2 + 1, 1);
        zc_add(c, a, a, o);
        r1cs_lc_clear(a);
        zl_i64(c, a, w2 + 1, 1);
        r1cs_lc_clear(o);
        zl_i64(c, o, w2 + 2, 1);
        zc_add(c, a, x, o);
    }
    for (unsigned i = 0; i < t; i++) {
        if (basis)
            value(&st->val[i], p, p->out_off[i], p->out_off[i + 1], basis);
        if (c->lcs) {
            /* The outputs read only S-boxes, never the inputs being replaced. */
            form(c, x, p, p->out_off[i], p->out_off[i + 1], st, base);
            r1cs_lc_clear(&st->lc[i]);
            for (uint32_t l = 0; l < x->n; l++)
                zl_fr(c, &st->lc[i], x->wire[l], &x->coef[l]);
        }
    }
    /* The basis holds the state's values: in hashed visibility, the
     * private weights and what the permutation made of them. */
    zk_free_secret(basis, basis ? 1 + t + p->n_sbox : 0, sizeof *basis);
}

void zg_sponge(zc *c, const zg_poseidon *p, const fr_t *tag, const zg_elem *elems, size_t n,
               uint32_t out)
{
    const unsigned t = p->t, rate = t - 1;
    zg_state st;
    memset(&st, 0, sizeof st);
    for (unsigned i = 0; i < t; i++)
        r1cs_lc_init(&st.lc[i]);
    st.val[0] = *tag;
    st.constant = true;
    set_constant(c, &st, t);
    for (size_t b = 0; b < n && !c->err; b += rate) {
        zc_at(c, c->row, c->op, b / rate, c->gadget);
        for (unsigned i = 0; i < rate && b + i < n; i++) {
            const zg_elem *e = &elems[b + i];
            fr_add(&st.val[1 + i], &st.val[1 + i], &e->value);
            if (e->wire != 0)
                st.constant = false;
            if (c->lcs && e->wire == 0) {
                add_constant(c, &st.lc[1 + i], &e->value);
            } else if (c->lcs) {
                fr_t one;
                fr_one(&one);
                zl_fr(c, &st.lc[1 + i], e->wire, &one);
            }
        }
        zg_poseidon_perm(c, p, &st);
    }
    zc_set(c, out, &st.val[0]);
    if (c->lcs) {
        r1cs_lc *d = &c->t[2];
        r1cs_lc_clear(d);
        zl_i64(c, d, out, 1);
        for (uint32_t l = 0; l < st.lc[0].n; l++) {
            fr_t k;
            fr_neg(&k, &st.lc[0].coef[l]);
            zl_fr(c, d, st.lc[0].wire[l], &k);
        }
        zc_add(c, NULL, NULL, d);
    }
    for (unsigned i = 0; i < t; i++)
        r1cs_lc_free(&st.lc[i]);
    sodium_memzero(st.val, sizeof st.val);
}
