/* `zkcave stark prove AIR [options] -o proof.bin`, `zkcave stark verify
 * proof.bin [--min-bits N]` and `zkcave stark airs`. Exit codes: 0 done /
 * valid, 1 invalid proof, a proof weaker than the minimum, or a witness that
 * fails its constraints, 2 bad usage or an unreadable or malformed proof.
 * Text read from a proof is printed escaped (core/text.h). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/bench.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/text.h"
#include "hash/poseidon_gl.h"
#include "stark/air_cnn.h"
#include "stark/fri.h"
#include "stark/stark.h"
#include "zkml/model_hash_gl.h"

static unsigned log2_of(uint64_t v)
{
    unsigned k = 0;
    while (((uint64_t)1 << k) < v)
        k++;
    return ((uint64_t)1 << k) == v ? k : 99;
}

typedef struct progress {
    double t0, phase_t0;
    bool quiet;
} progress;

static bool on_event(void *user, const zk_event *ev)
{
    progress *p = user;
    if (p->quiet)
        return true;
    if (ev->kind == ZK_EV_BEGIN) {
        p->phase_t0 = bench_now();
    } else if (ev->kind == ZK_EV_END) {
        fprintf(stderr, "  %-12s %8.3f s\n", ev->phase, bench_now() - p->phase_t0);
    } else if (ev->kind == ZK_EV_NOTE && strcmp(ev->phase, "fri_fold") == 0 && ev->data) {
        const fri_layer_info *fi = ev->data;
        char hex[2 * HASH_BYTES + 1];
        hash_to_hex(hex, fi->root);
        fprintf(stderr, "    FRI layer %u: %zu points, root %.16s…\n", fi->layer, fi->size, hex);
    }
    return true;
}

/* The lines under a security estimate: Winterfell's grinding rule when it
 * applies, and, after proving, whether a plain `stark verify` will accept. */
static void print_security_notes(FILE *out, const stark_security *s, unsigned grinding,
                                 bool after_prove)
{
    if (s->grinding_dropped)
        fprintf(out,
                "  grinding not counted below %u bits: the queries alone give %u, so the %u "
                "grinding bits do not count toward the conjectured level (Winterfell's rule)\n",
                STARK_GRINDING_FLOOR, s->query_bits, grinding);
    if (after_prove && s->conjectured < STARK_MIN_BITS_DEFAULT)
        fprintf(out,
                "  below the %u bits 'zkcave stark verify' asks for by default: verify with "
                "--min-bits %u, or prove with more queries or a larger blowup\n",
                STARK_MIN_BITS_DEFAULT, s->conjectured);
}

/* The public values, all of them when few; a statement of hundreds (an
 * image) by its count, its first values and its last. */
static void print_public(FILE *out, const stark_air *a)
{
    enum { ALL = 32, HEAD = 8 };
    fprintf(out, "public:");
    if (a->n_pub > ALL)
        fprintf(out, " %zu values%s:", a->n_pub,
                a->pub_column ? " (in the public-input column)" : "");
    for (size_t i = 0; i < a->n_pub; i++) {
        if (a->n_pub > ALL && i == HEAD) {
            fprintf(out, " ...");
            i = a->n_pub - 1;
        }
        fprintf(out, " %llu", (unsigned long long)a->pub[i]);
    }
    fprintf(out, a->n_pub ? "\n" : " (none)\n");
    if (strcmp(a->name, "cnn") == 0 && a->n_pub == AIR_CNN_PUB) {
        int64_t z[AIR_CNN_CLASSES];
        int best = air_cnn_logits(a, z);
        fprintf(out, "logits (integers, public values %d..%d):", AIR_CNN_PUB_LOGITS,
                AIR_CNN_PUB_LOGITS + AIR_CNN_CLASSES - 1);
        for (int k = 0; k < AIR_CNN_CLASSES; k++)
            fprintf(out, " %lld", (long long)z[k]);
        fprintf(out, " -> class %d\n", best);
        gl_t d[AIR_CNN_DIGEST];
        char hex[ZKML_GL_DIGEST_HEX + 1];
        air_cnn_digest(a, d);
        zkml_gl_digest_hex(hex, d);
        fprintf(out, "model digest: %s\n"
                     "  (Poseidon over Goldilocks, Plonky2's hash_no_pad, of the header and the\n"
                     "  packed weights: the weights stay private, and every one the network's\n"
                     "  multiply-accumulates use is the one hashed)\n", hex);
    }
}

static void print_statement(FILE *out, const stark_air *a, const stark_layout *l,
                            const stark_options *o, const stark_security *s)
{
    fprintf(out, "AIR %s: %zu rows x %zu columns", a->name, a->n_rows, a->n_main);
    if (a->n_fixed)
        fprintf(out, " + %zu fixed", a->n_fixed);
    if (a->n_aux)
        fprintf(out, " + %zu extension column(s) after %zu challenge(s)", a->n_aux,
                a->n_challenges);
    fprintf(out, ", %zu constraints of degree <= %u\n", a->n_cons, stark_air_max_degree(a));
    print_public(out, a);
    fprintf(out,
            "options: blowup %zu, %u queries, %u grinding bits, folding %u, zero knowledge %s\n",
            l->blowup, o->queries, o->grinding, 1u << o->log_folding, o->zk ? "on" : "off");
    fprintf(out,
            "layout: LDE %zu points, degree bound %zu, %zu composition chunk(s), %u FRI "
            "layer(s), remainder of %zu coefficients\n",
            l->lde, l->d, l->n_chunks, l->fri_layers, l->fri_rem);
    fprintf(out,
            "security: %u bits conjectured (ethSTARK, Winterfell's formula), proven %u (unique "
            "decoding) / %u (list decoding)\n",
            s->conjectured, s->proven_udr, s->proven_ldr);
    print_security_notes(out, s, o->grinding, true);
}

/* No shape of the options gives a's trace the level `stark verify` asks
 * for: the fewest rows that reach it, and what --no-zk gives at these. */
static int too_short(const stark_air *a, const stark_options *o)
{
    unsigned min = STARK_MIN_BITS_DEFAULT;
    size_t rows = stark_options_min_rows(o, a, min);
    char more[96] = "";
    if (rows)
        snprintf(more, sizeof more, "use --steps %zu or more", rows);
    char nozk[96] = "";
    stark_options t = *o;
    t.zk = false;
    stark_layout l;
    if (o->zk && !stark_options_fit(&t, a, min) && !stark_layout_make(&l, a, &t, NULL)) {
        stark_security s;
        stark_security_of(&s, &l, &t);
        snprintf(nozk, sizeof nozk, "%s--no-zk (%u bits at %zu rows, no zero knowledge)",
                 rows ? ", or " : "use ", s.conjectured, a->n_rows);
    }
    return cli_error(CLI_USAGE, "stark prove: %zu rows are too few for %u bits%s: %s%s%s", a->n_rows,
                     min, o->zk ? " with zero knowledge (its masks leave room for too few queries)"
                                : "",
                     more, nozk, rows || nozk[0] ? "" : "use a longer trace");
}

extern const cli_cmd cli_cmd_stark_prove;

typedef struct prove_opts {
    const char *out, *digit;
    uint64_t steps, secret, seed, bits, channels, blowup, queries, grinding, folding, remainder;
    bool no_zk, quiet;
} prove_opts;

static void prove_init(void *opts)
{
    prove_opts *p = opts;
    p->secret = 3141592;
    p->bits = 8;
    p->channels = 16;
}

#define PROVE_OPT(name, kind, arg, field, help) \
    {name, NULL, kind, arg, offsetof(prove_opts, field), 0, UINT64_MAX, 0, help, NULL, NULL}
static const cli_opt prove_opts_table[] = {
    {"-o", NULL, CLI_STR, "proof.bin", offsetof(prove_opts, out), .flags = CLI_OPT_REQUIRED,
     .help = "where the proof goes"},
    PROVE_OPT("--steps", CLI_U64, "N", steps,
              "trace rows, a power of two (default 1024; chain 4096):\n"
              ">= 64 for verify's 100 bits with zero knowledge, >= 4\n"
              "with --no-zk, or with --blowup/--queries and a lower\n"
              "--min-bits at verify"),
    PROVE_OPT("--secret", CLI_U64, "X", secret, "fibonacci-sq's private x (default 3141592)"),
    PROVE_OPT("--seed", CLI_U64, "S", seed, "poseidon-chain seed / range-check values' generator"),
    PROVE_OPT("--bits", CLI_U64, "B", bits,
              "range-check: values below 2^B (default 8, 2^B <= steps)"),
    PROVE_OPT("--digit", CLI_STR, "PNG", digit,
              "cnn and cnn-conv1's digit (default the shipped 7_0000.png)"),
    PROVE_OPT("--channels", CLI_U64, "C", channels,
              "cnn-conv1: conv1's first C channels, 1..16 (default 16)"),
    PROVE_OPT("--blowup", CLI_U64, "B", blowup, "LDE blowup 2..64 (default 8)"),
    PROVE_OPT("--queries", CLI_U64, "Q", queries,
              "FRI queries 1..200 (default 28)\n"
              "(given neither, blowup then queries rise from these\n"
              "defaults until the proof reaches verify's 100 bits)"),
    PROVE_OPT("--grinding", CLI_U64, "G", grinding, "proof-of-work bits 0..32 (default 20)"),
    PROVE_OPT("--folding", CLI_U64, "F", folding, "FRI folding factor 2, 4, 8 or 16 (default 8)"),
    PROVE_OPT("--fri-remainder", CLI_U64, "R", remainder,
              "fold while the remainder keeps >= R coefficients (default 32)"),
    PROVE_OPT("--no-zk", CLI_FLAG, NULL, no_zk, "no zero knowledge (no masks, no salts)"),
    PROVE_OPT("-q", CLI_FLAG, NULL, quiet, "no progress lines on stderr"),
};

static int run_prove(void *opts, const cli_args *args)
{
    const cli_cmd *self = &cli_cmd_stark_prove;
    const prove_opts *po = opts;
    const char *air_name = args->pos[0], *out = po->out, *digit = po->digit;
    uint64_t steps = po->steps, secret = po->secret, seed = po->seed, bits = po->bits;
    uint64_t channels = po->channels;
    bool seed_given = cli_given(self, args, "--seed");
    bool shape_given = cli_given(self, args, "--blowup") || cli_given(self, args, "--queries");
    stark_options o;
    stark_options_default(&o);
    o.zk = !po->no_zk;
    if (cli_given(self, args, "--blowup"))
        o.log_blowup = log2_of(po->blowup);
    if (cli_given(self, args, "--queries"))
        o.queries = po->queries > 1000 ? 1000 : (unsigned)po->queries;
    if (cli_given(self, args, "--grinding"))
        o.grinding = po->grinding > 1000 ? 1000 : (unsigned)po->grinding;
    if (cli_given(self, args, "--folding"))
        o.log_folding = log2_of(po->folding);
    if (cli_given(self, args, "--fri-remainder"))
        o.fri_remainder = po->remainder > (1u << 30) ? (1u << 30) : (unsigned)po->remainder;
    progress pg = {.quiet = po->quiet};
    /* The one output, written atomically: only refuse a place that cannot
     * hold it before the proving starts. */
    const zk_file_arg files[] = {{"proof", out, true}};
    int rc = cli_files_check("stark prove", files, 1);
    if (rc)
        return rc;
    const char *why;
    if (stark_options_check(&o, &why))
        return cli_error(CLI_USAGE, "%s", why);
    stark_air a;
    zk_err err;
    if (strcmp(air_name, "fibonacci") == 0) {
        err = air_fibonacci_new(&a, steps ? steps : 1024);
    } else if (strcmp(air_name, "fibonacci-sq") == 0) {
        if (secret >= GL_P)
            return cli_error(CLI_USAGE, "--secret must be below p = 2^64 - 2^32 + 1");
        err = air_fibsq_new(&a, steps ? steps : 1024, secret);
    } else if (strcmp(air_name, "poseidon-chain") == 0) {
        gl_t s[POSEIDON_GL_WIDTH] = {gl_from_u64(seed)};
        err = air_poseidon_chain_new(&a, steps ? steps : 4096, s);
    } else if (strcmp(air_name, "range-check") == 0) {
        zk_rng rng;
        zk_rng_seed_u64(&rng, seed_given ? seed : 1);
        err = air_range_check_new(&a, steps ? steps : 1024, bits > 64 ? 64 : (unsigned)bits, NULL,
                                  &rng);
    } else if (strcmp(air_name, "cnn-conv1") == 0) {
        if ((rc = cli_stark_cnn_conv1(&a, digit, channels)))
            return rc;
        err = ZK_OK;
    } else if (strcmp(air_name, "model-hash") == 0 || strcmp(air_name, "model-commit") == 0) {
        if ((rc = air_name[6] == 'h' ? cli_stark_model_hash(&a) : cli_stark_model_commit(&a)))
            return rc;
        err = ZK_OK;
    } else if (strcmp(air_name, "cnn") == 0) {
        if ((rc = cli_stark_cnn(&a, digit)))
            return rc;
        err = ZK_OK;
    } else {
        return cli_error(CLI_USAGE, "unknown AIR '%s' (try 'zkcave stark airs')", air_name);
    }
    if (err)
        return cli_error(CLI_USAGE, "cannot build %s: steps must be a power of two from 4 to "
                                    "2^26%s", air_name,
                         strcmp(air_name, "range-check") == 0 ? ", bits 1..20 with 2^bits <= steps"
                                                              : "");
    /* Without an explicit shape, prove keeps the promise that its defaults
     * make a proof the default verifier accepts (short traces need more),
     * or says what would. */
    if (!shape_given && stark_options_fit(&o, &a, STARK_MIN_BITS_DEFAULT)) {
        rc = too_short(&a, &o);
        stark_air_free(&a);
        return rc;
    }
    stark_layout l;
    if (stark_layout_make(&l, &a, &o, &why)) {
        stark_air_free(&a);
        return cli_error(CLI_USAGE, "%s", why);
    }
    stark_security sec;
    stark_security_of(&sec, &l, &o);
    print_statement(stdout, &a, &l, &o, &sec);
    fflush(stdout);
    zk_events ev = {on_event, &pg};
    stark_proof p;
    stark_check_report rep;
    pg.t0 = bench_now();
    err = stark_prove(&p, &a, &o, NULL, &ev, &rep);
    double t = bench_now() - pg.t0;
    if (err == ZK_ETRACE) {
        fprintf(stderr, "zkcave: the trace fails constraint %zu (%s) at row %zu; nothing proven\n",
                rep.constraint, a.cons[rep.constraint].name, rep.row);
        stark_air_free(&a);
        return CLI_FAIL;
    }
    if (err) {
        stark_air_free(&a);
        return cli_error(CLI_USAGE, "proving failed: %s", zk_strerror(err));
    }
    uint8_t *buf = NULL;
    size_t len = 0;
    err = stark_proof_encode(&p, &a, &buf, &len);
    if (!err)
        err = zk_file_write_atomic(out, buf, len);
    stark_proof_free(&p);
    stark_air_free(&a);
    zk_free(buf);
    if (err)
        return cli_file_error("stark prove", true, out, err, NULL);
    printf("proof: %s, %zu bytes, proved in %.3f s\n", out, len, t);
    return CLI_OK;
}

typedef struct verify_opts {
    uint64_t min_bits;
    const char *model_digest;
} verify_opts;

static void verify_init(void *opts)
{
    ((verify_opts *)opts)->min_bits = STARK_MIN_BITS_DEFAULT;
}

static const cli_opt verify_opts_table[] = {
    {"--min-bits", NULL, CLI_U64, "N", offsetof(verify_opts, min_bits), 0, 128, 0,
     "accept proofs of at least N bits of conjectured security,\n"
     "computed by the verifier from the proof's parameters\n"
     "(default 100, what prove's defaults give)", NULL, NULL},
    {"--model-digest", NULL, CLI_STR, "HEX", offsetof(verify_opts, model_digest),
     .flags = CLI_OPT_NONEMPTY,
     .help = "a cnn proof: accept it only for this model commitment\n"
             "(64 hex digits, as prove prints it); another is exit 1"},
};

/* --model-digest: a cnn statement's digest must be the one asked for. */
static int check_model(const stark_air *a, const gl_t *want)
{
    if (!want)
        return CLI_OK;
    if (strcmp(a->name, "cnn") != 0)
        return cli_error(CLI_USAGE, "stark verify: --model-digest applies to cnn proofs, not %s",
                         a->name);
    gl_t d[AIR_CNN_DIGEST];
    air_cnn_digest(a, d);
    if (memcmp(d, want, sizeof d) != 0)
        return cli_error(CLI_FAIL, "rejected: the proof is valid for another model (its digest "
                                   "is not --model-digest's)");
    printf("model: the digest is --model-digest's\n");
    return CLI_OK;
}

static int run_verify(void *opts, const cli_args *args)
{
    const char *path = args->pos[0];
    unsigned min_bits = (unsigned)((const verify_opts *)opts)->min_bits;
    const char *want_hex = ((const verify_opts *)opts)->model_digest;
    gl_t want[ZKML_GL_DIGEST];
    if (want_hex && zkml_gl_digest_parse(want, want_hex))
        return cli_error(CLI_USAGE, "stark verify: --model-digest takes 64 hex digits, four "
                                    "Goldilocks elements");
    bool lowered = min_bits < STARK_MIN_BITS_DEFAULT;
    char *buf;
    size_t len;
    zk_err err = zk_file_read(path, STARK_PROOF_MAX_BYTES, &buf, &len);
    if (err)
        return cli_file_error("stark verify", false, path, err, NULL);
    char name[STARK_AIR_NAME_MAX];
    stark_open_stage stage;
    stark_air a;
    stark_proof p;
    err = stark_proof_open(&a, &p, name, &stage, (const uint8_t *)buf, len);
    zk_free(buf);
    /* The name is the prover's text: escaped before it reaches a terminal. */
    char shown[ZK_TEXT_ESCAPED_MAX(STARK_AIR_NAME_MAX)];
    zk_text_escape(shown, sizeof shown, name, strlen(name));
    if (err && stage == STARK_OPEN_STATEMENT)
        return cli_error(CLI_USAGE, "%s is not a zkcave STARK proof (%s)", path,
                         zk_strerror(err));
    if (err && stage == STARK_OPEN_AIR)
        return cli_error(CLI_USAGE, "%s: unknown AIR or bad statement '%s'", path, shown);
    if (err)
        return cli_error(CLI_USAGE, "%s: malformed proof (%s)", path, zk_strerror(err));
    const char *why = NULL;
    stark_security sec;
    int rc = CLI_OK;
    if ((err = stark_proof_security(&sec, &p, &a, &why))) {
        rc = cli_error(CLI_USAGE, "%s: malformed proof (%s)", path, why ? why : zk_strerror(err));
        goto out;
    }
    double t0 = bench_now();
    err = stark_verify(&p, &a, min_bits, &why);
    double t = bench_now() - t0;
    if (err == ZK_EVERIFY && sec.conjectured < min_bits) {
        rc = cli_error(CLI_FAIL,
                       "rejected: the proof's parameters give %u bits of conjectured security, "
                       "below the minimum of %u%s (--min-bits N accepts weaker proofs)",
                       sec.conjectured, min_bits,
                       sec.grinding_dropped ? "; grinding not counted below 80 bits" : "");
    } else if (err == ZK_EVERIFY) {
        rc = cli_error(CLI_FAIL, "invalid proof: %s%s%s", zk_strerror(err), why ? ": " : "",
                       why ? why : "");
    } else if (err) {
        rc = cli_error(CLI_USAGE, "%s: cannot verify (%s%s%s)", path, zk_strerror(err),
                       why ? ": " : "", why ? why : "");
    } else {
        zk_text_escape(shown, sizeof shown, a.name, strlen(a.name));
        printf("valid: %s, %zu rows; %u bits conjectured (minimum %u%s), proven %u (UDR) / %u "
               "(LDR); verified in %.2f ms\n",
               shown, a.n_rows, sec.conjectured, min_bits, lowered ? ", lowered by --min-bits" : "",
               sec.proven_udr, sec.proven_ldr, t * 1e3);
        print_security_notes(stdout, &sec, p.opt.grinding, false);
        /* The statement's shape, which the public values alone do not
         * tell (a range check below 2^4 or below 2^10). */
        printf("statement: %s(", shown);
        for (size_t i = 0; i < a.n_params; i++) {
            const char *pn = stark_air_param_name(&a, i);
            printf("%s%s = ", i ? ", " : "", pn ? pn : "?");
            /* A value per layer, a byte each from the first layer up. */
            size_t pl = pn ? strlen(pn) : 0;
            if (pl > 9 && strcmp(pn + pl - 9, " by layer") == 0)
                for (unsigned l = 0; l < 4; l++)
                    printf("%s%u", l ? "/" : "", (unsigned)(a.params[i] >> (8 * l) & 0xff));
            else
                printf("%llu", (unsigned long long)a.params[i]);
        }
        printf(")\n");
        print_public(stdout, &a);
        rc = check_model(&a, want_hex ? want : NULL);
    }
out:
    stark_proof_free(&p);
    stark_air_free(&a);
    return rc;
}

static int run_airs(void *opts, const cli_args *args)
{
    (void)opts, (void)args;
    for (size_t i = 0; i < stark_air_count; i++)
        printf("%s\n", stark_air_names[i]);
    return CLI_OK;
}

const cli_cmd cli_cmd_stark_prove = {
    CLI_CMD("stark prove", "AIR", 1, 1, run_prove, prove_opts_table, prove_opts),
    .init = prove_init,
    .summary = "a proof of the AIR's trace (try 'zkcave stark airs')",
};

const cli_cmd cli_cmd_stark_verify = {
    CLI_CMD("stark verify", "proof.bin", 1, 1, run_verify, verify_opts_table, verify_opts),
    .init = verify_init,
    .summary = "exit 0 valid; 1 invalid, or weaker than --min-bits; 2 unreadable or malformed",
};

const cli_cmd cli_cmd_stark_airs = {
    .name = "stark airs", .run = run_airs,
    .summary = "the built-in AIRs' names, one a line",
};

const cli_group cli_group_stark = {
    .name = "stark",
    .summary = "STARK proofs of the built-in AIRs",
    .head = "STARK proofs (Goldilocks, FRI) of the built-in AIRs:\n"
            "  fibonacci        (a, b) -> (b, a + b) from (1, 1); public: b at the last row\n"
            "  fibonacci-sq     STARK101's FibonacciSq (a, b) -> (b, a^2 + b^2) from (1, x),\n"
            "                   x private (--secret); public: a at the last row\n"
            "  poseidon-chain   one Poseidon permutation (Goldilocks, Plonky2) per row, seed\n"
            "                   private (--seed S: the state S, 0, ..., 0); public: the output\n"
            "  range-check      private values below 2^bits, a LogUp lookup (--bits, --seed)\n"
            "  cnn-conv1        the seed CNN's conv1, max-pool, rescale and ReLU on a digit\n"
            "                   (--digit, --channels); public: pixels, weights, biases, the sum\n"
            "                   of the pooled activations (the first slice of the CNN AIR)\n"
            "  model-hash       the shipped model's STARK commitment: its packed weights\n"
            "                   (private) hash to the public 4-element digest, Plonky2's\n"
            "                   Poseidon sponge as AIR rows\n"
            "  model-commit     the same from the raw parameters: unpack lanes range-check\n"
            "                   each to its width and pack them; public: header, digest\n"
            "  cnn              the whole seed CNN on a digit (--digit); public: its raw\n"
            "                   pixels, the ten logits and the model's digest (Poseidon over\n"
            "                   Goldilocks, hashed inside the proof from the weights the\n"
            "                   network uses, which stay private)\n"
            "\n",
};
