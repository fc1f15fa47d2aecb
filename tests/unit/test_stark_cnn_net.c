/* stark/air_cnn: the whole seed CNN as one AIR (quantization, conv1, conv2,
 * fc1, fc2, parameters private, written by unpack lanes that pack them for
 * the in-AIR sponge), its trace built from real MNIST test images through
 * the shipped quantized model: every integer it writes equals nn_qinfer's,
 * bit for bit, the sponge's digest is zkml_model_hash_gl's, and every
 * constraint holds; the quantization and rescale units exhaustively on
 * small widths; a MAC weight that is not its write, a hashed slot, a
 * logit, the digest, a post-row cell, and every main cell of six kinds of
 * row each break it; one model hashed while another's weights are used
 * (either way round) leaves the LogUp sum open; headers the verifier
 * refuses. (Proving it takes seconds in a release build:
 * tests/screen/stark_cnn.sh and make bench.) */
#include "zk_stark_test.h"
#include "cnn_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/quant.h"
#include "stark/air_cnn.h"
#include "stark/air_cnn_rows.h"
#include "zkml/model_hash_gl.h"

/* The AIR for test image k with nn_qinfer's logits as the claim, the
 * model's weights (qm's: cf_qm unless a test changes them) and the digest
 * given (NULL: the AIR hashes them itself). */
static void cnn_air_of(stark_air *a, nn_qtrace *tr, size_t k, const nn_qmodel *qm,
                       const gl_t *digest)
{
    int pred;
    const uint8_t *img = cf_test.images + k * NN_PIXELS;
    assert_int_equal(nn_qinfer(qm, img, tr, &pred, NULL), ZK_OK);
    const nn_qparams *q = &qm->q;
    uint64_t head[ZKML_HEADER_MAX];
    air_cnn_input in = {.in_exp = (unsigned)q->in_exp, .pixels = img, .logits = tr->z,
                        .weights = qm->w, .biases = qm->bias, .digest = digest,
                        .header = head, .n_header = zkml_hash_header(head, &cf_settings, qm)};
    for (int l = 0; l < NN_LAYERS; l++) {
        int r = nn_qparams_layer_in(q, l) + q->w_exp[l] - q->out_exp[l];
        in.shift[l] = (unsigned)r;
        in.sign_bits[l] = (unsigned)(q->acc_bits[l] - r);
    }
    assert_int_equal(air_cnn_new(a, &in), ZK_OK);
}

/* ... with the shipped model's digest, as `stark prove cnn` passes it. */
static void cnn_air(stark_air *a, nn_qtrace *tr, size_t k)
{
    gl_t d[ZKML_GL_DIGEST];
    assert_int_equal(zkml_model_hash_gl(d, &cf_settings, cf_qm), ZK_OK);
    cnn_air_of(a, tr, k, cf_qm, d);
}

/* A header consistent with these params in zkml_hash_header's layout (in
 * = out = e and w = r for every layer, acc = r + s, the shipped slot
 * widths): for the shipped params, the shipped header. */
static void header_for(gl_t *h, const uint64_t p[3])
{
    static const gl_t shape[NN_LAYERS][2] = {{9, 16}, {144, 32}, {1568, 128}, {128, 10}};
    static const gl_t widths[NN_LAYERS][2] = {{6, 9}, {6, 10}, {6, 8}, {6, 7}};
    h[0] = 1;
    h[1] = 0;
    h[2] = NN_LAYERS;
    h[3] = 0;
    for (int l = 0; l < NN_LAYERS; l++) {
        gl_t *L = h + 4 + 8 * l, r = p[1] >> (8 * l) & 0xff, sb = p[2] >> (8 * l) & 0xff;
        gl_t v[8] = {shape[l][0], shape[l][1], r, p[0], p[0], r + sb, widths[l][0], widths[l][1]};
        memcpy(L, v, sizeof v);
    }
}

static void expect_ok(const stark_air *a, const gl_t *t)
{
    stark_check_report rep;
    zk_stark_check_all(a, t, &rep);
    if (!rep.ok)
        fail_msg("row %zu: %s", rep.row, a->cons[rep.constraint].name);
}

static void expect_fail(const stark_air *a, const gl_t *t, const char *cons, const char *what)
{
    stark_check_report rep;
    zk_stark_check_all(a, t, &rep);
    if (rep.ok)
        fail_msg("%s: still satisfied", what);
    if (cons && strcmp(a->cons[rep.constraint].name, cons) != 0)
        fail_msg("%s: row %zu fails '%s', not '%s'", what, rep.row,
                 a->cons[rep.constraint].name, cons);
}

#define SAME(field, n)                                                                             \
    for (size_t i = 0; i < (n); i++)                                                               \
        if ((int64_t)v.field[i] != (int64_t)tr.field[i])                                           \
            fail_msg("image %zu, " #field "[%zu]: AIR %lld, nn_qinfer %lld", k, i,                 \
                     (long long)v.field[i], (long long)tr.field[i]);

static gl_t field(int64_t v)
{
    return v < 0 ? gl_neg((gl_t)-v) : (gl_t)v;
}

/* Whether post unit 0 of row cur holds: its four constraints, and what its
 * range reads allow (T, T + 2^R - DIV, U's limbs with their bounds, all
 * below 2^R), U split into the limbs it must have if any. */
static bool unit0_holds(const stark_air *a, gl_t *cur, gl_t *next)
{
    const gl_t top = (gl_t)1 << AIR_CNN_LIMB_BITS;
    gl_t u = cur[CNN_U];
    if (u >= top * top)
        return false;   /* no two limbs below 2^R make it */
    cur[CNN_U] = u % top;
    cur[CNN_UH] = u / top;
    gl_t out[128], per[1] = {0};
    a->vt->eval_base(a, out, cur, next, per);
    cur[CNN_U] = u;
    static const int cons[] = {15, 19, 23, 27};
    for (size_t k = 0; k < 4; k++)
        if (out[cons[k]] != 0)
            return false;
    gl_t t = cur[CNN_T], ul = u % top, uh = u / top;
    return t < top && t + top - cur[CNN_DIV] < top && ul + cur[CNN_UOFF] < top &&
           uh + cur[CNN_UOFFH] < top;
}

/* The AIR of a statement with these parameters (its pixels, logits and
 * digest 0, its header theirs) and, in cur, row r's fixed columns, the
 * main ones zero. */
static void unit_row(stark_air *a, const uint64_t params[3], size_t r, gl_t cur[CNN_WIDTH])
{
    static gl_t pub[STARK_AIR_MAX_PUB];
    header_for(pub + AIR_CNN_PUB_HEADER, params);
    assert_int_equal(stark_air_from_statement(a, "cnn", params, 3, pub, AIR_CNN_PUB), ZK_OK);
    gl_t *f = zk_calloc(a->n_rows * a->n_fixed, sizeof *f);
    assert_int_equal(a->vt->build_fixed(a, f), ZK_OK);
    memset(cur, 0, CNN_WIDTH * sizeof *cur);
    memcpy(cur + CNN_MAIN, f + r * a->n_fixed, a->n_fixed * sizeof *f);
    zk_free(f);
}

/* The quantization rows' unit on every pixel byte with e = 1 (SC = 4,
 * HALF = 255, DIV = 510, U < 2^2) and every Q in [-3, 5], T in [-2, 520],
 * S: satisfied exactly by nn_quantize_pixel's x, its remainder and S = 1
 * (U and Y are the values the constraints force, linear in the rest). */
static void test_cnn_quant_exhaustive(void **state)
{
    (void)state;
    const uint64_t params[3] = {1, 0x06060605, 0x17130d09};
    stark_air a;
    gl_t cur[CNN_WIDTH], next[CNN_WIDTH] = {0};
    unit_row(&a, params, 5, cur);   /* row 5: a quantization row */
    assert_int_equal(cur[CNN_SC], 4);
    assert_int_equal(cur[CNN_DIV], 510);
    size_t accepted = 0;
    for (int p = 0; p < 256; p++) {
        cur[CNN_ACC] = (gl_t)p;
        int64_t want = nn_quantize_pixel((uint8_t)p, 1);
        for (int64_t q = -3; q <= 5; q++)
            for (int64_t t = -2; t <= 520; t++)
                for (int sb = 0; sb <= 1; sb++) {
                    cur[CNN_Q] = field(q);
                    cur[CNN_T] = field(t);
                    cur[CNN_S] = (gl_t)sb;
                    cur[CNN_U] = field(sb ? q : -1 - q);
                    cur[CNN_Y] = field(sb ? q : 0);
                    bool holds = unit0_holds(&a, cur, next);
                    bool honest = q == want && t == 4 * p + 255 - 510 * q && sb == 1;
                    if (holds != honest)
                        fail_msg("p %d: Q %lld T %lld S %d: %s", p, (long long)q, (long long)t,
                                 sb, holds ? "accepted" : "rejected");
                    accepted += holds;
                }
    }
    assert_int_equal(accepted, 256);
    stark_air_free(&a);
}

/* A rescale unit with small widths (r = 2, s = 3) on every accumulator in
 * [-40, 40] and every (Q, T, S, Y), with and without ReLU (fc2's logits
 * have none): satisfied exactly by nn_rescale's quotient, its remainder,
 * its sign and Y = max(Q, 0) or Q. */
static void test_cnn_rescale_exhaustive(void **state)
{
    (void)state;
    const uint64_t params[3] = {5, 0x02020202, 0x03030303};
    stark_air a;
    gl_t cur[CNN_WIDTH], next[CNN_WIDTH] = {0};
    unit_row(&a, params, air_cnn_stage_row(5) - 1, cur);   /* fc2's last row */
    assert_int_equal(cur[CNN_DIV], 4);
    assert_int_equal(cur[CNN_POOL], 0);
    assert_int_equal(cur[CNN_RELU], 0);
    size_t accepted = 0, fits = 0;
    for (int relu = 0; relu <= 1; relu++) {
        cur[CNN_RELU] = (gl_t)relu;
        for (int64_t acc = -40; acc <= 40; acc++) {
            cur[CNN_ACC] = field(acc);
            int64_t want = nn_rescale(acc, 2);
            bool in_range = want >= -8 && want < 8;
            fits += in_range;
            for (int64_t q = -12; q <= 12; q++)
                for (int64_t t = -2; t <= 5; t++)
                    for (int sb = 0; sb <= 1; sb++)
                        for (int64_t y = -12; y <= 12; y++) {
                            cur[CNN_Q] = field(q);
                            cur[CNN_T] = field(t);
                            cur[CNN_S] = (gl_t)sb;
                            cur[CNN_U] = field(sb ? q : -1 - q);
                            cur[CNN_Y] = field(y);
                            bool holds = unit0_holds(&a, cur, next);
                            bool honest = in_range && q == want && t == acc + 2 - 4 * q &&
                                          sb == (q >= 0) && y == (relu && q < 0 ? 0 : q);
                            if (holds != honest)
                                fail_msg("relu %d, acc %lld: Q %lld T %lld S %d Y %lld: %s", relu,
                                         (long long)acc, (long long)q, (long long)t, sb,
                                         (long long)y, holds ? "accepted" : "rejected");
                            accepted += holds;
                        }
        }
    }
    assert_int_equal(accepted, fits);
    stark_air_free(&a);
}

/* Three real test images: the quantized pixels, both pooled maps, the
 * hidden layer and the logits the trace writes are nn_qinfer's, and the
 * trace satisfies every constraint (the logits read from the statement). */
static void test_cnn_matches_quant(void **state)
{
    (void)state;
    static nn_qtrace tr;
    static air_cnn_values v;
    for (size_t k = 0; k < 3 * 4321; k += 4321) {
        stark_air a;
        cnn_air(&a, &tr, k);
        assert_int_equal(a.n_rows, 32768);
        gl_t *t = zk_stark_full_trace(&a);
        air_cnn_values_of(&v, &a, t);
        SAME(x, NN_PIXELS);
        SAME(p1, NN_C1 * 196);
        SAME(p2, NN_FC_IN);
        SAME(f1, NN_FC_HIDDEN);
        SAME(z, NN_CLASSES);
        expect_ok(&a, t);
        zk_free(t);
        stark_air_free(&a);
    }
}

/* Changed cells of an honest trace, each caught: by the arithmetic at its
 * row, or where only the memory can tell, by the LogUp sum not closing. */
static void test_cnn_tampered(void **state)
{
    (void)state;
    static nn_qtrace tr;
    stark_air a;
    cnn_air(&a, &tr, 0);
    gl_t *t = zk_stark_full_trace(&a);
    size_t w = stark_air_row_width(&a);
    const char *closes = "LogUp sum closes at 0";
    /* A MAC weight whose products the arithmetic cannot see: conv1's first
     * window is the image's blank corner (every member's input 0 at tap
     * 0), so only its read, which no write matches now, fails. */
    size_t r1 = air_cnn_stage_row(1);
    for (int g = 0; g < CNN_GROUPS; g++)
        assert_int_equal(t[r1 * w + CNN_G + g * CNN_SLOTS], 0);
    t[r1 * w + CNN_A + 0] = gl_add(t[r1 * w + CNN_A + 0], 1);
    expect_fail(&a, t, closes, "a MAC weight");
    t[r1 * w + CNN_A + 0] = gl_sub(t[r1 * w + CNN_A + 0], 1);
    /* A hashed slot changed alone: the packing step into its row (the
     * transition from the row above) breaks; its U2 changed alone, U2 =
     * RS·U at its row. */
    static const struct { size_t col, row; const char *cons; } slot[] = {
        {CNN_UP + 3 * 3 + 0, 99, "unpack lane 3 PACK' = SH' PACK + U'"},
        {CNN_UP + 3 * 3 + 1, 100, "unpack lane 3 U2 = RS U"}};
    stark_check_report rep;
    for (size_t k = 0; k < 2; k++) {
        t[100 * w + slot[k].col] = gl_add(t[100 * w + slot[k].col], 1);
        zk_stark_check_all(&a, t, &rep);
        assert_false(rep.ok);
        assert_int_equal(rep.row, slot[k].row);
        assert_string_equal(a.cons[rep.constraint].name, slot[k].cons);
        t[100 * w + slot[k].col] = gl_sub(t[100 * w + slot[k].col], 1);
    }
    expect_ok(&a, t);
    /* A post-row cell: conv2's first pooled output's quotient. */
    size_t post = air_cnn_stage_row(2) + 11;
    t[post * w + CNN_Q] = gl_add(t[post * w + CNN_Q], 1);
    expect_fail(&a, t, "V0 SC + HALF = DIV Q0 + T0", "conv2's Q");
    t[post * w + CNN_Q] = gl_sub(t[post * w + CNN_Q], 1);
    /* Its max: M one above the largest member still passes the limbs only
     * without the zero product. */
    t[post * w + CNN_M] = gl_add(t[post * w + CNN_M], 1);
    expect_fail(&a, t, NULL, "conv2's M");
    t[post * w + CNN_M] = gl_sub(t[post * w + CNN_M], 1);
    zk_free(t);
    /* A logit other than the network's in the statement. */
    a.pub[AIR_CNN_PIXELS + 3] = gl_add(a.pub[AIR_CNN_PIXELS + 3], 1);
    t = zk_stark_full_trace(&a);
    expect_fail(&a, t, closes, "a logit");
    a.pub[AIR_CNN_PIXELS + 3] = gl_sub(a.pub[AIR_CNN_PIXELS + 3], 1);
    /* Another model's digest in the statement: the sponge's last row. */
    a.pub[AIR_CNN_PUB_DIGEST + 2] = gl_add(a.pub[AIR_CNN_PUB_DIGEST + 2], 1);
    zk_stark_check_all(&a, t, &rep);
    assert_false(rep.ok);
    assert_int_equal(rep.row, air_sponge_rows(20741));
    assert_string_equal(a.cons[rep.constraint].name, "sponge digest2");
    zk_free(t);
    stark_air_free(&a);
}

/* The digest the AIR computes from the weights it holds is
 * zkml_model_hash_gl's, bit for bit; the statement gives it back. */
static void test_cnn_digest(void **state)
{
    (void)state;
    static nn_qtrace tr;
    gl_t want[ZKML_GL_DIGEST], got[AIR_CNN_DIGEST];
    assert_int_equal(zkml_model_hash_gl(want, &cf_settings, cf_qm), ZK_OK);
    stark_air a;
    cnn_air_of(&a, &tr, 0, cf_qm, NULL);
    air_cnn_digest(&a, got);
    assert_memory_equal(got, want, sizeof want);
    stark_air_free(&a);
}

/* A prover who hashes one model and computes with another: the statement's
 * digest and the lanes and sponge are those of the shipped model with two
 * conv1 weights swapped (every slot value, hence every range read, the
 * same), the multiply-accumulates the shipped model's. Every constraint
 * holds at every row; only the memory relation's sum does not close. And
 * the other way round: the MACs of the swapped model, the lanes hashing
 * the shipped one. */
static void test_cnn_hashed_other(void **state)
{
    (void)state;
    static nn_qtrace tr;
    nn_qmodel other = *cf_qm;
    other.w = malloc(NN_PARAMS * sizeof *other.w);
    other.wf = malloc(NN_PARAMS * sizeof *other.wf);
    assert_true(other.w && other.wf);
    memcpy(other.w, cf_qm->w, NN_PARAMS * sizeof *other.w);
    memcpy(other.wf, cf_qm->wf, NN_PARAMS * sizeof *other.wf);
    size_t i = NN_OFF_CONV1_W, j = i + 1;
    while (other.w[j] == other.w[i])
        j++;
    int32_t keep = other.w[i];
    other.w[i] = other.w[j];
    other.w[j] = keep;
    other.wf[i] = other.w[i];
    other.wf[j] = other.w[j];
    stark_air a, b;
    cnn_air(&a, &tr, 0);
    cnn_air_of(&b, &tr, 0, &other, NULL);
    gl_t da[AIR_CNN_DIGEST], db[AIR_CNN_DIGEST];
    air_cnn_digest(&a, da);
    air_cnn_digest(&b, db);
    assert_memory_not_equal(da, db, sizeof da);
    gl_t *ta = zk_stark_full_trace(&a), *tb = zk_stark_full_trace(&b);
    size_t w = stark_air_row_width(&a);
    /* Swapped: ta holds a's MACs and b's lanes and sponge, tb the reverse. */
    for (size_t r = 0; r < a.n_rows; r++)
        for (size_t c = CNN_UP; c < CNN_MAIN; c++) {
            gl_t x = ta[r * w + c];
            ta[r * w + c] = tb[r * w + c];
            tb[r * w + c] = x;
        }
    memcpy(a.pub + AIR_CNN_PUB_DIGEST, db, sizeof db);
    memcpy(b.pub + AIR_CNN_PUB_DIGEST, da, sizeof da);
    expect_fail(&a, ta, "LogUp sum closes at 0", "another model hashed");
    expect_fail(&b, tb, "LogUp sum closes at 0", "MACs of another model");
    zk_free(ta);
    zk_free(tb);
    stark_air_free(&a);
    stark_air_free(&b);
    free(other.w);
    free(other.wf);
}

/* Whether a main constraint fails at row r of t (those that read r as
 * "cur" or as "next"). */
static bool main_fails_near(const stark_air *a, const gl_t *t, size_t r)
{
    size_t w = stark_air_row_width(a);
    gl_t out[128], per[1] = {0};
    for (size_t at = r ? r - 1 : 0; at <= r && at + 1 < a->n_rows; at++) {
        per[0] = at < a->n_pub ? a->pub[at] : 0;
        a->vt->eval_base(a, out, t + at * w, t + (at + 1) * w, per);
        for (size_t i = 0; i < a->n_main_cons; i++) {
            const stark_constraint *c = &a->cons[i];
            bool applies = c->kind == STARK_TRANSITION || (c->kind == STARK_EVERY_ROW && at == r) ||
                           (c->kind == STARK_ROW && c->row == at);
            if (applies && out[i] != 0)
                return true;
        }
    }
    return false;
}

static const gl2_t g_chal[3] = {{{12345, 678}}, {{91011, 1213}}, {{1415, 1617}}};

/* Whether an auxiliary constraint fails at row r of t with the honest
 * trace's helpers (aux): the changed cell changed a term of row r's share
 * of the LogUp sum, which no other row can make up for. */
static bool aux_fails_at(const stark_air *a, const gl_t *t, const gl2_t *aux, size_t r)
{
    size_t w = stark_air_row_width(a), nx = r + 1 < a->n_rows ? r + 1 : r;
    gl2_t cur[CNN_WIDTH], next[CNN_WIDTH], per[1], out[256];
    assert_true(a->n_cons - a->n_main_cons <= 256);
    for (size_t c = 0; c < w; c++) {
        cur[c] = gl2_from_base(t[r * w + c]);
        next[c] = gl2_from_base(t[nx * w + c]);
    }
    per[0] = gl2_from_base(r < a->n_pub ? a->pub[r] : 0);
    a->vt->eval_aux(a, out, cur, next, aux + r * a->n_aux, aux + nx * a->n_aux, g_chal, per);
    for (size_t i = 0; i < a->n_cons - a->n_main_cons; i++)
        if (a->cons[a->n_main_cons + i].kind == STARK_EVERY_ROW && !gl2_eq(out[i], gl2_from_base(0)))
            return true;
    return false;
}

/* Every main cell of a conv2 post row (its pool, rescale and ReLU), an fc1
 * chain row, fc2's last row, a padding row (the lanes' padding, the
 * sponge's zeros), a sponge row that reads elements and the sponge's
 * digest row, changed alone, is caught: by a constraint at that row or the
 * row above, or, for a value only the memory or the range table sees (a
 * weight times zero, RM), by its row's helpers, so by the LogUp sum (and
 * the whole check says so for RM). (The fixed cells are the verifier's.) */
static void test_cnn_every_cell(void **state)
{
    (void)state;
    static nn_qtrace tr;
    stark_air a;
    cnn_air(&a, &tr, 17);
    gl_t *t = zk_stark_full_trace(&a);
    gl2_t *aux = zk_alloc(a.n_rows * a.n_aux, sizeof *aux);
    assert_non_null(aux);
    assert_int_equal(a.vt->build_aux(&a, aux, t, g_chal), ZK_OK);
    size_t w = stark_air_row_width(&a), by_sum = 0;
    size_t rows[] = {air_cnn_stage_row(2) + 12 * 200 + 11, air_cnn_stage_row(3) + 131 * 5 + 40,
                     air_cnn_stage_row(5) - 1, a.n_rows - 2, 1001, air_sponge_rows(20741)};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        size_t r = rows[k];
        for (size_t c = 0; c < a.n_main; c++) {
            gl_t keep = t[r * w + c];
            t[r * w + c] = gl_add(keep, 1);
            if (!main_fails_near(&a, t, r)) {
                by_sum++;
                if (!aux_fails_at(&a, t, aux, r))
                    fail_msg("row %zu, column %zu: changed and still satisfied", r, c);
                if (c == CNN_RM)
                    expect_fail(&a, t, "LogUp sum closes at 0", "RM");
            }
            t[r * w + c] = keep;
        }
    }
    /* The lookup alone sees RM on each row, and the weights and inputs
     * multiplied by zero; the arithmetic the rest (the lanes and the
     * sponge included). */
    assert_true(by_sum >= sizeof rows / sizeof rows[0] && by_sum < 4 * 96);
    zk_free(aux);
    zk_free(t);
    stark_air_free(&a);
}

/* Statements the registry refuses or accepts: the shape parameters, the
 * pixels, and the header against them. */
static void test_cnn_statement(void **state)
{
    (void)state;
    static gl_t pub[STARK_AIR_MAX_PUB];
    stark_air a;
    uint64_t ok[3] = {5, 0x06060605, 0x0d0d0c09};
    header_for(pub + AIR_CNN_PUB_HEADER, ok);
    assert_int_equal(stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB), ZK_OK);
    assert_int_equal(a.n_pub, AIR_CNN_PUB);
    assert_int_equal(a.fixed_root_log_blowup, 0);
    stark_air_free(&a);
    /* The shipped statement's root, known to the AIR, is its columns'. */
    uint64_t shipped[3] = {5, 0x06060605, 0x17130d09};
    uint64_t head[ZKML_HEADER_MAX];
    assert_int_equal(zkml_hash_header(head, &cf_settings, cf_qm), AIR_CNN_HEADER);
    for (size_t k = 0; k < AIR_CNN_HEADER; k++)
        pub[AIR_CNN_PUB_HEADER + k] = head[k];
    assert_int_equal(stark_air_from_statement(&a, "cnn", shipped, 3, pub, AIR_CNN_PUB), ZK_OK);
    assert_int_equal(a.fixed_root_log_blowup, 3);
    hash_digest root;
    assert_int_equal(stark_air_fixed_root(&root, &a, 3), ZK_OK);
    if (memcmp(root.b, a.fixed_root.b, HASH_BYTES) != 0) {
        char hex[2 * HASH_BYTES + 1];
        for (int i = 0; i < HASH_BYTES; i++)
            snprintf(hex + 2 * i, 3, "%02x", root.b[i]);
        fail_msg("the shipped root is %s", hex);
    }
    stark_air_free(&a);
    /* header_for gives the shipped header for the shipped params. */
    gl_t mine[AIR_CNN_HEADER];
    header_for(mine, shipped);
    assert_memory_equal(mine, pub + AIR_CNN_PUB_HEADER, sizeof mine);
    header_for(pub + AIR_CNN_PUB_HEADER, ok);
    uint64_t bad[][3] = {{15, 0x06060605, 0x0d0d0c09}, {5, 0x06060600, 0x0d0d0c09},
                         {5, 0x0606060f, 0x0d0d0c09}, {5, 0x06060605, 0x0d0d0c00},
                         {5, 0x06060605, 0x100d0d0c09}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(stark_air_from_statement(&a, "cnn", bad[i], 3, pub, AIR_CNN_PUB),
                         ZK_EINVAL);
    assert_int_equal(stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB - 1),
                     ZK_EINVAL);
    /* Headers refused: a square model's format, another first layer, a
     * salted model, another fan-in, exponents that disagree with the
     * shifts, a slot wider than the range table (2^15), one so wide that
     * the sponge outgrows the table (fc1's weights at 8 bits: 7 to an
     * element, 28,672 of them, over 36,000 sponge rows), a zero width. */
    static const struct { size_t at; gl_t v; } change[] = {
        {0, 2}, {1, 1}, {3, 1}, {4, 8}, {4 + 8 + 3, 6}, {4 + 8 + 5, 20}, {4 + 6, 16},
        {4 + 16 + 6, 8}, {4 + 24 + 7, 0}};
    for (size_t i = 0; i < sizeof change / sizeof change[0]; i++) {
        gl_t *h = pub + AIR_CNN_PUB_HEADER + change[i].at, keep = *h;
        *h = change[i].v;
        if (stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB) != ZK_EINVAL)
            fail_msg("header[%zu] = %llu accepted", change[i].at, (unsigned long long)change[i].v);
        *h = keep;
    }
    /* fc1's weights at 7 bits still fit (9 to an element). */
    pub[AIR_CNN_PUB_HEADER + 4 + 16 + 6] = 7;
    assert_int_equal(stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB), ZK_OK);
    stark_air_free(&a);
    pub[AIR_CNN_PUB_HEADER + 4 + 16 + 6] = 6;
    pub[5] = 256;   /* a pixel is a byte */
    assert_int_equal(stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB), ZK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cnn_statement),
        cmocka_unit_test(test_cnn_quant_exhaustive),
        cmocka_unit_test(test_cnn_rescale_exhaustive),
        cmocka_unit_test(test_cnn_matches_quant),
        cmocka_unit_test(test_cnn_tampered),
        cmocka_unit_test(test_cnn_digest),
        cmocka_unit_test(test_cnn_hashed_other),
        cmocka_unit_test(test_cnn_every_cell),
    };
    if (cf_setup())
        return 1;
    int failed = ZK_RUN_TESTS(tests);
    cf_teardown();
    return failed;
}
