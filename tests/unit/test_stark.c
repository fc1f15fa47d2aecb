/* src/stark: completeness over random parameters and every built-in AIR;
 * soundness checks (a changed trace cell, a wrong boundary value, a
 * tampered opening, Merkle path, remainder or out-of-domain value, a proof
 * for another public input: each fails); FRI rejecting functions far from
 * low degree; defensive proof parsing; zero knowledge (χ² tests); the
 * security estimates against Winterfell's own figures. Traces are small and
 * query counts low where the property allows, to stay fast under ASan. */
#include "zk_stark_test.h"

#include <cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "field/field.h"
#include "hash/poseidon_gl.h"
#include "stark/fri.h"
#include "stark/lde.h"
#include "stark/stark.h"

/* ---- security estimates ------------------------------------------------------ */

/* Winterfell's own test figures (air/src/proof/security.rs tests), and the
 * conjectured formula worked by hand. */
static void test_security_estimates(void **state)
{
    (void)state;
    stark_security s;
    /* Quadratic extension, blowup 4, 119 queries, 20 grinding bits, 2^20
     * rows, folding 2, remainder degree 127 (13 layers): UDR 100, LDR 69. */
    stark_security_compute(&s, 128, 20, 22, (size_t)1 << 20, 119, 20, 2, 13, 128);
    assert_int_equal(s.proven_udr, 100);
    assert_int_equal(s.proven_ldr, 69);
    stark_security_compute(&s, 128, 20, 22, (size_t)1 << 20, 150, 20, 2, 13, 128);
    assert_int_equal(s.proven_ldr, 69);
    /* Cubic extension, 81 queries: LDR 100. */
    stark_security_compute(&s, 192, 20, 22, (size_t)1 << 20, 81, 20, 2, 13, 128);
    assert_int_equal(s.proven_ldr, 100);
    /* 2^8 rows, blowup 8, 123 queries, 16 grinding bits: UDR 116 folding by
     * 2, 115 folding by 4. */
    stark_security_compute(&s, 128, 8, 11, 256, 123, 16, 2, 5, 128);
    assert_int_equal(s.proven_udr, 116);
    stark_security_compute(&s, 128, 8, 11, 256, 123, 16, 4, 3, 128);
    assert_int_equal(s.proven_udr, 115);
    /* Conjectured: min(128 - 19, 3·28 + 20) - 1 = 103 for 2^16 rows, blowup
     * 8, 28 queries; grinding only counts from 80 query bits up; the hash
     * caps it at 128. */
    stark_security_compute(&s, 128, 16, 19, (size_t)1 << 16, 28, 20, 8, 3, 128);
    assert_int_equal(s.conjectured, 103);
    stark_security_compute(&s, 128, 16, 19, (size_t)1 << 16, 26, 20, 8, 3, 128);
    assert_int_equal(s.conjectured, 77);
    stark_security_compute(&s, 192, 10, 13, 1024, 60, 20, 8, 3, 128);
    assert_int_equal(s.conjectured, 128);
    /* The defaults give at least 100 bits on the benchmark's chains. */
    stark_options o;
    stark_options_default(&o);
    for (size_t steps = 4096; steps <= 65536; steps *= 16) {
        stark_air a;
        assert_int_equal(stark_air_from_statement(&a, "poseidon-chain", (uint64_t[]){steps}, 1,
                                                  (gl_t[12]){0}, 12),
                         ZK_OK);
        stark_layout l;
        assert_int_equal(stark_layout_make(&l, &a, &o, NULL), ZK_OK);
        stark_security_of(&s, &l, &o);
        assert_true(s.conjectured >= 100);
        stark_air_free(&a);
    }
}

/* Winterfell's formulas on a table of parameter sets, the expected figures
 * computed independently by scripts/stark_security_table.py (which states
 * the formulas): grinding dropped below 80 query bits and counted from 80,
 * the field and hash caps, the unique- and list-decoding regimes each the
 * larger, the FRI layer term binding, zero-knowledge rates d/|D|. */
typedef struct security_row {
    unsigned ext_bits, log_n, log_lde;
    size_t d;
    unsigned queries, grinding, folding, layers;
    unsigned conjectured, udr, ldr, query_bits;
    bool dropped;
} security_row;

static const security_row security_table[] = {
    /* Winterfell's own test: UDR 100, LDR 69 */
    {128, 20, 22, 1048576, 119, 20, 2, 13, 105, 100, 69, 238, false},
    /* Winterfell's cubic test: LDR 100 */
    {192, 20, 22, 1048576, 81, 20, 2, 13, 128, 74, 100, 162, false},
    /* stark prove's defaults, 1024 rows, zk */
    {128, 10, 13, 1088, 28, 20, 8, 1, 100, 42, 60, 81, false},
    /* 3 queries: grinding dropped (7 vs 22/24) */
    {128, 10, 13, 1088, 3, 20, 8, 1, 7, 22, 24, 8, true},
    /* blowup 2, 1 query, no grinding: 0 bits */
    {128, 10, 11, 1032, 1, 0, 8, 1, 0, 0, 0, 0, false},
    /* 78 query bits: grinding dropped */
    {128, 16, 19, 65536, 26, 20, 8, 3, 77, 41, 57, 78, true},
    /* 81 query bits: grinding counted */
    {128, 16, 19, 65536, 27, 20, 8, 3, 100, 42, 59, 81, false},
    /* exactly 80 query bits: counted */
    {128, 12, 16, 4096, 20, 16, 4, 4, 95, 34, 55, 80, false},
    /* 79 query bits: dropped */
    {128, 12, 13, 4096, 79, 16, 2, 7, 78, 48, 54, 79, true},
    /* 79 query bits, no grinding */
    {128, 12, 13, 4096, 79, 0, 2, 7, 78, 32, 39, 79, false},
    /* field cap binds: 128 - 30 */
    {128, 24, 30, 16777216, 40, 20, 16, 4, 97, 59, 47, 240, false},
    /* hash's collision resistance caps it */
    {192, 10, 13, 1024, 60, 20, 8, 3, 128, 69, 109, 180, false},
    /* STARK101: 32-bit field, no extension */
    {32, 10, 13, 1024, 3, 0, 2, 10, 8, 2, 0, 9, false},
    /* 2^8 rows, folding 2: UDR 116 */
    {128, 8, 11, 256, 123, 16, 2, 5, 116, 116, 89, 369, false},
    /* 2^8 rows, folding 4: UDR 115 */
    {128, 8, 11, 256, 123, 16, 4, 3, 116, 115, 89, 369, false},
    /* folding 16: the FRI layer term binds UDR */
    {128, 8, 11, 256, 123, 16, 16, 1, 116, 113, 89, 369, false},
    /* the same with no FRI layer */
    {128, 8, 11, 256, 123, 16, 16, 0, 116, 116, 89, 369, false},
    /* no FRI layers (remainder sent whole) */
    {128, 12, 15, 4096, 50, 0, 8, 0, 112, 41, 71, 150, false},
    /* 512 rows, zk: 79 query bits, dropped */
    {128, 9, 12, 576, 28, 20, 8, 1, 78, 42, 59, 79, true},
    /* blowup 64, zk */
    {128, 14, 20, 16448, 30, 24, 16, 2, 107, 53, 67, 179, false},
};

static void test_security_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof security_table / sizeof security_table[0]; i++) {
        const security_row *r = &security_table[i];
        stark_security s;
        stark_security_compute(&s, r->ext_bits, r->log_n, r->log_lde, r->d, r->queries,
                               r->grinding, r->folding, r->layers, 128);
        if (s.conjectured != r->conjectured || s.proven_udr != r->udr ||
            s.proven_ldr != r->ldr || s.query_bits != r->query_bits ||
            s.grinding_dropped != r->dropped)
            fail_msg("row %zu: got %u/%u/%u, %u query bits%s; want %u/%u/%u, %u%s", i,
                     s.conjectured, s.proven_udr, s.proven_ldr, s.query_bits,
                     s.grinding_dropped ? " (dropped)" : "", r->conjectured, r->udr, r->ldr,
                     r->query_bits, r->dropped ? " (dropped)" : "");
    }
}

/* ---- completeness ------------------------------------------------------------ */

static void test_completeness_random(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "completeness");
    int proved = 0;
    for (int trial = 0; trial < 24; trial++) {
        stark_options o;
        stark_options_default(&o);
        o.log_blowup = 1 + (unsigned)zk_random_below(&rng, 4);
        o.queries = 2 + (unsigned)zk_random_below(&rng, 12);
        o.grinding = (unsigned)zk_random_below(&rng, 4);
        o.log_folding = 1 + (unsigned)zk_random_below(&rng, 4);
        o.fri_remainder = 1u << zk_random_below(&rng, 5);
        o.zk = zk_random_below(&rng, 2);
        size_t n = (size_t)1 << (5 + zk_random_below(&rng, 4));
        stark_air a;
        switch (trial % 3) {
        case 0: assert_int_equal(air_fibonacci_new(&a, n), ZK_OK); break;
        case 1: assert_int_equal(air_fibsq_new(&a, n, gl_random(&rng)), ZK_OK); break;
        default:
            assert_int_equal(air_range_check_new(&a, n, 4, NULL, &rng), ZK_OK);
            break;
        }
        stark_layout l;
        if (stark_layout_make(&l, &a, &o, NULL) == ZK_OK) {
            zk_stark_prove_verify(&a, &o, &rng);
            proved++;
        }
        stark_air_free(&a);
    }
    assert_true(proved >= 16);
    /* The Poseidon chain, with and without zero knowledge. */
    gl_t seed[12];
    for (int i = 0; i < 12; i++)
        seed[i] = gl_random(&rng);
    for (int zk = 0; zk <= 1; zk++) {
        stark_options o = zk_stark_small_options();
        o.log_blowup = 4;
        o.zk = zk;
        o.queries = 4;
        stark_air a;
        assert_int_equal(air_poseidon_chain_new(&a, 64, seed), ZK_OK);
        zk_stark_prove_verify(&a, &o, &rng);
        stark_air_free(&a);
    }
}

/* The chain AIR computes the published chain: 4096 permutations of zero. */
static void test_poseidon_air_output(void **state)
{
    (void)state;
    char *text = zk_test_read_shared("vectors/poseidon_goldilocks/vectors.json");
    cJSON *j = cJSON_Parse(text);
    const cJSON *it;
    bool seen = false;
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(cJSON_GetObjectItem(j, "chains"), "items"))
    {
        if (cJSON_GetObjectItem(it, "iterations")->valueint != 4096)
            continue;
        gl_t seed[12] = {0}, out[12];
        air_poseidon_chain_output(out, seed, 4096);
        const cJSON *o = cJSON_GetObjectItem(it, "output");
        for (int i = 0; i < 12; i++) {
            gl_t want;
            assert_int_equal(gl_from_str(&want, cJSON_GetArrayItem(o, i)->valuestring), ZK_OK);
            assert_int_equal(out[i], want);
        }
        seen = true;
    }
    assert_true(seen);
    cJSON_Delete(j);
    free(text);
    /* Its trace satisfies every constraint, row by row. */
    stark_air a;
    gl_t seed[12] = {1, 2, 3};
    assert_int_equal(air_poseidon_chain_new(&a, 16, seed), ZK_OK);
    gl_t *t = malloc(16 * a.n_main * sizeof *t);
    assert_int_equal(a.vt->build_trace(&a, t), ZK_OK);
    stark_check_report rep;
    assert_int_equal(stark_trace_check(&a, t, NULL, NULL, &rep), ZK_OK);
    assert_true(rep.ok);
    /* Each column is pinned by a constraint: changing any cell of row 5
     * breaks a constraint at row 5 or at row 4 (through next.IN). */
    for (size_t c = 0; c < a.n_main; c++) {
        t[5 * a.n_main + c] = gl_add(t[5 * a.n_main + c], 1);
        assert_int_equal(stark_trace_check(&a, t, NULL, NULL, &rep), ZK_OK);
        assert_false(rep.ok);
        assert_true(rep.row == 4 || rep.row == 5);
        t[5 * a.n_main + c] = gl_sub(t[5 * a.n_main + c], 1);
    }
    free(t);
    stark_air_free(&a);
}

/* ---- soundness --------------------------------------------------------------- */

static void test_changed_trace_cell(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "changed cell");
    stark_air a;
    stark_air_vt vt;
    assert_int_equal(air_fibonacci_new(&a, 64), ZK_OK);
    /* The prover refuses, naming the transition from row 9 into row 10;
     * proved anyway, the verifier rejects it. */
    zk_stark_tamper(&a, &vt, 10, 1);
    zk_stark_rejected(&a, 9, "next.b = a + b", &rng);
    /* A boundary cell: row 0 (the transition out of it fails first). */
    zk_stark_tamper(&a, &vt, 0, 0);
    zk_stark_rejected(&a, 0, "next.b = a + b", &rng);
    zk_stark_untamper(&a);
    stark_air_free(&a);
}

static void test_wrong_boundary_and_statement(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "boundary");
    stark_options o = zk_stark_small_options();
    stark_air a;
    assert_int_equal(air_fibsq_new(&a, 64, 3141592), ZK_OK);
    gl_t right = a.pub[0];
    /* A claimed result the trace does not reach. */
    a.pub[0] = gl_add(right, 1);
    stark_proof p;
    stark_check_report rep;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, &rep), ZK_ETRACE);
    assert_int_equal(rep.row, 63);
    assert_string_equal(a.cons[rep.constraint].name, "a = result at the last row");
    assert_int_equal(stark_prove_unchecked(&p, &a, &o, &rng, NULL), ZK_OK);
    const char *why;
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, &why), ZK_EVERIFY);
    stark_proof_free(&p);

    /* An honest proof checked against another public input. */
    a.pub[0] = right;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, &rep), ZK_OK);
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_OK);
    stark_air other;
    assert_int_equal(stark_air_from_statement(&other, "fibonacci-sq", a.params, 1,
                                              (gl_t[]){gl_add(right, 1)}, 1),
                     ZK_OK);
    assert_int_equal(stark_verify(&p, &other, ANY_LEVEL, &why), ZK_EINVAL);
    /* ... even when the proof's own statement is rewritten to match. */
    p.pub[0] = other.pub[0];
    assert_int_equal(stark_verify(&p, &other, ANY_LEVEL, &why), ZK_EVERIFY);
    stark_air_free(&other);
    stark_proof_free(&p);
    stark_air_free(&a);
}

/* The verifier, not the prover, decides the level it accepts: an honest
 * proof made with blowup 2, 1 query and no grinding (0 bits) is refused at
 * the default minimum and accepted only with the minimum lowered; the
 * defaults give exactly the default minimum on 1024 rows. */
static void test_verifier_minimum(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "minimum");
    stark_air a;
    assert_int_equal(air_fibonacci_new(&a, 1024), ZK_OK);
    stark_options o;
    stark_options_default(&o);
    o.log_blowup = 1;
    o.queries = 1;
    o.grinding = 0;
    stark_proof p;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    stark_security s;
    const char *why;
    assert_int_equal(stark_proof_security(&s, &p, &a, &why), ZK_OK);
    assert_int_equal(s.conjectured, 0);
    assert_int_equal(stark_verify(&p, &a, STARK_MIN_BITS_DEFAULT, &why), ZK_EVERIFY);
    assert_string_equal(why, "conjectured security below the minimum");
    assert_int_equal(stark_verify(&p, &a, 1, NULL), ZK_EVERIFY);
    assert_int_equal(stark_verify(&p, &a, 0, NULL), ZK_OK);
    /* A recorded level is never believed: claiming more is malformed. */
    p.sec.conjectured = 127;
    assert_int_equal(stark_verify(&p, &a, STARK_MIN_BITS_DEFAULT, &why), ZK_EINVAL);
    assert_string_equal(why, "the recorded security level is wrong");
    stark_proof_free(&p);

    stark_options_default(&o);
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    assert_int_equal(stark_proof_security(&s, &p, &a, NULL), ZK_OK);
    assert_int_equal(s.conjectured, STARK_MIN_BITS_DEFAULT);
    assert_false(s.grinding_dropped);
    assert_int_equal(stark_verify(&p, &a, STARK_MIN_BITS_DEFAULT, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, &a, STARK_MIN_BITS_DEFAULT + 1, NULL), ZK_EVERIFY);
    stark_proof_free(&p);
    stark_air_free(&a);
}

/* The default options lose bits to the zero-knowledge masks on short
 * traces (67 at 128 rows); stark_options_fit raises the blowup, then the
 * queries, until a proof the default verifier accepts. */
static void test_options_fit(void **state)
{
    (void)state;
    static const size_t rows[] = {128, 256, 512, 1024};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        stark_air a;
        assert_int_equal(air_fibonacci_new(&a, rows[i]), ZK_OK);
        stark_options o, d;
        stark_options_default(&o);
        d = o;
        stark_layout l;
        stark_security s;
        assert_int_equal(stark_layout_make(&l, &a, &o, NULL), ZK_OK);
        stark_security_of(&s, &l, &o);
        bool short_of = s.conjectured < STARK_MIN_BITS_DEFAULT;
        assert_true(short_of == (rows[i] < 1024));
        assert_int_equal(stark_options_fit(&o, &a, STARK_MIN_BITS_DEFAULT), ZK_OK);
        assert_int_equal(stark_layout_make(&l, &a, &o, NULL), ZK_OK);
        stark_security_of(&s, &l, &o);
        assert_true(s.conjectured >= STARK_MIN_BITS_DEFAULT);
        /* Nothing moves when the defaults already suffice, and the search
         * only ever raises. */
        assert_true(o.log_blowup >= d.log_blowup && o.queries >= d.queries);
        if (!short_of)
            assert_true(o.log_blowup == d.log_blowup && o.queries == d.queries);
        /* No shape reaches a level above the 128-bit field and hash caps. */
        stark_options c = o;
        assert_int_equal(stark_options_fit(&c, &a, 129), ZK_EINVAL);
        assert_true(c.log_blowup == o.log_blowup && c.queries == o.queries);
        stark_air_free(&a);
    }
}

/* Below 128 rows zero knowledge leaves room for fewer queries than the
 * default (2q + 2 mask coefficients, at most rows/2): the fit then lowers
 * them, and 64 rows reach 100 bits (blowup 64, 15 queries); 32 rows cannot,
 * and stark_options_min_rows names 64 (4 without zero knowledge). */
static void test_options_fit_short(void **state)
{
    (void)state;
    stark_air a;
    assert_int_equal(air_fibonacci_new(&a, 64), ZK_OK);
    stark_options o;
    stark_options_default(&o);
    assert_int_equal(stark_options_fit(&o, &a, STARK_MIN_BITS_DEFAULT), ZK_OK);
    assert_int_equal(o.log_blowup, 6);
    assert_int_equal(o.queries, 15);
    stark_layout l;
    stark_security s;
    assert_int_equal(stark_layout_make(&l, &a, &o, NULL), ZK_OK);
    stark_security_of(&s, &l, &o);
    assert_true(s.conjectured >= STARK_MIN_BITS_DEFAULT);
    /* A proof with those options verifies at the default minimum. */
    stark_proof p;
    assert_int_equal(stark_prove(&p, &a, &o, NULL, NULL, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, &a, STARK_MIN_BITS_DEFAULT, NULL), ZK_OK);
    stark_proof_free(&p);
    stark_air_free(&a);
    assert_int_equal(air_fibonacci_new(&a, 32), ZK_OK);
    stark_options_default(&o);
    stark_options d = o;
    assert_int_equal(stark_options_fit(&o, &a, STARK_MIN_BITS_DEFAULT), ZK_EINVAL);
    assert_true(o.log_blowup == d.log_blowup && o.queries == d.queries);
    assert_int_equal(stark_options_min_rows(&o, &a, STARK_MIN_BITS_DEFAULT), 64);
    o.zk = false;
    assert_int_equal(stark_options_fit(&o, &a, STARK_MIN_BITS_DEFAULT), ZK_OK);
    assert_int_equal(stark_options_min_rows(&o, &a, STARK_MIN_BITS_DEFAULT), 4);
    stark_air_free(&a);
}

/* Every parameter the prover writes and the verifier uses is checked
 * against the verifier's own ranges and against the shape the options
 * imply; a proof that disagrees is malformed (ZK_EINVAL), never verified
 * at a level it does not have. The challenge field and the hash are not in
 * the proof at all. */
static void test_verifier_checks_parameters(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "parameters");
    stark_options o = zk_stark_small_options();
    stark_air a;
    assert_int_equal(air_fibonacci_new(&a, 256), ZK_OK);
    stark_proof p;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_OK);
    const stark_options good = p.opt;
    stark_security s;
    const struct {
        unsigned *field;
        unsigned value;
    } bad[] = {
        {&p.opt.log_blowup, 0}, {&p.opt.log_blowup, 7}, {&p.opt.log_blowup, 2},
        {&p.opt.queries, 0}, {&p.opt.queries, 201}, {&p.opt.queries, 9},
        {&p.opt.grinding, 33}, {&p.opt.grinding, 3},
        {&p.opt.log_folding, 0}, {&p.opt.log_folding, 5}, {&p.opt.log_folding, 1},
        {&p.opt.fri_remainder, 0}, {&p.opt.fri_remainder, (1u << 20) + 1},
        {&p.opt.fri_remainder, 256},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        *bad[i].field = bad[i].value;
        if (stark_proof_security(&s, &p, &a, NULL) != ZK_EINVAL ||
            stark_verify(&p, &a, ANY_LEVEL, NULL) != ZK_EINVAL)
            fail_msg("parameter change %zu (to %u) not refused as malformed", i, bad[i].value);
        /* Even with the level it claims made to agree, it does not verify. */
        stark_layout l;
        if (stark_layout_make(&l, &a, &p.opt, NULL) == ZK_OK) {
            stark_security_of(&p.sec, &l, &p.opt);
            assert_int_not_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_OK);
        }
        p.opt = good;
        stark_layout lg;
        assert_int_equal(stark_layout_make(&lg, &a, &p.opt, NULL), ZK_OK);
        stark_security_of(&p.sec, &lg, &p.opt);
    }
    /* The number of FRI layers and the remainder's length follow from the
     * options, not from the proof. */
    p.n_fri--;
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_EINVAL);
    p.n_fri++;
    p.n_rem--;
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_EINVAL);
    p.n_rem++;
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_OK);

    /* The same in the file: the option bytes after the statement (magic 8,
     * version 2, name 1 + 9, 1 + 8 params, 1 + 8 public), then the FRI
     * remainder target, then the zero-knowledge flag. */
    uint8_t *buf;
    size_t len;
    assert_int_equal(stark_proof_encode(&p, &a, &buf, &len), ZK_OK);
    size_t at = 8 + 2 + 1 + strlen("fibonacci") + 1 + 8 + 1 + 8;
    const struct {
        size_t off;
        uint8_t value;
    } bytes[] = {
        {0, 0}, {0, 7}, {0, 2}, {1, 0}, {1, 201}, {2, 33}, {3, 0}, {3, 5},
        {4, 0}, {6, 0x10}, {8, 2}, {9, 127},
    };
    for (size_t i = 0; i < sizeof bytes / sizeof bytes[0]; i++) {
        uint8_t keep = buf[at + bytes[i].off];
        buf[at + bytes[i].off] = bytes[i].value;
        stark_proof q;
        zk_err err = stark_proof_decode(&q, buf, len, &a);
        if (err == ZK_OK) {
            err = stark_verify(&q, &a, ANY_LEVEL, NULL);
            stark_proof_free(&q);
        }
        if (err != ZK_EINVAL && err != ZK_EFORMAT)
            fail_msg("header byte %zu set to %u: %s, want malformed", bytes[i].off,
                     bytes[i].value, zk_errname(err));
        buf[at + bytes[i].off] = keep;
    }
    zk_free(buf);
    stark_proof_free(&p);
    stark_air_free(&a);
}

static void test_tampered_proof(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "tamper");
    stark_options o = zk_stark_small_options();
    stark_air a;
    assert_int_equal(air_range_check_new(&a, 64, 5, NULL, &rng), ZK_OK);
    stark_proof p;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_OK);
    const char *why;
#define FLIP(lvalue, expect, reason)                                                   \
    do {                                                                               \
        (lvalue) ^= 1;                                                                 \
        assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, &why), (expect));                        \
        if (reason)                                                                    \
            assert_string_equal(why, (const char *)(reason));                          \
        (lvalue) ^= 1;                                                                 \
        assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_OK);                           \
    } while (0)
    /* Query answers: a value in each tree. */
    FLIP(p.main.values[1], ZK_EVERIFY, "main trace Merkle path");
    FLIP(p.aux.values[p.aux.n * p.aux.width - 1], ZK_EVERIFY, "auxiliary trace Merkle path");
    FLIP(p.comp.values[0], ZK_EVERIFY, "composition Merkle path");
    FLIP(p.fri[0].values[3], ZK_EVERIFY, "FRI layer 0");
    FLIP(p.main.salts[0], ZK_EVERIFY, "main trace Merkle path");
    /* Merkle paths. */
    FLIP(p.main.nodes[0].b[5], ZK_EVERIFY, "main trace Merkle path");
    FLIP(p.comp.nodes[p.comp.n_nodes - 1].b[0], ZK_EVERIFY, "composition Merkle path");
    FLIP(p.fri[p.n_fri - 1].nodes[0].b[31], ZK_EVERIFY, NULL);
    /* Commitments, out-of-domain values, the remainder, the nonce. */
    FLIP(p.main_root.b[0], ZK_EVERIFY, NULL);
    FLIP(p.ood_main[0].c[0], ZK_EVERIFY, "out-of-domain check");
    FLIP(p.ood_aux[1].c[1], ZK_EVERIFY, "out-of-domain check");
    FLIP(p.ood_comp[0].c[0], ZK_EVERIFY, "out-of-domain check");
    FLIP(p.fri_rem[0].c[0], ZK_EVERIFY, NULL);
    FLIP(p.fri_roots[0].b[7], ZK_EVERIFY, NULL);
    FLIP(p.pow_nonce, ZK_EVERIFY, NULL);
    /* The recorded security level and the options. */
    FLIP(p.sec.conjectured, ZK_EINVAL, "the recorded security level is wrong");
    FLIP(p.opt.queries, ZK_EINVAL, NULL);
#undef FLIP
    stark_proof_free(&p);
    stark_air_free(&a);
}

/* A value outside the range breaks the lookup. */
static void test_range_check_rejects(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "range");
    uint64_t v[64];
    for (int i = 0; i < 64; i++)
        v[i] = zk_random_below(&rng, 16);
    v[37] = 16;
    stark_air a;
    assert_int_equal(air_range_check_new(&a, 64, 4, v, NULL), ZK_OK);
    stark_options o = zk_stark_small_options();
    stark_proof p;
    stark_check_report rep;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, &rep), ZK_ETRACE);
    assert_string_equal(a.cons[rep.constraint].name, "LogUp sum closes at 0");
    assert_int_equal(stark_prove_unchecked(&p, &a, &o, &rng, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, &a, ANY_LEVEL, NULL), ZK_EVERIFY);
    stark_proof_free(&p);
    stark_air_free(&a);
}

/* ---- periodic columns -------------------------------------------------------- */

/* x_{i+1} = x_i + c_i with c = 1, 2, 3, 4, 1, 2, ... periodic; x_0 = 0. */
static void per_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                          const gl_t *per)
{
    out[0] = gl_sub(next[0], gl_add(cur[0], per[0]));
    out[1] = cur[0];
    out[2] = gl_sub(cur[0], a->pub[0]);
}

static void per_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                         const gl2_t *per)
{
    out[0] = gl2_sub(next[0], gl2_add(cur[0], per[0]));
    out[1] = cur[0];
    out[2] = gl2_sub(cur[0], gl2_from_base(a->pub[0]));
}

static zk_err per_trace(const stark_air *a, gl_t *t)
{
    t[0] = 0;
    for (size_t i = 1; i < a->n_rows; i++)
        t[i] = gl_add(t[i - 1], a->periodic[0].values[(i - 1) % a->periodic[0].period]);
    return ZK_OK;
}

static const stark_air_vt per_vt = {per_eval_base, per_eval_ext, NULL, per_trace, NULL, NULL,
                                    NULL};

static void make_periodic_air(stark_air *a, size_t n, const gl_t *vals, size_t period)
{
    assert_int_equal(stark_air_init(a, "test-periodic", n, 1), ZK_OK);
    assert_int_equal(stark_air_alloc_constraints(a, 3), ZK_OK);
    assert_int_equal(stark_air_add_periodic(a, vals, period), ZK_OK);
    a->vt = &per_vt;
    a->n_main_cons = 3;
    a->n_pub = 1;
    stark_air_set_constraint(a, 0, STARK_TRANSITION, 0, 1, false, "next.x = x + c");
    stark_air_set_constraint(a, 1, STARK_ROW, 0, 1, false, "x = 0 at row 0");
    stark_air_set_constraint(a, 2, STARK_ROW, n - 1, 1, false, "x = result");
    gl_t x = 0;
    for (size_t i = 0; i + 1 < n; i++)
        x = gl_add(x, vals[i % period]);
    a->pub[0] = x;
}

static void test_periodic_columns(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "periodic");
    stark_options o = zk_stark_small_options();
    gl_t c[4] = {1, 2, 3, 4}, d[4] = {1, 2, 3, 5};
    stark_air a, b;
    make_periodic_air(&a, 128, c, 4);
    make_periodic_air(&b, 128, d, 4);
    b.pub[0] = a.pub[0];
    zk_stark_prove_verify(&a, &o, &rng);
    /* A verifier with another periodic schedule rejects the proof. */
    stark_proof p;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, &b, ANY_LEVEL, NULL), ZK_EVERIFY);
    stark_proof_free(&p);
    stark_air_free(&a);
    stark_air_free(&b);
    assert_int_equal(stark_air_init(&a, "x", 64, 1), ZK_OK);
    assert_int_equal(stark_air_add_periodic(&a, c, 3), ZK_EINVAL);
    stark_air_free(&a);
}

static void test_layout_limits(void **state)
{
    (void)state;
    stark_air a;
    gl_t seed[12] = {0};
    assert_int_equal(air_poseidon_chain_new(&a, 1024, seed), ZK_OK);
    stark_options o;
    stark_options_default(&o);
    o.log_blowup = 2;
    const char *why;
    stark_layout l;
    assert_int_equal(stark_layout_make(&l, &a, &o, &why), ZK_EINVAL);
    assert_string_equal(why, "the blowup factor is too small for the constraints' degree");
    stark_options_default(&o);
    o.log_folding = 5;
    assert_int_equal(stark_layout_make(&l, &a, &o, &why), ZK_EINVAL);
    stark_options_default(&o);
    o.queries = 0;
    assert_int_equal(stark_options_check(&o, &why), ZK_EINVAL);
    stark_air_free(&a);
    assert_int_equal(air_fibonacci_new(&a, 3), ZK_EINVAL);
    assert_int_equal(stark_air_from_statement(&a, "nope", NULL, 0, NULL, 0), ZK_EINVAL);
    assert_int_equal(stark_air_from_statement(&a, "fibonacci", (uint64_t[]){100}, 1, (gl_t[]){1}, 1),
                     ZK_EINVAL);
}

/* ---- FRI ---------------------------------------------------------------------- */

/* Runs FRI on f (2^log_n values on 7·<ω>) claiming degree < rem·F^layers,
 * with the verifier replaying the same transcript; returns its verdict. */
static zk_err run_fri(const gl2_t *f, unsigned log_n, unsigned log_fold, unsigned layers,
                      size_t rem, unsigned queries, zk_rng *rng)
{
    fri_config cfg = {log_n, log_fold, layers, rem, GL_GENERATOR, MERKLE_SALT_BYTES};
    transcript tp, tv;
    transcript_init(&tp, "fri test");
    tv = tp;
    fri_prover fp;
    assert_int_equal(fri_commit(&fp, &cfg, f, &tp, rng, NULL), ZK_OK);
    size_t pos[64];
    for (unsigned k = 0; k < queries; k++)
        pos[k] = (size_t)transcript_draw_bits(&tp, log_n);
    size_t n = stark_sort_unique(pos, queries);
    stark_opening open[FRI_MAX_LAYERS];
    memset(open, 0, sizeof open);
    assert_int_equal(fri_open(&fp, pos, n, open), ZK_OK);
    hash_digest roots[FRI_MAX_LAYERS];
    for (unsigned i = 0; i < layers; i++)
        roots[i] = *merkle_root(&fp.trees[i]);
    gl2_t betas[FRI_MAX_LAYERS], vals[64];
    fri_replay(&cfg, roots, fp.rem, &tv, betas);
    for (size_t k = 0; k < n; k++)
        vals[k] = f[pos[k]];
    const char *why;
    zk_err err = fri_check(&cfg, roots, fp.rem, open, betas, pos, vals, n, &why);
    for (unsigned i = 0; i < layers; i++)
        stark_opening_free(&open[i]);
    fri_prover_free(&fp);
    return err;
}

static void test_fri_low_degree(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fri");
    const unsigned log_n = 10;
    size_t n = (size_t)1 << log_n;
    gl_domain d;
    assert_int_equal(gl_domain_init(&d, log_n), ZK_OK);
    gl_t *c0 = malloc(n * sizeof *c0), *c1 = malloc(n * sizeof *c1);
    gl2_t *f = malloc(n * sizeof *f);
    for (unsigned log_fold = 1; log_fold <= 4; log_fold++) {
        /* Degree < 128 = rate 1/8; fold down to a remainder of 128/F^r. */
        unsigned layers = 7 / log_fold;
        size_t rem = (size_t)128 >> (layers * log_fold);
        gl_t shift = GL_GENERATOR;
        for (size_t i = 0; i < n; i++) {
            c0[i] = i < 128 ? gl_random(&rng) : 0;
            c1[i] = i < 128 ? gl_random(&rng) : 0;
        }
        gl_coset_ntt(&d, c0, &shift);
        gl_coset_ntt(&d, c1, &shift);
        for (size_t i = 0; i < n; i++)
            f[i] = gl2_make(c0[i], c1[i]);
        assert_int_equal(run_fri(f, log_n, log_fold, layers, rem, 20, &rng), ZK_OK);
        /* Degree 128 exactly is one too many. */
        for (size_t i = 0; i < n; i++) {
            c0[i] = i <= 128 ? gl_random(&rng) : 0;
            c1[i] = 0;
        }
        gl_coset_ntt(&d, c0, &shift);
        for (size_t i = 0; i < n; i++)
            f[i] = gl2_from_base(c0[i]);
        assert_int_equal(run_fri(f, log_n, log_fold, layers, rem, 20, &rng), ZK_EVERIFY);
        /* A random function is far from every polynomial of degree < 128. */
        for (int trial = 0; trial < 4; trial++) {
            for (size_t i = 0; i < n; i++)
                f[i] = gl2_random(&rng);
            assert_int_equal(run_fri(f, log_n, log_fold, layers, rem, 20, &rng), ZK_EVERIFY);
        }
        /* Low degree except on half the points: 20 queries miss that with
         * probability about 2^-20. */
        for (size_t i = 0; i < n; i++)
            c0[i] = i < 128 ? gl_random(&rng) : 0;
        gl_coset_ntt(&d, c0, &shift);
        for (size_t i = 0; i < n; i++)
            f[i] = gl2_from_base(i % 2 ? gl_random(&rng) : c0[i]);
        assert_int_equal(run_fri(f, log_n, log_fold, layers, rem, 20, &rng), ZK_EVERIFY);
    }
    free(c0);
    free(c1);
    free(f);
    gl_domain_free(&d);
}

/* ---- proof files --------------------------------------------------------------- */

static void test_proof_parsing(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "parsing");
    stark_options o = zk_stark_small_options();
    stark_air a;
    assert_int_equal(air_range_check_new(&a, 64, 4, NULL, &rng), ZK_OK);
    stark_proof p, q;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    uint8_t *buf;
    size_t len;
    assert_int_equal(stark_proof_encode(&p, &a, &buf, &len), ZK_OK);
    char name[STARK_AIR_NAME_MAX];
    uint64_t params[STARK_AIR_MAX_PARAMS];
    gl_t pub[STARK_AIR_MAX_PUB];
    size_t np, npub;
    assert_int_equal(stark_proof_peek(buf, len, name, params, &np, pub, &npub), ZK_OK);
    assert_string_equal(name, "range-check");
    assert_int_equal(np, 2);
    /* stark_proof_open: the whole file, and which step refuses what. */
    stark_open_stage stage;
    stark_air b;
    assert_int_equal(stark_proof_open(&b, &q, name, &stage, buf, len), ZK_OK);
    assert_string_equal(name, "range-check");
    assert_int_equal(b.n_rows, a.n_rows);
    stark_proof_free(&q);
    stark_air_free(&b);
    assert_int_equal(stark_proof_open(&b, &q, name, &stage, buf, 10), ZK_EFORMAT);
    assert_int_equal(stage, STARK_OPEN_STATEMENT);
    assert_string_equal(name, "");
    assert_int_equal(stark_proof_open(&b, &q, name, &stage, buf, len - 1), ZK_EFORMAT);
    assert_int_equal(stage, STARK_OPEN_PROOF);
    size_t where = 0;
    while (where + 11 <= len && memcmp(buf + where, "range-check", 11) != 0)
        where++;
    assert_true(where + 11 <= len);
    buf[where] = 'R';   /* an AIR nobody registered */
    assert_int_not_equal(stark_proof_open(&b, &q, name, &stage, buf, len), ZK_OK);
    assert_int_equal(stage, STARK_OPEN_AIR);
    assert_string_equal(name, "Range-check");
    buf[where] = 'r';
    /* Every truncation is an error, never a crash. */
    for (size_t cut = 0; cut < len; cut += cut < 300 ? 1 : 13) {
        assert_int_equal(stark_proof_decode(&q, buf, cut, &a), ZK_EFORMAT);
        if (cut < 20)
            assert_int_equal(stark_proof_peek(buf, cut, name, params, &np, pub, &npub),
                             ZK_EFORMAT);
    }
    /* A byte too many, and a file over the size limit. */
    uint8_t *longer = malloc(len + 1);
    memcpy(longer, buf, len);
    longer[len] = 0;
    assert_int_equal(stark_proof_decode(&q, longer, len + 1, &a), ZK_EFORMAT);
    assert_int_equal(stark_proof_decode(&q, buf, STARK_PROOF_MAX_BYTES + 1, &a), ZK_EFORMAT);
    free(longer);
    /* Any flipped byte: rejected by the parser or by the verifier. */
    for (int trial = 0; trial < 300; trial++) {
        size_t at = (size_t)zk_random_below(&rng, len);
        uint8_t bit = (uint8_t)(1u << zk_random_below(&rng, 8));
        buf[at] ^= bit;
        zk_err err = stark_proof_decode(&q, buf, len, &a);
        if (err == ZK_OK) {
            assert_int_not_equal(stark_verify(&q, &a, ANY_LEVEL, NULL), ZK_OK);
            stark_proof_free(&q);
        }
        buf[at] ^= bit;
    }
    /* A non-canonical field element (p itself) in the first opened value. */
    assert_int_equal(stark_proof_decode(&q, buf, len, &a), ZK_OK);
    stark_proof_free(&q);
    /* The magic and the version. */
    buf[0] ^= 1;
    assert_int_equal(stark_proof_decode(&q, buf, len, &a), ZK_EFORMAT);
    buf[0] ^= 1;
    buf[8] = 2;
    assert_int_equal(stark_proof_decode(&q, buf, len, &a), ZK_EFORMAT);
    buf[8] = 1;
    /* Garbage of every small length. */
    uint8_t junk[64];
    zk_random_bytes(&rng, junk, sizeof junk);
    for (size_t n = 0; n <= sizeof junk; n++)
        assert_int_equal(stark_proof_decode(&q, junk, n, &a), ZK_EFORMAT);
    zk_free(buf);
    stark_proof_free(&p);
    stark_air_free(&a);
}

/* A value that is not canonical is refused even where it would otherwise
 * parse: the public input at the head of the file. */
static void test_proof_noncanonical(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "noncanonical");
    stark_options o = zk_stark_small_options();
    stark_air a;
    assert_int_equal(air_fibonacci_new(&a, 64), ZK_OK);
    stark_proof p, q;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    uint8_t *buf;
    size_t len;
    assert_int_equal(stark_proof_encode(&p, &a, &buf, &len), ZK_OK);
    /* magic 8, version 2, name 1 + 9, 1 + 8 params, 1 pub count: the public
     * value starts at byte 30. */
    size_t at = 8 + 2 + 1 + strlen("fibonacci") + 1 + 8 + 1;
    for (int i = 0; i < 8; i++)
        buf[at + i] = (uint8_t)(GL_P >> (8 * i));
    assert_int_equal(stark_proof_decode(&q, buf, len, &a), ZK_EFORMAT);
    zk_free(buf);
    stark_proof_free(&p);
    stark_air_free(&a);
}

/* ---- zero knowledge -------------------------------------------------------------- */

/* χ² of counts against equal expectation. */
static double chi2_uniform(const unsigned *count, int bins)
{
    double total = 0, x = 0;
    for (int b = 0; b < bins; b++)
        total += count[b];
    for (int b = 0; b < bins; b++) {
        double e = total / bins, d = count[b] - e;
        x += d * d / e;
    }
    return x;
}

/* χ² of a 2 × bins contingency table (independence of row and column). */
static double chi2_two_rows(const unsigned *r0, const unsigned *r1, int bins)
{
    double n0 = 0, n1 = 0, x = 0;
    for (int b = 0; b < bins; b++) {
        n0 += r0[b];
        n1 += r1[b];
    }
    for (int b = 0; b < bins; b++) {
        double col = r0[b] + r1[b];
        if (col == 0)
            continue;
        double e0 = col * n0 / (n0 + n1), e1 = col * n1 / (n0 + n1);
        x += (r0[b] - e0) * (r0[b] - e0) / e0 + (r1[b] - e1) * (r1[b] - e1) / e1;
    }
    return x;
}

#define ZK_BINS 8
/* χ² with 7 degrees of freedom exceeds 24.32 with probability 0.001. */
#define CHI2_7DF_999 24.32

static int bin_of(gl_t v)
{
    return (int)(v >> 61);
}

/* fibonacci-sq with secret x and with -x: the same statement, two
 * witnesses. Both verify; what the proofs open of the trace is uniform and
 * looks the same for either secret. */
static void test_zero_knowledge(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "zk");
    gl_t x = 3141592, nx = gl_neg(3141592);
    stark_options o = zk_stark_small_options();
    o.queries = 2;
    o.grinding = 0;
    o.log_blowup = 2;
    o.fri_remainder = 32;
    stark_air a[2];
    assert_int_equal(air_fibsq_new(&a[0], 32, x), ZK_OK);
    assert_int_equal(air_fibsq_new(&a[1], 32, nx), ZK_OK);
    assert_int_equal(a[0].pub[0], a[1].pub[0]);
    unsigned hist[2][ZK_BINS] = {{0}};
    for (int run = 0; run < 150; run++) {
        for (int w = 0; w < 2; w++) {
            stark_proof p;
            assert_int_equal(stark_prove(&p, &a[w], &o, &rng, NULL, NULL), ZK_OK);
            /* Either witness's proof verifies against the other's AIR: the
             * statement is all the verifier knows. */
            assert_int_equal(stark_verify(&p, &a[1 - w], ANY_LEVEL, NULL), ZK_OK);
            for (size_t k = 0; k < p.main.n * p.main.width; k++)
                hist[w][bin_of(p.main.values[k])]++;
            for (size_t k = 0; k < 4; k++)
                hist[w][bin_of(p.ood_main[k].c[k & 1])]++;
            stark_proof_free(&p);
        }
    }
    assert_true(chi2_uniform(hist[0], ZK_BINS) < CHI2_7DF_999);
    assert_true(chi2_uniform(hist[1], ZK_BINS) < CHI2_7DF_999);
    assert_true(chi2_two_rows(hist[0], hist[1], ZK_BINS) < CHI2_7DF_999);

    /* The same at one fixed point of D over many independent
     * randomisations: the value there is uniform, and independent of the
     * secret. Without the masks it would be one fixed value (the χ² check
     * below shows the test would catch that). */
    stark_layout l;
    assert_int_equal(stark_layout_make(&l, &a[0], &o, NULL), ZK_OK);
    stark_domains dm;
    assert_int_equal(stark_domains_init(&dm, &l), ZK_OK);
    gl_t trace[2][64], *coeffs = malloc(2 * l.d * sizeof *coeffs);
    gl_t *lde = malloc(l.lde * 2 * sizeof *lde);
    for (int w = 0; w < 2; w++)
        assert_int_equal(a[w].vt->build_trace(&a[w], trace[w]), ZK_OK);
    unsigned fixed[3][ZK_BINS] = {{0}};
    for (int run = 0; run < 800; run++) {
        for (int w = 0; w < 3; w++) {
            size_t k = w == 2 ? 0 : l.k_rand;
            assert_int_equal(stark_interpolate(&dm, trace[w & 1], 2, 0, 2, coeffs, l.d, k, &rng),
                             ZK_OK);
            assert_int_equal(stark_lde(&dm, coeffs, 2, l.d, lde, 2, 0), ZK_OK);
            fixed[w][bin_of(lde[2 * 5 + 1])]++;   /* column b at point 5 */
        }
    }
    assert_true(chi2_uniform(fixed[0], ZK_BINS) < CHI2_7DF_999);
    assert_true(chi2_uniform(fixed[1], ZK_BINS) < CHI2_7DF_999);
    assert_true(chi2_two_rows(fixed[0], fixed[1], ZK_BINS) < CHI2_7DF_999);
    assert_true(chi2_uniform(fixed[2], ZK_BINS) > 1000);
    free(coeffs);
    free(lde);
    stark_domains_free(&dm);
    stark_air_free(&a[0]);
    stark_air_free(&a[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_security_estimates),
        cmocka_unit_test(test_security_table),
        cmocka_unit_test(test_verifier_minimum),
        cmocka_unit_test(test_options_fit),
        cmocka_unit_test(test_options_fit_short),
        cmocka_unit_test(test_verifier_checks_parameters),
        cmocka_unit_test(test_completeness_random),
        cmocka_unit_test(test_poseidon_air_output),
        cmocka_unit_test(test_changed_trace_cell),
        cmocka_unit_test(test_wrong_boundary_and_statement),
        cmocka_unit_test(test_tampered_proof),
        cmocka_unit_test(test_range_check_rejects),
        cmocka_unit_test(test_periodic_columns),
        cmocka_unit_test(test_layout_limits),
        cmocka_unit_test(test_fri_low_degree),
        cmocka_unit_test(test_proof_parsing),
        cmocka_unit_test(test_proof_noncanonical),
        cmocka_unit_test(test_zero_knowledge),
    };
    return ZK_RUN_TESTS(tests);
}
