/* The STARK prover: the phases of stark.h, in order. */
#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "stark/deep.h"
#include "stark/protocol.h"
#include "stark/quotient.h"

/* One committed table: its coefficients, its rows on D, salts and tree. */
typedef struct table {
    size_t width;      /* base-field columns */
    size_t hashed;     /* the first this many are in the tree (the main
                        * table's fixed columns have a tree of their own) */
    gl_t *coeffs;      /* width × d, column-major */
    gl_t *lde;         /* |D| × width, row-major */
    uint8_t *salts;    /* |D| × salt_len */
    merkle_tree tree;
} table;

typedef struct prover {
    const stark_air *air;
    const stark_options *opt;
    stark_layout l;
    stark_domains dm;
    zk_rng *rng;
    const zk_events *ev;
    transcript t;
    gl_t *trace;       /* N × (n_main + n_fixed) */
    gl2_t *aux;        /* N × n_aux */
    gl2_t chal[STARK_AIR_MAX_CHALLENGES];
    table main, auxt, comp;
    merkle_tree fixed_tree;
    gl2_t *alpha, *gamma, *delta;
    gl2_t *f;          /* the DEEP composition on D */
    fri_prover fri;
} prover;

static void table_free(table *tb, size_t d)
{
    (void)d;
    zk_free(tb->coeffs);
    zk_free(tb->lde);
    zk_free(tb->salts);
    merkle_free(&tb->tree);
}

static zk_err phase(const prover *p, zk_event_kind kind, const char *name)
{
    return zk_emit(p->ev, kind, name, 0, 0, NULL);
}

/* Extends the table's coefficients onto D, salts and commits its rows, and
 * absorbs the root. */
static zk_err commit_table(prover *p, table *tb)
{
    const stark_layout *l = &p->l;
    tb->lde = zk_alloc_aligned(l->lde * tb->width, sizeof *tb->lde);
    tb->salts = zk_alloc(l->lde * l->salt_len + 1, 1);
    hash_digest *h = zk_alloc_aligned(l->lde, sizeof *h);
    zk_err err = ZK_ENOMEM;
    if (!tb->lde || !tb->salts || !h)
        goto out;
    if ((err = stark_lde(&p->dm, tb->coeffs, tb->width, l->d, tb->lde, tb->width, 0)))
        goto out;
    if (l->salt_len)
        zk_random_bytes(p->rng, tb->salts, l->lde * l->salt_len);
    merkle_hash_rows(h, tb->lde, l->lde, tb->hashed ? tb->hashed : tb->width, tb->width,
                     tb->salts, l->salt_len);
    if ((err = merkle_build(&tb->tree, h, l->lde)))
        goto out;
    transcript_absorb(&p->t, merkle_root(&tb->tree)->b, HASH_BYTES);
out:
    zk_free(h);
    return err;
}

static zk_err main_phase(prover *p, bool check, stark_check_report *rep)
{
    const stark_air *air = p->air;
    const stark_layout *l = &p->l;
    zk_err err;
    size_t w = stark_air_row_width(air), nf = air->n_fixed;
    if ((err = phase(p, ZK_EV_BEGIN, "trace")))
        return err;
    if (!(p->trace = zk_alloc_aligned(l->n * w, sizeof *p->trace)))
        return ZK_ENOMEM;
    if (nf) {
        gl_t *fixed = zk_alloc_aligned(l->n * nf, sizeof *fixed);
        if (!fixed)
            return ZK_ENOMEM;
        if (!(err = air->vt->build_fixed(air, fixed)))
            for (size_t i = 0; i < l->n; i++)
                memcpy(p->trace + i * w + air->n_main, fixed + i * nf, nf * sizeof *fixed);
        zk_free(fixed);
        if (err)
            return err;
    }
    if ((err = air->vt->build_trace(air, p->trace)) || (err = phase(p, ZK_EV_END, "trace")))
        return err;
    if (check) {
        stark_check_report r;
        if ((err = phase(p, ZK_EV_BEGIN, "trace_check")) ||
            (err = stark_trace_check(air, p->trace, NULL, NULL, &r)))
            return err;
        if (rep)
            *rep = r;
        if (!r.ok)
            return ZK_ETRACE;
        if ((err = phase(p, ZK_EV_END, "trace_check")))
            return err;
    }
    if ((err = phase(p, ZK_EV_BEGIN, "lde")))
        return err;
    /* One table of main and fixed columns, so that the constraints and
     * the DEEP composition read a row as the AIR lays it out; the fixed
     * columns are neither masked nor salted, and hashed apart. */
    p->main.width = w;
    p->main.hashed = air->n_main;
    if (!(p->main.coeffs = zk_alloc_aligned(w * l->d, sizeof(gl_t))))
        return ZK_ENOMEM;
    if ((err = stark_interpolate(&p->dm, p->trace, w, 0, air->n_main, p->main.coeffs, l->d,
                                 l->k_rand, p->rng)))
        return err;
    if (nf && (err = stark_interpolate(&p->dm, p->trace, w, air->n_main, nf,
                                       p->main.coeffs + air->n_main * l->d, l->d, 0, NULL)))
        return err;
    if ((err = commit_table(p, &p->main)))
        return err;
    if (nf) {
        if ((err = stark_fixed_tree(&p->fixed_tree, l, p->main.lde + air->n_main, nf, w)))
            return err;
        /* The verifier takes the root from the AIR: a constructor's cached
         * root that disagrees is a broken AIR, found here rather than as a
         * proof that never verifies. */
        const hash_digest *root = merkle_root(&p->fixed_tree);
        if (air->fixed_root_log_blowup == p->opt->log_blowup &&
            memcmp(root->b, air->fixed_root.b, HASH_BYTES) != 0)
            return ZK_EINVAL;
        transcript_absorb(&p->t, root->b, HASH_BYTES);
    }
    return phase(p, ZK_EV_END, "lde");
}

static zk_err aux_phase(prover *p, bool check, stark_check_report *rep)
{
    const stark_air *air = p->air;
    const stark_layout *l = &p->l;
    if (air->n_aux == 0)
        return ZK_OK;
    zk_err err = phase(p, ZK_EV_BEGIN, "aux");
    if (err)
        return err;
    for (size_t i = 0; i < air->n_challenges; i++)
        p->chal[i] = transcript_draw_gl2(&p->t);
    if (!(p->aux = zk_alloc_aligned(l->n * air->n_aux, sizeof *p->aux)))
        return ZK_ENOMEM;
    if ((err = air->vt->build_aux(air, p->aux, p->trace, p->chal)))
        return err;
    if (check) {
        stark_check_report r;
        if ((err = stark_trace_check(air, p->trace, p->aux, p->chal, &r)))
            return err;
        if (rep)
            *rep = r;
        if (!r.ok)
            return ZK_ETRACE;
    }
    /* An extension column is two base columns, its coordinates. */
    p->auxt.width = 2 * air->n_aux;
    if (!(p->auxt.coeffs = zk_alloc_aligned(p->auxt.width * l->d, sizeof(gl_t))))
        return ZK_ENOMEM;
    if ((err = stark_interpolate(&p->dm, (const gl_t *)(const void *)p->aux, p->auxt.width, 0,
                                 p->auxt.width, p->auxt.coeffs, l->d, l->k_rand, p->rng)) ||
        (err = commit_table(p, &p->auxt)))
        return err;
    return phase(p, ZK_EV_END, "aux");
}

/* Q on D → coefficients → chunks (re-randomised with zero knowledge) and
 * the mask R → committed. */
static zk_err composition_phase(prover *p, bool strict)
{
    const stark_air *air = p->air;
    const stark_layout *l = &p->l;
    zk_err err = phase(p, ZK_EV_BEGIN, "constraints");
    if (err)
        return err;
    if (!(p->alpha = zk_alloc(air->n_cons, sizeof *p->alpha)))
        return ZK_ENOMEM;
    for (size_t i = 0; i < air->n_cons; i++)
        p->alpha[i] = transcript_draw_gl2(&p->t);
    gl_t *q0 = zk_alloc_aligned(l->lde, sizeof *q0), *q1 = zk_alloc_aligned(l->lde, sizeof *q1);
    if (!q0 || !q1) {
        err = ZK_ENOMEM;
        goto out;
    }
    if ((err = stark_quotient_on_lde(&p->dm, air, p->main.lde, p->auxt.lde, p->chal, p->alpha,
                                     q0, q1)) ||
        (err = phase(p, ZK_EV_END, "constraints")) ||
        (err = phase(p, ZK_EV_BEGIN, "composition")))
        goto out;
    gl_coset_intt(&p->dm.dl, q0, &l->shift);
    gl_coset_intt(&p->dm.dl, q1, &l->shift);
    /* An honest quotient has degree < q_len; anything above means an AIR
     * declared a constraint's degree too low. */
    if (strict) {
        for (size_t i = l->q_len; i < l->lde; i++)
            if (q0[i] || q1[i]) {
                err = ZK_EINVAL;
                goto out;
            }
    }
    size_t n = l->n, d = l->d, m = l->n_chunks;
    p->comp.width = l->comp_width;
    if (!(p->comp.coeffs = zk_calloc(p->comp.width * d, sizeof(gl_t)))) {
        err = ZK_ENOMEM;
        goto out;
    }
    for (size_t k = 0; k < m; k++) {
        size_t from = k * n, len = k + 1 < m ? n : l->q_len - from;
        if (from >= l->q_len)
            len = 0;
        memcpy(p->comp.coeffs + (2 * k) * d, q0 + from, len * sizeof *q0);
        memcpy(p->comp.coeffs + (2 * k + 1) * d, q1 + from, len * sizeof *q1);
    }
    if (p->opt->zk) {
        /* H_k + x^N·u_k and H_{k+1} - u_k keep Σ x^{kN}·H_k = Q. */
        for (size_t k = 0; k + 1 < m; k++)
            for (size_t c = 0; c < 2; c++)
                for (size_t i = 0; i < l->c; i++) {
                    gl_t u = gl_random(p->rng);
                    gl_t *a = p->comp.coeffs + (2 * k + c) * d, *b = a + 2 * d;
                    a[n + i] = gl_add(a[n + i], u);
                    b[i] = gl_sub(b[i], u);
                }
        /* The FRI mask R: random of degree < d. */
        for (size_t i = 0; i < 2 * d; i++)
            p->comp.coeffs[2 * m * d + i] = gl_random(p->rng);
    }
    err = commit_table(p, &p->comp);
    if (!err)
        err = phase(p, ZK_EV_END, "composition");
out:
    zk_free(q0);
    zk_free(q1);
    return err;
}

typedef struct ood_job {
    const gl_t *coeffs;
    size_t len;
    gl2_t z, gz;
    gl2_t *at_z, *at_gz;   /* per base column */
} ood_job;

static void ood_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const ood_job *j = ctx;
    for (size_t c = begin; c < end; c++) {
        j->at_z[c] = stark_eval_base_poly(j->coeffs + c * j->len, j->len, j->z);
        if (j->at_gz)
            j->at_gz[c] = stark_eval_base_poly(j->coeffs + c * j->len, j->len, j->gz);
    }
}

/* Values of a table's extension columns (pairs of base columns) at z:
 * P0(z) + u·P1(z). */
static void pair_up(gl2_t *out, const gl2_t *base_vals, size_t n_ext)
{
    for (size_t i = 0; i < n_ext; i++)
        out[i] = gl2_add(base_vals[2 * i], gl2_mul(gl2_make(0, 1), base_vals[2 * i + 1]));
}

static zk_err ood_phase(prover *p, stark_proof *pr, gl2_t *z, gl2_t *gz)
{
    const stark_air *air = p->air;
    const stark_layout *l = &p->l;
    *z = stark_draw_ood(&p->t);
    *gz = gl2_mul_base(*z, l->omega_n);
    size_t w = stark_air_row_width(air);
    size_t nb = w + 2 * air->n_aux + 2 * l->n_comp;
    gl2_t *tmp = zk_alloc(2 * nb, sizeof *tmp);
    pr->ood_main = zk_alloc(2 * w, sizeof *pr->ood_main);
    pr->ood_aux = zk_alloc(2 * air->n_aux + 1, sizeof *pr->ood_aux);
    pr->ood_comp = zk_alloc(l->n_comp, sizeof *pr->ood_comp);
    if (!tmp || !pr->ood_main || !pr->ood_aux || !pr->ood_comp) {
        zk_free(tmp);
        return ZK_ENOMEM;
    }
    ood_job j = {p->main.coeffs, l->d, *z, *gz, pr->ood_main, pr->ood_main + w};
    zk_parallel_for(w, 1, ood_range, &j);
    if (air->n_aux) {
        ood_job ja = {p->auxt.coeffs, l->d, *z, *gz, tmp, tmp + 2 * air->n_aux};
        zk_parallel_for(2 * air->n_aux, 1, ood_range, &ja);
        pair_up(pr->ood_aux, tmp, air->n_aux);
        pair_up(pr->ood_aux + air->n_aux, tmp + 2 * air->n_aux, air->n_aux);
    }
    ood_job jc = {p->comp.coeffs, l->d, *z, *gz, tmp, NULL};
    zk_parallel_for(2 * l->n_comp, 1, ood_range, &jc);
    pair_up(pr->ood_comp, tmp, l->n_comp);
    zk_free(tmp);
    transcript_absorb_gl2(&p->t, pr->ood_main, 2 * w);
    transcript_absorb_gl2(&p->t, pr->ood_aux, 2 * air->n_aux);
    transcript_absorb_gl2(&p->t, pr->ood_comp, l->n_comp);
    return ZK_OK;
}

static zk_err deep_fri_phase(prover *p, stark_proof *pr, gl2_t z, gl2_t gz)
{
    const stark_air *air = p->air;
    const stark_layout *l = &p->l;
    zk_err err = phase(p, ZK_EV_BEGIN, "deep");
    if (err)
        return err;
    size_t w = stark_air_row_width(air), nt = w + air->n_aux;
    p->gamma = zk_alloc(nt, sizeof *p->gamma);
    p->delta = zk_alloc(l->n_comp, sizeof *p->delta);
    p->f = zk_alloc_aligned(l->lde, sizeof *p->f);
    if (!p->gamma || !p->delta || !p->f)
        return ZK_ENOMEM;
    for (size_t i = 0; i < nt; i++)
        p->gamma[i] = transcript_draw_gl2(&p->t);
    gl2_t lambda = transcript_draw_gl2(&p->t);
    for (size_t k = 0; k < l->n_comp; k++)
        p->delta[k] = transcript_draw_gl2(&p->t);
    stark_deep dp;
    stark_deep_init(&dp, w, air->n_aux, l->n_comp, p->gamma, lambda, p->delta, z, gz,
                    pr->ood_main, pr->ood_aux, pr->ood_comp);
    if ((err = stark_deep_on_lde(p->f, &dp, &p->dm, p->main.lde, p->auxt.lde, p->comp.lde)) ||
        (err = phase(p, ZK_EV_END, "deep")) || (err = phase(p, ZK_EV_BEGIN, "fri")))
        return err;
    fri_config cfg;
    stark_fri_config(&cfg, l, p->opt);
    if ((err = fri_commit(&p->fri, &cfg, p->f, &p->t, p->rng, p->ev)))
        return err;
    return phase(p, ZK_EV_END, "fri");
}

static zk_err query_phase(prover *p, stark_proof *pr)
{
    const stark_layout *l = &p->l;
    zk_err err = phase(p, ZK_EV_BEGIN, "grinding");
    if (err)
        return err;
    if ((err = transcript_grind(&p->t, p->opt->grinding, &pr->pow_nonce)))
        return err;
    transcript_absorb_u64(&p->t, pr->pow_nonce);
    if ((err = phase(p, ZK_EV_END, "grinding")) || (err = phase(p, ZK_EV_BEGIN, "queries")))
        return err;
    size_t *pos = zk_alloc(p->opt->queries, sizeof *pos);
    if (!pos)
        return ZK_ENOMEM;
    size_t n = stark_draw_queries(&p->t, l, p->opt->queries, pos);
    const stark_air *air = p->air;
    err = stark_opening_fill(&pr->main, &p->main.tree, p->main.lde, air->n_main, p->main.width,
                             p->main.salts, l->salt_len, pos, n);
    if (!err && air->n_fixed)
        err = stark_opening_fill(&pr->fixed, &p->fixed_tree, p->main.lde + air->n_main,
                                 air->n_fixed, p->main.width, NULL, 0, pos, n);
    if (!err && air->n_aux)
        err = stark_opening_fill(&pr->aux, &p->auxt.tree, p->auxt.lde, p->auxt.width,
                                 p->auxt.width, p->auxt.salts, l->salt_len, pos, n);
    if (!err)
        err = stark_opening_fill(&pr->comp, &p->comp.tree, p->comp.lde, p->comp.width,
                                 p->comp.width, p->comp.salts, l->salt_len, pos, n);
    if (!err && !(pr->fri = zk_calloc(l->fri_layers + 1, sizeof *pr->fri)))
        err = ZK_ENOMEM;
    if (!err)
        err = fri_open(&p->fri, pos, n, pr->fri);
    zk_free(pos);
    if (err)
        return err;
    pr->n_fri = l->fri_layers;
    pr->n_rem = l->fri_rem;
    pr->fri_roots = zk_alloc(l->fri_layers + 1, sizeof *pr->fri_roots);
    pr->fri_rem = zk_alloc(l->fri_rem, sizeof *pr->fri_rem);
    if (!pr->fri_roots || !pr->fri_rem)
        return ZK_ENOMEM;
    for (unsigned i = 0; i < l->fri_layers; i++)
        pr->fri_roots[i] = *merkle_root(&p->fri.trees[i]);
    memcpy(pr->fri_rem, p->fri.rem, l->fri_rem * sizeof *pr->fri_rem);
    pr->main_root = *merkle_root(&p->main.tree);
    if (p->air->n_aux)
        pr->aux_root = *merkle_root(&p->auxt.tree);
    pr->comp_root = *merkle_root(&p->comp.tree);
    return phase(p, ZK_EV_END, "queries");
}

static void prover_free(prover *p)
{
    const stark_layout *l = &p->l;
    if (p->trace)
        zk_free_secret(p->trace, l->n * stark_air_row_width(p->air), sizeof *p->trace);
    if (p->aux)
        zk_free_secret(p->aux, l->n * p->air->n_aux, sizeof *p->aux);
    table_free(&p->main, l->d);
    table_free(&p->auxt, l->d);
    table_free(&p->comp, l->d);
    merkle_free(&p->fixed_tree);
    zk_free(p->alpha);
    zk_free(p->gamma);
    zk_free(p->delta);
    zk_free(p->f);
    fri_prover_free(&p->fri);
    stark_domains_free(&p->dm);
}

static zk_err prove(stark_proof *pr, const stark_air *air, const stark_options *opt, zk_rng *rng,
                    const zk_events *ev, bool check, stark_check_report *rep)
{
    memset(pr, 0, sizeof *pr);
    if (rep)
        rep->ok = true;
    prover p;
    memset(&p, 0, sizeof p);
    p.air = air;
    p.opt = opt;
    p.ev = ev;
    zk_err err = stark_layout_make(&p.l, air, opt, NULL);
    if (err)
        return err;
    if (air->n_challenges > STARK_AIR_MAX_CHALLENGES || !air->vt || !air->vt->build_trace ||
        (air->n_aux && (!air->vt->build_aux || !air->vt->eval_aux)) ||
        (air->n_fixed && !air->vt->build_fixed))
        return ZK_EINVAL;
    /* Without a generator from the caller, one seeded from the operating
     * system: the masks need many field elements, and a stream is faster. */
    zk_rng own;
    if (rng) {
        p.rng = rng;
    } else {
        uint8_t seed[32];
        zk_random_bytes(NULL, seed, sizeof seed);
        zk_rng_seed(&own, seed);
        sodium_memzero(seed, sizeof seed);
        p.rng = &own;
    }
    strcpy(pr->air, air->name);
    memcpy(pr->params, air->params, sizeof pr->params);
    pr->n_params = air->n_params;
    memcpy(pr->pub, air->pub, sizeof pr->pub);
    pr->n_pub = air->n_pub;
    pr->opt = *opt;
    stark_security_of(&pr->sec, &p.l, opt);
    stark_transcript_start(&p.t, air, opt);
    gl2_t z, gz;
    if (!(err = stark_domains_init(&p.dm, &p.l)) && !(err = main_phase(&p, check, rep)) &&
        !(err = aux_phase(&p, check, rep)) && !(err = composition_phase(&p, check)) &&
        !(err = ood_phase(&p, pr, &z, &gz)) && !(err = deep_fri_phase(&p, pr, z, gz)))
        err = query_phase(&p, pr);
    prover_free(&p);
    if (!rng)
        zk_rng_wipe(&own);
    if (err)
        stark_proof_free(pr);
    return err;
}

zk_err stark_prove(stark_proof *proof, const stark_air *air, const stark_options *opt,
                   zk_rng *rng, const zk_events *ev, stark_check_report *check)
{
    return prove(proof, air, opt, rng, ev, true, check);
}

zk_err stark_prove_unchecked(stark_proof *proof, const stark_air *air, const stark_options *opt,
                             zk_rng *rng, const zk_events *ev)
{
    return prove(proof, air, opt, rng, ev, false, NULL);
}
