#include "stark/fri.h"

#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "poly/gl_poly.h"

/* ---- openings, shared with the trace trees ---------------------------------- */

void stark_opening_free(stark_opening *o)
{
    zk_free(o->values);
    zk_free(o->salts);
    zk_free(o->nodes);
    memset(o, 0, sizeof *o);
}

zk_err stark_opening_fill(stark_opening *o, const merkle_tree *t, const gl_t *rows, size_t width,
                          size_t stride, const uint8_t *salts, size_t salt_len,
                          const size_t *leaves, size_t n)
{
    memset(o, 0, sizeof *o);
    o->n = n;
    o->width = width;
    o->salt_len = salt_len;
    o->values = zk_alloc(n * width + 1, sizeof *o->values);
    o->salts = zk_alloc(n * salt_len + 1, 1);
    o->nodes = zk_alloc(n * t->depth + 1, sizeof *o->nodes);
    if (!o->values || !o->salts || !o->nodes) {
        stark_opening_free(o);
        return ZK_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        memcpy(o->values + k * width, rows + leaves[k] * stride, width * sizeof *rows);
        if (salt_len)
            memcpy(o->salts + k * salt_len, salts + leaves[k] * salt_len, salt_len);
    }
    o->n_nodes = merkle_prove_batch(t, leaves, n, o->nodes);
    return ZK_OK;
}

zk_err stark_opening_check(const stark_opening *o, const hash_digest *root, unsigned depth,
                           const size_t *leaves, size_t n, size_t width, size_t salt_len)
{
    if (o->n != n || o->width != width || o->salt_len != salt_len)
        return ZK_EVERIFY;
    hash_digest *h = zk_alloc(n + 1, sizeof *h);
    if (!h)
        return ZK_ENOMEM;
    for (size_t k = 0; k < n; k++)
        merkle_hash_row(&h[k], o->values + k * width, width,
                        salt_len ? o->salts + k * salt_len : NULL, salt_len);
    zk_err err = merkle_verify_batch(root, depth, leaves, h, n, o->nodes, o->n_nodes);
    zk_free(h);
    return err == ZK_ENOMEM ? err : err ? ZK_EVERIFY : ZK_OK;
}

/* ---- folding ----------------------------------------------------------------- */

typedef struct fold_consts {
    size_t f;
    gl_t zeta_inv[16];   /* ζ^(-m) for m < F */
    gl_t f_inv;
} fold_consts;

static void fold_consts_init(fold_consts *fc, unsigned log_fold)
{
    fc->f = (size_t)1 << log_fold;
    gl_t zeta, zi;
    gl_root_of_unity(&zeta, log_fold);
    gl_inv(&zi, zeta);
    fc->zeta_inv[0] = 1;
    for (size_t m = 1; m < fc->f; m++)
        fc->zeta_inv[m] = gl_mul(fc->zeta_inv[m - 1], zi);
    gl_inv(&fc->f_inv, (gl_t)fc->f);
}

/* The folded value at x^F from v[k] = f(x·ζ^k): Σ_t (β/x)^t·(1/F)Σ_k v_k ζ^(-kt). */
static gl2_t fold_coset(const fold_consts *fc, const gl2_t *v, gl_t x_inv, gl2_t beta)
{
    gl2_t y = gl2_mul_base(beta, x_inv), acc = gl2_from_base(0);
    for (size_t t = fc->f; t-- > 0;) {
        gl_t w0 = 0, w1 = 0;
        for (size_t k = 0; k < fc->f; k++) {
            gl_t z = fc->zeta_inv[(k * t) & (fc->f - 1)];
            w0 = gl_add(w0, gl_mul(v[k].c[0], z));
            w1 = gl_add(w1, gl_mul(v[k].c[1], z));
        }
        acc = gl2_add(gl2_mul(acc, y), gl2_make(w0, w1));
    }
    return gl2_mul_base(acc, fc->f_inv);
}

typedef struct fold_job {
    const fold_consts *fc;
    const gl2_t *in;
    gl2_t *out;
    size_t m;         /* output size = leaves */
    gl_t s_inv;       /* 1/shift of this layer */
    gl_t w_inv;       /* 1/ω of this layer */
    gl2_t beta;
} fold_job;

static void fold_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const fold_job *j = ctx;
    gl2_t v[16];
    gl_t x_inv = gl_mul(j->s_inv, gl_pow(j->w_inv, begin));
    for (size_t i = begin; i < end; i++) {
        for (size_t k = 0; k < j->fc->f; k++)
            v[k] = j->in[i + k * j->m];
        j->out[i] = fold_coset(j->fc, v, x_inv, j->beta);
        x_inv = gl_mul(x_inv, j->w_inv);
    }
}

/* ---- prover ------------------------------------------------------------------ */

void fri_prover_free(fri_prover *fp)
{
    for (unsigned i = 0; i <= FRI_MAX_LAYERS; i++)
        zk_free(fp->evals[i]);
    for (unsigned i = 0; i < FRI_MAX_LAYERS; i++) {
        zk_free(fp->leaves[i]);
        zk_free(fp->salts[i]);
        merkle_free(&fp->trees[i]);
    }
    zk_free(fp->rem);
    memset(fp, 0, sizeof *fp);
}

static zk_err commit_layer(fri_prover *fp, unsigned i, zk_rng *rng)
{
    size_t f = (size_t)1 << fp->cfg.log_fold;
    size_t n = (size_t)1 << (fp->cfg.log_n - i * fp->cfg.log_fold), m = n / f;
    size_t sl = fp->cfg.salt_len;
    fp->leaves[i] = zk_alloc_aligned(n * 2, sizeof(gl_t));
    fp->salts[i] = zk_alloc(m * sl + 1, 1);
    hash_digest *h = zk_alloc_aligned(m, sizeof *h);
    if (!fp->leaves[i] || !fp->salts[i] || !h) {
        zk_free(h);
        return ZK_ENOMEM;
    }
    const gl2_t *e = fp->evals[i];
    gl_t *rows = fp->leaves[i];
    for (size_t j = 0; j < m; j++)
        for (size_t k = 0; k < f; k++) {
            rows[j * 2 * f + 2 * k] = e[j + k * m].c[0];
            rows[j * 2 * f + 2 * k + 1] = e[j + k * m].c[1];
        }
    if (sl)
        zk_random_bytes(rng, fp->salts[i], m * sl);
    merkle_hash_rows(h, rows, m, 2 * f, 2 * f, fp->salts[i], sl);
    zk_err err = merkle_build(&fp->trees[i], h, m);
    zk_free(h);
    return err;
}

zk_err fri_commit(fri_prover *fp, const fri_config *cfg, const gl2_t *f, transcript *t,
                  zk_rng *rng, const zk_events *ev)
{
    memset(fp, 0, sizeof *fp);
    fp->cfg = *cfg;
    if (cfg->layers > FRI_MAX_LAYERS || cfg->layers * cfg->log_fold > cfg->log_n)
        return ZK_EINVAL;
    size_t n0 = (size_t)1 << cfg->log_n, fo = (size_t)1 << cfg->log_fold;
    if (!(fp->evals[0] = zk_alloc_aligned(n0, sizeof(gl2_t))))
        return ZK_ENOMEM;
    memcpy(fp->evals[0], f, n0 * sizeof *f);
    fold_consts fc;
    fold_consts_init(&fc, cfg->log_fold);
    gl_t shift = cfg->shift, omega;
    gl_root_of_unity(&omega, cfg->log_n);
    zk_err err = ZK_OK;
    for (unsigned i = 0; i < cfg->layers && !err; i++) {
        size_t n = n0 >> (i * cfg->log_fold), m = n / fo;
        if ((err = commit_layer(fp, i, rng)))
            break;
        transcript_absorb(t, merkle_root(&fp->trees[i])->b, HASH_BYTES);
        fri_layer_info info = {i, n, merkle_root(&fp->trees[i])};
        zk_event e = {ZK_EV_NOTE, "fri_fold", NULL, i, cfg->layers, &info};
        if ((err = zk_emit_data(ev, &e)))
            break;
        gl2_t beta = transcript_draw_gl2(t);
        if (!(fp->evals[i + 1] = zk_alloc_aligned(m, sizeof(gl2_t)))) {
            err = ZK_ENOMEM;
            break;
        }
        fold_job j = {&fc, fp->evals[i], fp->evals[i + 1], m, 0, 0, beta};
        gl_inv(&j.s_inv, shift);
        gl_inv(&j.w_inv, omega);
        zk_parallel_for(m, 1024, fold_range, &j);
        shift = gl_pow(shift, fo);
        omega = gl_pow(omega, fo);
    }
    if (err)
        return err;
    /* The remainder: interpolate the last layer on its coset. */
    unsigned log_r = cfg->log_n - cfg->layers * cfg->log_fold;
    size_t nr = (size_t)1 << log_r;
    if (cfg->rem_len > nr)
        return ZK_EINVAL;
    gl_t *c0 = zk_alloc(nr, sizeof *c0), *c1 = zk_alloc(nr, sizeof *c1);
    fp->rem = zk_alloc(cfg->rem_len + 1, sizeof *fp->rem);
    gl_domain d;
    if (!c0 || !c1 || !fp->rem || (err = gl_domain_init(&d, log_r))) {
        zk_free(c0);
        zk_free(c1);
        return err ? err : ZK_ENOMEM;
    }
    for (size_t i = 0; i < nr; i++) {
        c0[i] = fp->evals[cfg->layers][i].c[0];
        c1[i] = fp->evals[cfg->layers][i].c[1];
    }
    gl_coset_intt(&d, c0, &shift);
    gl_coset_intt(&d, c1, &shift);
    for (size_t i = 0; i < cfg->rem_len; i++)
        fp->rem[i] = gl2_make(c0[i], c1[i]);
    gl_domain_free(&d);
    zk_free(c0);
    zk_free(c1);
    transcript_absorb_gl2(t, fp->rem, cfg->rem_len);
    return ZK_OK;
}

size_t stark_sort_unique(size_t *v, size_t n)
{
    /* Insertion sort: n is the number of queries, a few dozen. */
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i], j = i;
        while (j > 0 && v[j - 1] > x) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || v[u - 1] != v[i])
            v[u++] = v[i];
    return u;
}

/* Sorted distinct pos[k] mod m, written to out; returns the count. pos is
 * sorted, but mod m it need not be. */
static size_t leaves_of(const size_t *pos, size_t n, size_t m, size_t *out)
{
    for (size_t k = 0; k < n; k++)
        out[k] = pos[k] & (m - 1);
    return stark_sort_unique(out, n);
}

zk_err fri_open(const fri_prover *fp, const size_t *pos, size_t n, stark_opening *open)
{
    size_t f = (size_t)1 << fp->cfg.log_fold;
    size_t *cur = zk_alloc(n + 1, sizeof *cur), *next = zk_alloc(n + 1, sizeof *next);
    if (!cur || !next) {
        zk_free(cur);
        zk_free(next);
        return ZK_ENOMEM;
    }
    memcpy(cur, pos, n * sizeof *pos);
    zk_err err = ZK_OK;
    for (unsigned i = 0; i < fp->cfg.layers && !err; i++) {
        size_t m = ((size_t)1 << (fp->cfg.log_n - i * fp->cfg.log_fold)) / f;
        size_t u = leaves_of(cur, n, m, next);
        err = stark_opening_fill(&open[i], &fp->trees[i], fp->leaves[i], 2 * f, 2 * f,
                                 fp->salts[i], fp->cfg.salt_len, next, u);
        memcpy(cur, next, u * sizeof *cur);
        n = u;
    }
    zk_free(cur);
    zk_free(next);
    return err;
}

/* ---- verifier ---------------------------------------------------------------- */

void fri_replay(const fri_config *cfg, const hash_digest *roots, const gl2_t *rem,
                transcript *t, gl2_t *betas)
{
    for (unsigned i = 0; i < cfg->layers; i++) {
        transcript_absorb(t, roots[i].b, HASH_BYTES);
        betas[i] = transcript_draw_gl2(t);
    }
    transcript_absorb_gl2(t, rem, cfg->rem_len);
}

static size_t find_leaf(const size_t *leaves, size_t n, size_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (leaves[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

zk_err fri_check(const fri_config *cfg, const hash_digest *roots, const gl2_t *rem,
                 const stark_opening *open, const gl2_t *betas, const size_t *pos,
                 const gl2_t *val, size_t n, const char **why)
{
    static const char *const layer_why[] = {
        "FRI layer 0", "FRI layer 1", "FRI layer 2", "FRI layer 3", "FRI layer 4",
        "FRI layer 5", "FRI layer 6", "FRI layer 7", "FRI layer 8+",
    };
    size_t f = (size_t)1 << cfg->log_fold;
    size_t *cp = zk_alloc(n + 1, sizeof *cp), *leaves = zk_alloc(n + 1, sizeof *leaves);
    gl2_t *cv = zk_alloc(n + 1, sizeof *cv), *nv = zk_alloc(n + 1, sizeof *nv);
    zk_err err = ZK_OK;
    if (!cp || !leaves || !cv || !nv) {
        err = ZK_ENOMEM;
        goto out;
    }
    memcpy(cp, pos, n * sizeof *pos);
    memcpy(cv, val, n * sizeof *val);
    fold_consts fc;
    fold_consts_init(&fc, cfg->log_fold);
    gl_t shift = cfg->shift, omega;
    gl_root_of_unity(&omega, cfg->log_n);
    for (unsigned i = 0; i < cfg->layers; i++) {
        *why = layer_why[i < 8 ? i : 8];
        unsigned log_m = cfg->log_n - i * cfg->log_fold - cfg->log_fold;
        size_t m = (size_t)1 << log_m;
        size_t u = leaves_of(cp, n, m, leaves);
        if ((err = stark_opening_check(&open[i], &roots[i], log_m, leaves, u, 2 * f,
                                       cfg->salt_len)))
            goto out;
        for (size_t k = 0; k < n; k++) {
            size_t l = find_leaf(leaves, u, cp[k] & (m - 1)), slot = cp[k] >> log_m;
            const gl_t *row = open[i].values + l * 2 * f;
            if (row[2 * slot] != cv[k].c[0] || row[2 * slot + 1] != cv[k].c[1]) {
                err = ZK_EVERIFY;
                goto out;
            }
        }
        gl_t w_inv, s_inv;
        gl_inv(&w_inv, omega);
        gl_inv(&s_inv, shift);
        for (size_t l = 0; l < u; l++) {
            gl2_t v[16];
            const gl_t *row = open[i].values + l * 2 * f;
            for (size_t k = 0; k < f; k++)
                v[k] = gl2_make(row[2 * k], row[2 * k + 1]);
            gl_t x_inv = gl_mul(s_inv, gl_pow(w_inv, leaves[l]));
            nv[l] = fold_coset(&fc, v, x_inv, betas[i]);
        }
        memcpy(cp, leaves, u * sizeof *cp);
        memcpy(cv, nv, u * sizeof *cv);
        n = u;
        shift = gl_pow(shift, f);
        omega = gl_pow(omega, f);
    }
    *why = "FRI remainder";
    for (size_t k = 0; k < n; k++) {
        gl_t x = gl_mul(shift, gl_pow(omega, cp[k]));
        gl2_t acc = gl2_from_base(0);
        for (size_t i = cfg->rem_len; i-- > 0;)
            acc = gl2_add(gl2_mul_base(acc, x), rem[i]);
        if (!gl2_eq(acc, cv[k])) {
            err = ZK_EVERIFY;
            goto out;
        }
    }
out:
    zk_free(cp);
    zk_free(leaves);
    zk_free(cv);
    zk_free(nv);
    return err;
}
