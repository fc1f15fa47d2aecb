/* The STARK lab's run: a registered AIR proven with the options chosen,
 * the prover's phases and FRI layers as its events report them, the proof
 * encoded as `zkcave stark prove -o` writes it, read back and verified as
 * `zkcave stark verify` does; and the same bytes with one bit flipped,
 * which the verifier must refuse. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "hash/poseidon_gl.h"
#include "lesson/actions_snark.h"
#include "lesson/lab.h"

void lesson_lab_stark_config_default(lesson_lab_stark_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->rows = 1024;
    cfg->bits = 8;
    stark_options_default(&cfg->opt);
}

/* The AIRs the lab builds from its rows (and bits) alone, with the
 * witnesses `zkcave stark prove` uses by default: one table serves both
 * the lab's AIR setting and the build. */
static zk_err lab_fibonacci(stark_air *a, const lesson_lab_stark_config *cfg)
{
    return air_fibonacci_new(a, cfg->rows);
}

static zk_err lab_fibsq(stark_air *a, const lesson_lab_stark_config *cfg)
{
    return air_fibsq_new(a, cfg->rows, 3141592);
}

static zk_err lab_poseidon(stark_air *a, const lesson_lab_stark_config *cfg)
{
    gl_t seed[POSEIDON_GL_WIDTH] = {0};
    return air_poseidon_chain_new(a, cfg->rows, seed);
}

static zk_err lab_range(stark_air *a, const lesson_lab_stark_config *cfg)
{
    zk_rng rng;
    zk_rng_seed_u64(&rng, 1);
    return air_range_check_new(a, cfg->rows, cfg->bits, NULL, &rng);
}

static const struct {
    const char *name;
    zk_err (*build)(stark_air *a, const lesson_lab_stark_config *cfg);
} lab_airs[] = {
    {"fibonacci", lab_fibonacci},
    {"fibonacci-sq", lab_fibsq},
    {"poseidon-chain", lab_poseidon},
    {"range-check", lab_range},
};

/* The lab's builder of the registry's AIR air, or NULL. */
static zk_err (*lab_builder(size_t air))(stark_air *, const lesson_lab_stark_config *)
{
    for (size_t i = 0; air < stark_air_count && i < sizeof lab_airs / sizeof *lab_airs; i++)
        if (strcmp(stark_air_names[air], lab_airs[i].name) == 0)
            return lab_airs[i].build;
    return NULL;
}

bool lesson_lab_stark_buildable(size_t air)
{
    return lab_builder(air) != NULL;
}

zk_err lesson_lab_stark_air(stark_air *a, const lesson_lab_stark_config *cfg, char *why,
                            size_t why_len)
{
    memset(a, 0, sizeof *a);
    const char *name = cfg->air < stark_air_count ? stark_air_names[cfg->air] : "";
    zk_err (*build)(stark_air *, const lesson_lab_stark_config *) = lab_builder(cfg->air);
    zk_err err = build ? build(a, cfg) : ZK_EINVAL;
    if (err)
        snprintf(why, why_len, "cannot build %s with %llu rows%s", name[0] ? name : "that AIR",
                 (unsigned long long)cfg->rows,
                 strcmp(name, "range-check") == 0 ? " and 2^bits <= rows" : "");
    return err;
}

void lesson_lab_stark_free(lesson_lab_stark *r)
{
    zk_free(r->proof);
    memset(r, 0, sizeof *r);
}

/* Collects the prover's phases and FRI layers, passing every event on to
 * the caller's sink (its progress, and its Esc). */
typedef struct collect {
    lesson_lab_stark *r;
    const zk_events *next;
    double t0;
} collect;

static bool on_event(void *user, const zk_event *ev)
{
    collect *c = user;
    lesson_lab_stark *r = c->r;
    if (ev->kind == ZK_EV_BEGIN) {
        c->t0 = lesson_snark_now();
    } else if (ev->kind == ZK_EV_END && r->n_phases < LESSON_LAB_STARK_PHASES && ev->phase) {
        lesson_lab_stark_phase *p = &r->phases[r->n_phases++];
        snprintf(p->name, sizeof p->name, "%s", ev->phase);
        p->seconds = lesson_snark_now() - c->t0;
    } else if (ev->kind == ZK_EV_NOTE && ev->phase && strcmp(ev->phase, "fri_fold") == 0 &&
               ev->data && r->n_layers < FRI_MAX_LAYERS) {
        const fri_layer_info *fi = ev->data;
        lesson_lab_stark_layer *l = &r->layers[r->n_layers];
        char hex[2 * HASH_BYTES + 1];
        hash_to_hex(hex, fi->root);
        l->points = fi->size;
        /* Each fold divides the degree bound by the folding factor. */
        l->degree = r->layout.d;
        for (size_t i = 0; i < r->n_layers; i++)
            l->degree = (l->degree + r->folding - 1) / r->folding;
        snprintf(l->root, sizeof l->root, "%.16s", hex);
        r->n_layers++;
    }
    return zk_emit_data(c->next, ev) == ZK_OK;
}

/* Reads bytes as `stark verify` does: the statement, the AIR from it, the
 * proof, its security, then the checks. The exit code it would give. */
static int verify_bytes(const uint8_t *buf, size_t len, unsigned min_bits, stark_security *sec,
                        char *why, size_t why_len)
{
    char name[STARK_AIR_NAME_MAX];
    stark_open_stage stage;
    stark_air a;
    stark_proof p;
    zk_err err = stark_proof_open(&a, &p, name, &stage, buf, len);
    if (err) {
        if (stage == STARK_OPEN_STATEMENT)
            snprintf(why, why_len, "not a zkcave STARK proof (%s)", zk_strerror(err));
        else if (stage == STARK_OPEN_AIR)
            snprintf(why, why_len, "unknown AIR or bad statement");
        else
            snprintf(why, why_len, "malformed proof (%s)", zk_strerror(err));
        return 2;
    }
    const char *w = NULL;
    int rc = 0;
    if ((err = stark_proof_security(sec, &p, &a, &w))) {
        snprintf(why, why_len, "malformed proof (%s)", w ? w : zk_strerror(err));
        rc = 2;
    } else if ((err = stark_verify(&p, &a, min_bits, &w))) {
        snprintf(why, why_len, "invalid proof: %s", w ? w : zk_strerror(err));
        rc = err == ZK_EVERIFY ? 1 : 2;
    }
    stark_proof_free(&p);
    stark_air_free(&a);
    return rc;
}

zk_err lesson_lab_stark_run(lesson_lab_stark *r, const lesson_lab_stark_config *cfg,
                            const zk_events *ev, char *why, size_t why_len)
{
    lesson_lab_stark_free(r);
    const char *w = NULL;
    zk_err err = stark_options_check(&cfg->opt, &w);
    if (err) {
        snprintf(why, why_len, "%s", w);
        return err;
    }
    stark_air a;
    if ((err = lesson_lab_stark_air(&a, cfg, why, why_len)))
        return err;
    if ((err = stark_layout_make(&r->layout, &a, &cfg->opt, &w))) {
        snprintf(why, why_len, "%s", w);
        stark_air_free(&a);
        return err;
    }
    r->folding = 1u << cfg->opt.log_folding;
    stark_security_of(&r->sec, &r->layout, &cfg->opt);
    collect c = {r, ev, 0};
    zk_events sink = {on_event, &c};
    stark_proof p;
    stark_check_report rep;
    double t0 = lesson_snark_now();
    err = stark_prove(&p, &a, &cfg->opt, NULL, &sink, &rep);
    r->prove_seconds = lesson_snark_now() - t0;
    if (err == ZK_ETRACE)
        snprintf(why, why_len, "the trace fails constraint %zu (%s) at row %zu; nothing proven",
                 rep.constraint, a.cons[rep.constraint].name, rep.row);
    else if (err && err != ZK_ECANCELLED)
        snprintf(why, why_len, "proving failed: %s", zk_strerror(err));
    if (!err) {
        r->remainder = p.n_rem;
        err = stark_proof_encode(&p, &a, &r->proof, &r->proof_len);
        stark_proof_free(&p);
    }
    stark_air_free(&a);
    if (err)
        return err;
    /* The default verifier's 100 bits, or the options' own level below
     * that (as `stark verify --min-bits N` would be told). */
    r->min_bits = r->sec.conjectured < STARK_MIN_BITS_DEFAULT ? r->sec.conjectured
                                                              : STARK_MIN_BITS_DEFAULT;
    if ((err = zk_emit(ev, ZK_EV_BEGIN, "lab_verify", 0, 0, "verify")))
        return err;
    t0 = lesson_snark_now();
    int rc = verify_bytes(r->proof, r->proof_len, r->min_bits, &r->sec, r->why, sizeof r->why);
    r->verify_seconds = lesson_snark_now() - t0;
    r->valid = rc == 0;
    return ZK_OK;
}

zk_err lesson_lab_stark_tamper(int *exit_code, char *why, size_t why_len, const lesson_lab_stark *r,
                               size_t offset)
{
    if (!r->proof || offset >= r->proof_len)
        return ZK_EINVAL;
    uint8_t *copy = zk_alloc(r->proof_len, 1);
    if (!copy)
        return ZK_ENOMEM;
    memcpy(copy, r->proof, r->proof_len);
    copy[offset] ^= 1;
    stark_security sec;
    why[0] = '\0';
    *exit_code = verify_bytes(copy, r->proof_len, r->min_bits, &sec, why, why_len);
    zk_free(copy);
    return ZK_OK;
}
