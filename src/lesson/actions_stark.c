/* stark.*: lesson 11's second half, zkcave's own STARK (stark/stark.h) on
 * STARK101's statement in Goldilocks, set beside the tutorial's (the
 * stark101.* actions, actions_stark101.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/actions.h"
#include "stark/fri.h"
#include "stark/stark.h"
#include "stark/stark101.h"

/* ---- zkcave's STARK ------------------------------------------------------------ */

typedef struct fri_log {
    lesson_result *out;
    size_t degree;     /* the current layer's degree bound */
    size_t fold;
} fri_log;

static bool on_fri(void *user, const zk_event *ev)
{
    fri_log *fl = user;
    if (ev->kind == ZK_EV_NOTE && strcmp(ev->phase, "fri_fold") == 0 && ev->data) {
        const fri_layer_info *fi = ev->data;
        char hex[2 * HASH_BYTES + 1];
        hash_to_hex(hex, fi->root);
        lesson_result_line(fl->out, LESSON_MARK_NONE,
                           "  FRI layer %u: degree < %6zu on %7zu points, root %.16s…", fi->layer,
                           fl->degree, fi->size, hex);
        fl->degree /= fl->fold;
    }
    return true;
}

/* stark.prove steps=N queries=Q grinding=G folding=F zk=1: FibonacciSq in
 * Goldilocks with the real backend, proven and verified. */
static zk_err prove_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t steps, queries, grinding, folding, zk;
    zk_err err = lesson_param_u64(out, p, "steps", 1024, 8, 1u << 16, &steps);
    if (!err)
        err = lesson_param_u64(out, p, "queries", 28, 1, 200, &queries);
    if (!err)
        err = lesson_param_u64(out, p, "grinding", 20, 0, 24, &grinding);
    if (!err)
        err = lesson_param_u64(out, p, "folding", 8, 2, 16, &folding);
    if (!err)
        err = lesson_param_u64(out, p, "zk", 1, 0, 1, &zk);
    if (err)
        return err;
    if ((steps & (steps - 1)) || (folding & (folding - 1)))
        return lesson_fail(out, ZK_EINVAL, "steps and folding must be powers of two");
    stark_options o;
    stark_options_default(&o);
    o.queries = (unsigned)queries;
    o.grinding = (unsigned)grinding;
    o.zk = zk;
    o.log_folding = 0;
    while ((1u << o.log_folding) < folding)
        o.log_folding++;
    stark_air a;
    if ((err = air_fibsq_new(&a, (size_t)steps, S101_SECRET)))
        return lesson_fail(out, err, "cannot build the AIR");
    stark_layout l;
    const char *why;
    if ((err = stark_layout_make(&l, &a, &o, &why))) {
        stark_air_free(&a);
        return lesson_fail(out, err, "%s", why);
    }
    stark_security sec;
    stark_security_of(&sec, &l, &o);
    lesson_result_line(out, LESSON_MARK_HEAD,
                       "FibonacciSq in Goldilocks: %zu rows × 2 columns, x = 3141592 private", a.n_rows);
    lesson_result_line(out, LESSON_MARK_NONE,
                       "trace polynomials of degree < %zu (N + %zu random coefficients%s), on "
                       "%zu points (blowup %zu)", l.d, l.c, o.zk ? " for zero knowledge" : "",
                       l.lde, l.blowup);
    fri_log fl = {out, l.d, folding};
    zk_events sink = {on_fri, &fl};
    stark_proof pr;
    if ((err = stark_prove(&pr, &a, &o, NULL, &sink, NULL))) {
        stark_air_free(&a);
        return lesson_fail(out, err, "proving failed: %s", zk_strerror(err));
    }
    lesson_result_line(out, LESSON_MARK_NONE,
                       "  remainder: degree < %zu on %zu points, its coefficients sent in the clear",
                       pr.n_rem, l.lde >> (o.log_folding * l.fri_layers));
    uint8_t *buf = NULL;
    size_t len = 0;
    stark_proof_encode(&pr, &a, &buf, &len);
    /* The learner may pick weak options to see what they cost; the verifier
     * then accepts them only because this action lowers its minimum, and
     * says so. */
    unsigned min_bits = sec.conjectured < STARK_MIN_BITS_DEFAULT ? sec.conjectured
                                                                 : STARK_MIN_BITS_DEFAULT;
    const char *vwhy = NULL;
    zk_err v = stark_verify(&pr, &a, min_bits, &vwhy);
    lesson_result_line(out, v ? LESSON_MARK_BAD : LESSON_MARK_OK,
                       "proof of %zu bytes %s; public output a[%zu] = %llu", len,
                       v ? "REJECTED" : "verified", a.n_rows - 1, (unsigned long long)a.pub[0]);
    lesson_result_line(out, LESSON_MARK_NONE,
                       "security: %u bits conjectured, %u proven (list decoding)", sec.conjectured,
                       sec.proven_ldr);
    if (sec.grinding_dropped)
        lesson_result_line(out, LESSON_MARK_NOTE,
                           "grinding not counted below %u bits: the %u queries give %u bits, so "
                           "the %u grinding bits are left out of the conjectured level",
                           STARK_GRINDING_FLOOR, o.queries, sec.query_bits, o.grinding);
    if (min_bits < STARK_MIN_BITS_DEFAULT)
        lesson_result_line(out, LESSON_MARK_NONE,
                           "the verifier's minimum was lowered from %u to %u bits to accept this "
                           "weak proof (zkcave stark verify --min-bits %u); by default it rejects it",
                           STARK_MIN_BITS_DEFAULT, min_bits, min_bits);
    zk_free(buf);
    stark_proof_free(&pr);
    stark_air_free(&a);
    return ZK_OK;
}

/* The conjectured level of FibonacciSq at steps rows with these options
 * and q queries (0 when there is no layout). */
static unsigned fibsq_bits(const stark_air *a, stark_options o, unsigned q, stark_security *sec)
{
    o.queries = q;
    stark_layout l;
    if (stark_layout_make(&l, a, &o, NULL))
        return 0;
    stark_security_of(sec, &l, &o);
    return sec->conjectured;
}

/* stark.check_queries steps= blowup= grinding= bits= answer=: whether
 * answer is the fewest queries at which zkcave's estimator gives FibonacciSq
 * (zero knowledge on) at least bits conjectured; a wrong answer is told its
 * own level. The estimator decides, so the exercise stays true to it. */
static zk_err check_queries(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t steps, blowup, grinding, bits;
    zk_err err = lesson_param_u64(out, p, "steps", 1024, 8, 1u << 16, &steps);
    if (!err)
        err = lesson_param_u64(out, p, "blowup", 8, 2, 64, &blowup);
    if (!err)
        err = lesson_param_u64(out, p, "grinding", 20, 0, 32, &grinding);
    if (!err)
        err = lesson_param_u64(out, p, "bits", 100, 1, 128, &bits);
    if (err)
        return err;
    stark_options o;
    stark_options_default(&o);
    o.grinding = (unsigned)grinding;
    for (o.log_blowup = 1; (1u << o.log_blowup) < blowup; o.log_blowup++)
        ;
    stark_air a;
    if ((err = air_fibsq_new(&a, (size_t)steps, S101_SECRET)))
        return lesson_fail(out, err, "cannot build the AIR");
    stark_security sec;
    unsigned want = 0;
    for (unsigned q = 1; q <= 200 && !want; q++)
        if (fibsq_bits(&a, o, q, &sec) >= bits)
            want = q;
    long v;
    out->verdict = LESSON_VERDICT_FAIL;
    if (!lesson_answer_long(p, &v) || v < 1 || v > 200) {
        lesson_fail(out, ZK_OK, "type a whole number of queries, 1 to 200");
    } else if ((unsigned)v == want) {
        out->verdict = LESSON_VERDICT_PASS;
    } else {
        unsigned got = fibsq_bits(&a, o, (unsigned)v, &sec);
        if (got >= bits)
            lesson_fail(out, ZK_OK, "%ld queries give %u bits: enough, but fewer would do", v, got);
        else if (sec.grinding_dropped)
            lesson_fail(out, ZK_OK, "%ld queries give %u query bits, under %u: the grinding is "
                        "not counted, %u bits in all", v, sec.query_bits, STARK_GRINDING_FLOOR, got);
        else
            lesson_fail(out, ZK_OK, "%ld queries give %u bits, short of %llu", v, got,
                        (unsigned long long)bits);
    }
    stark_air_free(&a);
    return ZK_OK;
}

/* stark.security: STARK101's parameters and ours, through the same formula. */
static zk_err security_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p;
    (void)ev;
    stark_security tut, ours;
    /* STARK101: a 32-bit field with no extension, 2^10 rows, blowup 8,
     * 3 queries, no grinding, folding by 2 through 10 layers. */
    stark_security_compute(&tut, 32, 10, 13, 1024, 3, 0, 2, 10, 128);
    stark_air a;
    stark_options o;
    stark_options_default(&o);
    if (air_fibsq_new(&a, 1024, S101_SECRET))
        return lesson_fail(out, ZK_ENOMEM, "cannot build the AIR");
    stark_layout l;
    zk_err err = stark_layout_make(&l, &a, &o, NULL);
    stark_air_free(&a);
    if (err)
        return err;
    stark_security_of(&ours, &l, &o);
    lesson_result_line(out, LESSON_MARK_HEAD,
                       "                      STARK101            zkcave (defaults)");
    lesson_result_line(out, LESSON_MARK_NONE, "challenges from       F_p, 32 bits        F_p², 128 bits");
    /* With zero knowledge a query gives a little under log2(blowup) bits:
     * the masks raise the degree bound above the trace length. */
    lesson_result_line(out, LESSON_MARK_NONE, "queries × bits each   3 × 3               %u × %.2f",
                       o.queries, log2((double)l.lde / (double)l.d));
    lesson_result_line(out, LESSON_MARK_NONE, "grinding              none                %u bits", o.grinding);
    lesson_result_line(out, LESSON_MARK_NONE, "out-of-domain (DEEP)  no                  yes");
    lesson_result_line(out, LESSON_MARK_NONE, "zero knowledge        no                  yes (masks, salts)");
    lesson_result_line(out, LESSON_MARK_NONE, "conjectured security  %u bits              %u bits",
                       tut.conjectured, ours.conjectured);
    lesson_result_line(out, tut.conjectured < 20 ? LESSON_MARK_NOTE : LESSON_MARK_BAD,
                       "a cheater beats STARK101's 3 queries about once in 2^%u tries: a "
                       "laptop does that in well under a second", tut.conjectured);
    return ZK_OK;
}

static const lesson_action actions[] = {
    {"stark.prove", "steps queries grinding folding zk",
     "zkcave's STARK on FibonacciSq in Goldilocks: layers, size, security", prove_action},
    {"stark.security", "", "STARK101's security next to zkcave's", security_action},
    {"stark.check_queries", "steps blowup grinding bits answer",
     "checks the fewest queries that reach a level", check_queries},
};

const lesson_action_table lesson_actions_stark = {actions, sizeof actions / sizeof actions[0]};
