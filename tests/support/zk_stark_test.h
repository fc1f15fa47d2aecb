/* Helpers the STARK tests share (tests/unit/test_stark*.c): small proof
 * options, a prove-verify round trip through the file format, and a trace
 * with one cell changed after the honest one. Header-only and static, so
 * that each test file has its own tampering state and other tests link
 * nothing of it. */
#ifndef ZK_STARK_TEST_H
#define ZK_STARK_TEST_H

#include "zk_test.h"

#include <string.h>

#include "core/alloc.h"
#include "stark/stark.h"

/* Most STARK tests make small proofs of few bits on purpose (short traces,
 * few queries, to stay fast): they verify with no minimum level. */
#define ANY_LEVEL 0u

static inline stark_options zk_stark_small_options(void)
{
    stark_options o;
    stark_options_default(&o);
    o.queries = 8;
    o.grinding = 2;
    o.fri_remainder = 4;
    return o;
}

/* Proves and verifies, then the same through the file format, whose
 * encoding of the decoded proof is the same bytes. */
static inline void zk_stark_prove_verify(const stark_air *a, const stark_options *o, zk_rng *rng)
{
    stark_proof p, q;
    assert_int_equal(stark_prove(&p, a, o, rng, NULL, NULL), ZK_OK);
    const char *why = NULL;
    zk_err err = stark_verify(&p, a, ANY_LEVEL, &why);
    if (err)
        fail_msg("%s: %s (%s)", a->name, zk_errname(err), why ? why : "");
    uint8_t *buf, *again;
    size_t len, len2;
    assert_int_equal(stark_proof_encode(&p, a, &buf, &len), ZK_OK);
    assert_int_equal(stark_proof_decode(&q, buf, len, a), ZK_OK);
    assert_int_equal(stark_verify(&q, a, ANY_LEVEL, NULL), ZK_OK);
    assert_int_equal(stark_proof_encode(&q, a, &again, &len2), ZK_OK);
    assert_int_equal(len2, len);
    assert_memory_equal(again, buf, len);
    zk_free(again);
    stark_proof_free(&q);
    stark_proof_free(&p);
    zk_free(buf);
}

/* zk_stark_tamper points a at vt, a copy of its table whose trace builder
 * adds 1 to cell (row, col) of the honest trace (col counts the fixed
 * columns too: rows are n_main + n_fixed wide), or, already tampered, moves
 * the cell; zk_stark_untamper puts the table back. */
static const stark_air_vt *zk_stark_orig_vt;
static size_t zk_stark_bad_row, zk_stark_bad_col;

static inline zk_err zk_stark_tampered_trace(const stark_air *a, gl_t *t)
{
    zk_err err = zk_stark_orig_vt->build_trace(a, t);
    size_t at = zk_stark_bad_row * stark_air_row_width(a) + zk_stark_bad_col;
    t[at] = gl_add(t[at], 1);
    return err;
}

static inline void zk_stark_tamper(stark_air *a, stark_air_vt *vt, size_t row, size_t col)
{
    if (a->vt != vt) {   /* once: tampering again only moves the cell */
        zk_stark_orig_vt = a->vt;
        *vt = *a->vt;
        vt->build_trace = zk_stark_tampered_trace;
        a->vt = vt;
    }
    zk_stark_bad_row = row;
    zk_stark_bad_col = col;
}

static inline void zk_stark_untamper(stark_air *a)
{
    a->vt = zk_stark_orig_vt;
}

/* a's trace as built (tampered or not) fails: the prover refuses, naming
 * constraint cons at row (any row for SIZE_MAX), and the proof made
 * regardless does not verify. */
static inline void zk_stark_rejected(const stark_air *a, size_t row, const char *cons,
                                     zk_rng *rng)
{
    stark_options o = zk_stark_small_options();
    stark_proof p;
    stark_check_report rep;
    assert_int_equal(stark_prove(&p, a, &o, rng, NULL, &rep), ZK_ETRACE);
    assert_false(rep.ok);
    if (row != SIZE_MAX)
        assert_int_equal(rep.row, row);
    assert_string_equal(a->cons[rep.constraint].name, cons);
    assert_int_equal(stark_prove_unchecked(&p, a, &o, rng, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, a, ANY_LEVEL, NULL), ZK_EVERIFY);
    stark_proof_free(&p);
}

/* a's whole trace as the prover lays it out: each row's main columns,
 * then its fixed ones (zk_alloc'ed). */
static inline gl_t *zk_stark_full_trace(const stark_air *a)
{
    size_t w = stark_air_row_width(a);
    gl_t *t = zk_alloc(a->n_rows * w, sizeof *t);
    gl_t *f = zk_alloc(a->n_rows * a->n_fixed + 1, sizeof *f);
    assert_non_null(t);
    assert_non_null(f);
    if (a->n_fixed)
        assert_int_equal(a->vt->build_fixed(a, f), ZK_OK);
    for (size_t i = 0; i < a->n_rows; i++)
        memcpy(t + i * w + a->n_main, f + i * a->n_fixed, a->n_fixed * sizeof *f);
    zk_free(f);
    assert_int_equal(a->vt->build_trace(a, t), ZK_OK);
    return t;
}

/* Every constraint of t, the auxiliary ones with their segment built from
 * fixed challenges (up to three). */
static inline void zk_stark_check_all(const stark_air *a, const gl_t *t, stark_check_report *rep)
{
    gl2_t chal[3] = {gl2_make(12345, 678), gl2_make(91011, 1213), gl2_make(1415, 1617)};
    gl2_t *aux = zk_alloc(a->n_rows * a->n_aux + 1, sizeof *aux);
    assert_non_null(aux);
    if (a->n_aux)
        assert_int_equal(a->vt->build_aux(a, aux, t, chal), ZK_OK);
    assert_int_equal(stark_trace_check(a, t, a->n_aux ? aux : NULL, chal, rep), ZK_OK);
    zk_free(aux);
}

#endif
