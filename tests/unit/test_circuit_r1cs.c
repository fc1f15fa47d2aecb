/* The R1CS builder API, witness hints, and the .r1cs / .wtns formats. */
#include "zk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circuit/circom.h"
#include "circuit/r1cs.h"
#include "circuit/r1cs_io.h"
#include "field/fr.h"
#include "snark/groth16_cs.h"

/* x^3 + x + 5 = out with x private and out public, built from C the way the
 * CNN compiler builds its circuits: wires, constraints, hints. */
typedef struct cubic {
    r1cs s;
    uint32_t out, x, x2, x3;
} cubic;

static void build_cubic(cubic *c)
{
    r1cs_init(&c->s);
    assert_int_equal(r1cs_set_io(&c->s, 1, 0, 1), ZK_OK);
    c->out = 1;
    c->x = 2;
    assert_int_equal(r1cs_new_wire(&c->s, &c->x2), ZK_OK);
    assert_int_equal(r1cs_new_wire(&c->s, &c->x3), ZK_OK);
    r1cs_lc a, b, k;
    r1cs_lc_init(&a);
    r1cs_lc_init(&b);
    r1cs_lc_init(&k);
    /* x * x = x2 */
    r1cs_lc_push_i64(&a, c->x, 1);
    r1cs_lc_push_i64(&k, c->x2, 1);
    assert_int_equal(r1cs_add(&c->s, &a, &a, &k), ZK_OK);
    assert_int_equal(r1cs_hint_mul(&c->s, c->x2, &a, &a), ZK_OK);
    /* x2 * x = x3 */
    r1cs_lc_clear(&b);
    r1cs_lc_push_i64(&b, c->x2, 1);
    r1cs_lc_clear(&k);
    r1cs_lc_push_i64(&k, c->x3, 1);
    assert_int_equal(r1cs_add(&c->s, &b, &a, &k), ZK_OK);
    assert_int_equal(r1cs_hint_mul(&c->s, c->x3, &b, &a), ZK_OK);
    /* (x3 + x + 5) * 1 = out */
    r1cs_lc_clear(&b);
    r1cs_lc_push_i64(&b, c->x3, 1);
    r1cs_lc_push_i64(&b, c->x, 1);
    r1cs_lc_push_i64(&b, 0, 5);
    r1cs_lc_clear(&a);
    r1cs_lc_push_i64(&a, 0, 1);
    r1cs_lc_clear(&k);
    r1cs_lc_push_i64(&k, c->out, 1);
    assert_int_equal(r1cs_add(&c->s, &b, &a, &k), ZK_OK);
    assert_int_equal(r1cs_hint_lc(&c->s, c->out, &b), ZK_OK);
    r1cs_lc_free(&a);
    r1cs_lc_free(&b);
    r1cs_lc_free(&k);
}

static void test_builder_solves_and_checks(void **state)
{
    (void)state;
    cubic c;
    build_cubic(&c);
    assert_int_equal(c.s.n_wires, 5);
    assert_int_equal(c.s.n_rows, 3);
    fr_t w[5], x;
    fr_from_u64(&x, 3);
    assert_int_equal(r1cs_solve(&c.s, w, &x, NULL), ZK_OK);
    char dec[MONT256_DEC_MAX];
    assert_string_equal(fr_to_dec(dec, &w[c.out]), "35");
    assert_string_equal(fr_to_dec(dec, &w[c.x3]), "27");
    size_t bad = 99;
    assert_int_equal(r1cs_check(&c.s, w, &bad), ZK_OK);
    /* Editing x2 breaks exactly the rows that mention it; the first is 0. */
    fr_from_u64(&w[c.x2], 10);
    assert_int_equal(r1cs_check(&c.s, w, &bad), ZK_EVERIFY);
    assert_int_equal(bad, 0);
    assert_false(r1cs_row_holds(&c.s, 0, w));
    assert_false(r1cs_row_holds(&c.s, 1, w));
    assert_true(r1cs_row_holds(&c.s, 2, w));
    size_t nl, lin;
    r1cs_count(&c.s, &nl, &lin);
    assert_int_equal(nl, 3);
    assert_int_equal(lin, 0);
    r1cs_free(&c.s);
}

static zk_err hint_bits(void *user, fr_t *out, size_t n_out, const fr_t *in, size_t n_in)
{
    (void)user;
    assert_int_equal(n_in, 1);
    uint64_t v[4];
    fr_to_int(v, &in[0]);
    for (size_t i = 0; i < n_out; i++)
        fr_from_u64(&out[i], (v[0] >> i) & 1);
    return ZK_OK;
}

static void test_callback_hint_and_unset_wire(void **state)
{
    (void)state;
    r1cs s;
    r1cs_init(&s);
    assert_int_equal(r1cs_set_io(&s, 0, 1, 0), ZK_OK);
    uint32_t bits;
    assert_int_equal(r1cs_new_wires(&s, 8, &bits), ZK_OK);
    uint32_t outs[8], in = 1;
    for (uint32_t i = 0; i < 8; i++)
        outs[i] = bits + i;
    assert_int_equal(r1cs_hint_fn_add(&s, hint_bits, NULL, &in, 1, outs, 8), ZK_OK);
    r1cs_lc sum, one, b;
    r1cs_lc_init(&sum);
    r1cs_lc_init(&one);
    r1cs_lc_init(&b);
    for (uint32_t i = 0; i < 8; i++) {
        /* b * (b - 1) = 0 */
        r1cs_lc_clear(&b);
        r1cs_lc_push_i64(&b, bits + i, 1);
        r1cs_lc_clear(&one);
        r1cs_lc_push_i64(&one, bits + i, 1);
        r1cs_lc_push_i64(&one, 0, -1);
        assert_int_equal(r1cs_add(&s, &b, &one, NULL), ZK_OK);
        r1cs_lc_push_i64(&sum, bits + i, (int64_t)1 << i);
    }
    r1cs_lc_clear(&one);
    r1cs_lc_push_i64(&one, 1, 1);
    assert_int_equal(r1cs_add_eq(&s, &sum, &one), ZK_OK);
    fr_t w[10], x;
    fr_from_u64(&x, 0xa5);
    assert_int_equal(r1cs_solve(&s, w, &x, NULL), ZK_OK);
    assert_int_equal(r1cs_check(&s, w, NULL), ZK_OK);
    /* 256 does not fit in 8 bits: the hint's bits sum to 0, not 256. */
    fr_from_u64(&x, 256);
    assert_int_equal(r1cs_solve(&s, w, &x, NULL), ZK_OK);
    size_t bad;
    assert_int_equal(r1cs_check(&s, w, &bad), ZK_EVERIFY);
    assert_int_equal(bad, 8);
    /* A wire no hint sets is reported. */
    uint32_t lonely, where = 0;
    assert_int_equal(r1cs_new_wire(&s, &lonely), ZK_OK);
    fr_t w2[11];
    assert_int_equal(r1cs_solve(&s, w2, &x, &where), ZK_EINVAL);
    assert_int_equal(where, lonely);
    /* Constraints may not name wires that do not exist. */
    r1cs_lc_clear(&b);
    r1cs_lc_push_i64(&b, 1000, 1);
    assert_int_equal(r1cs_add(&s, &b, &b, &b), ZK_EINVAL);
    r1cs_lc_free(&sum);
    r1cs_lc_free(&one);
    r1cs_lc_free(&b);
    r1cs_free(&s);
}

static void test_terms_merge_and_coefficients_dedupe(void **state)
{
    (void)state;
    r1cs s;
    r1cs_init(&s);
    uint32_t w;
    assert_int_equal(r1cs_new_wires(&s, 3, &w), ZK_OK);
    r1cs_lc c;
    r1cs_lc_init(&c);
    /* 2·w3 + 5·w1 - 2·w3 + 1·w1 = 6·w1 */
    r1cs_lc_push_i64(&c, 3, 2);
    r1cs_lc_push_i64(&c, 1, 5);
    r1cs_lc_push_i64(&c, 3, -2);
    r1cs_lc_push_i64(&c, 1, 1);
    assert_int_equal(r1cs_add(&s, NULL, NULL, &c), ZK_OK);
    assert_int_equal(s.rows[0].nc, 1);
    assert_int_equal(s.terms[0].wire, 1);
    fr_t six;
    fr_from_u64(&six, 6);
    assert_true(fr_eq(&s.coefs[s.terms[0].coef], &six));
    /* A thousand constraints with coefficient 6 store it once. */
    for (int i = 0; i < 1000; i++)
        assert_int_equal(r1cs_add(&s, NULL, NULL, &c), ZK_OK);
    assert_int_equal(s.n_coefs, 1);
    r1cs_lc_free(&c);
    r1cs_free(&s);
}

/* A random system over a few wires, for the format round trips. */
static void random_system(r1cs *s, zk_rng *rng, uint32_t wires, size_t rows)
{
    r1cs_init(s);
    assert_int_equal(r1cs_set_io(s, 1, 1, 1), ZK_OK);
    uint32_t first;
    assert_int_equal(r1cs_new_wires(s, wires - 4, &first), ZK_OK);
    r1cs_lc lc[3];
    for (int k = 0; k < 3; k++)
        r1cs_lc_init(&lc[k]);
    for (size_t i = 0; i < rows; i++) {
        for (int k = 0; k < 3; k++) {
            r1cs_lc_clear(&lc[k]);
            uint32_t n = (uint32_t)zk_random_below(rng, 5);
            for (uint32_t j = 0; j < n; j++) {
                fr_t v;
                fr_random(&v, rng);
                r1cs_lc_push(&lc[k], (uint32_t)zk_random_below(rng, wires), &v);
            }
        }
        assert_int_equal(r1cs_add(s, &lc[0], &lc[1], &lc[2]), ZK_OK);
    }
    for (int k = 0; k < 3; k++)
        r1cs_lc_free(&lc[k]);
    s->n_labels = wires + 3;
    s->wire_label = malloc(wires * sizeof *s->wire_label);
    for (uint32_t i = 0; i < wires; i++)
        s->wire_label[i] = i + (i > 2 ? 3 : 0);
}

static void assert_same_system(const r1cs *a, const r1cs *b)
{
    assert_int_equal(a->n_wires, b->n_wires);
    assert_int_equal(a->n_pub_out, b->n_pub_out);
    assert_int_equal(a->n_pub_in, b->n_pub_in);
    assert_int_equal(a->n_prv_in, b->n_prv_in);
    assert_int_equal(a->n_labels, b->n_labels);
    assert_int_equal(a->n_rows, b->n_rows);
    for (size_t i = 0; i < a->n_rows; i++) {
        const r1cs_row *x = &a->rows[i], *y = &b->rows[i];
        assert_int_equal(x->na, y->na);
        assert_int_equal(x->nb, y->nb);
        assert_int_equal(x->nc, y->nc);
        for (uint32_t k = 0; k < x->na + x->nb + x->nc; k++) {
            assert_int_equal(a->terms[x->off + k].wire, b->terms[y->off + k].wire);
            assert_true(fr_eq(&a->coefs[a->terms[x->off + k].coef], &b->coefs[b->terms[y->off + k].coef]));
        }
    }
    for (uint32_t i = 0; i < a->n_wires; i++)
        assert_int_equal(a->wire_label[i], b->wire_label[i]);
}

static void test_r1cs_file_round_trip(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "r1cs round trip");
    r1cs s, t;
    random_system(&s, &rng, 20, 50);
    uint8_t *buf;
    size_t len;
    assert_int_equal(r1cs_to_bytes(&s, &buf, &len), ZK_OK);
    assert_memory_equal(buf, "r1cs\x01\x00\x00\x00\x03\x00\x00\x00", 12);
    assert_int_equal(r1cs_from_bytes(&t, buf, len), ZK_OK);
    assert_same_system(&s, &t);
    /* Writing the parsed system gives the same bytes. */
    uint8_t *buf2;
    size_t len2;
    assert_int_equal(r1cs_to_bytes(&t, &buf2, &len2), ZK_OK);
    assert_int_equal(len, len2);
    assert_memory_equal(buf, buf2, len);
    free(buf2);
    r1cs_free(&t);
    /* Every truncation and many single-byte changes are rejected or read,
     * never a crash; truncations are always rejected. */
    for (size_t cut = 0; cut < len; cut += 1 + cut / 8) {
        assert_int_not_equal(r1cs_from_bytes(&t, buf, cut), ZK_OK);
        r1cs_free(&t);
    }
    for (int i = 0; i < 400; i++) {
        size_t at = (size_t)zk_random_below(&rng, len);
        uint8_t old = buf[at];
        buf[at] ^= (uint8_t)(1 + zk_random_below(&rng, 255));
        zk_err err = r1cs_from_bytes(&t, buf, len);
        assert_true(err == ZK_OK || err == ZK_EFORMAT);
        r1cs_free(&t);
        buf[at] = old;
    }
    free(buf);
    r1cs_free(&s);
}

static void test_r1cs_header_facts(void **state)
{
    (void)state;
    cubic c;
    build_cubic(&c);
    uint8_t *buf;
    size_t len;
    assert_int_equal(r1cs_to_bytes(&c.s, &buf, &len), ZK_OK);
    /* Section 1 right after the file header: type 1, 64 bytes, n8 = 32 and
     * the prime r little-endian (its low byte is 0x01, its top 0x30). */
    assert_int_equal(buf[12], 1);
    assert_int_equal(buf[16], 64);
    assert_int_equal(buf[24], 32);
    assert_int_equal(buf[28], 0x01);
    assert_int_equal(buf[28 + 31], 0x30);
    /* nWires, nPubOut, nPubIn, nPrvIn, nLabels, mConstraints */
    const uint8_t *h = buf + 28 + 32;
    assert_int_equal(h[0], 5);
    assert_int_equal(h[4], 1);
    assert_int_equal(h[8], 0);
    assert_int_equal(h[12], 1);
    assert_int_equal(h[16], 5);
    assert_int_equal(h[24], 3);
    free(buf);
    r1cs_free(&c.s);
}

/* Setup's reader on an image of a .r1cs, through a file as the CLI reads. */
static zk_err setup_reads(const uint8_t *buf, size_t len)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/zkcave_header_%d.r1cs", (int)getpid());
    assert_int_equal(zk_file_write_atomic(path, buf, len), ZK_OK);
    groth16_cs cs;
    zk_err err = groth16_cs_read(&cs, path);
    if (!err)
        groth16_cs_free(&cs);
    unlink(path);
    return err;
}

/* Issue 13: at --O1 `out <== b * 1` merges the private input b into the
 * output; the header still counted b, so the file promised 1 + 1 + 1
 * inputs in its 2 wires and setup called it "malformed or truncated". The
 * header counts the private inputs left among the wires, which come right
 * after the public ones; setup also reads circom's own header, which counts
 * the declared ones. */
static void test_header_after_simplification(void **state)
{
    (void)state;
    const char *bit = "template Bit() {\n    signal input b;\n    signal output out;\n"
                      "    b * (b - 1) === 0;\n    out <== b * 1;\n}\ncomponent main = Bit();\n";
    /* a is merged into the output y, c stays a wire, d is in no constraint. */
    const char *mixed = "template M() {\n    signal input a;\n    signal input c;\n    signal input d;\n"
                        "    signal output y;\n    signal output z;\n    y <== a;\n    z <== c * c;\n"
                        "    signal u;\n    u <-- d;\n}\ncomponent main = M();\n";
    static const struct {
        int level;
        uint32_t prv, wires;
    } want_bit[] = {{0, 1, 3}, {1, 0, 2}, {2, 0, 2}}, want_mixed[] = {{0, 3, 7}, {1, 1, 4}, {2, 1, 4}};
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 3; i++) {
            int level = (k ? want_mixed : want_bit)[i].level;
            circom_options o = {.opt_level = level,
                                .inputs_json = k ? "{\"a\": 5, \"c\": 6, \"d\": 7}" : "{\"b\": 1}"};
            circom_circuit c;
            assert_int_equal(circom_compile_text(&c, "h.circom", k ? mixed : bit, &o), ZK_OK);
            const r1cs *s = &c.sys;
            assert_int_equal(c.n_prv_in_declared, k ? 3 : 1);
            assert_int_equal(s->n_prv_in, (k ? want_mixed : want_bit)[i].prv);
            assert_int_equal(s->n_wires, (k ? want_mixed : want_bit)[i].wires);
            assert_true(1 + s->n_pub_out + s->n_pub_in + s->n_prv_in <= s->n_wires);
            /* The first private input left is the wire after the public ones. */
            if (k && level > 0) {
                fr_t six;
                fr_from_u64(&six, 6);
                assert_true(fr_eq(&c.witness[1 + s->n_pub_out + s->n_pub_in], &six));
            }
            uint8_t *buf;
            size_t len;
            assert_int_equal(r1cs_to_bytes(s, &buf, &len), ZK_OK);
            assert_int_equal(setup_reads(buf, len), ZK_OK);
            /* circom's header: the declared count (offset 28 + 32 + 12). */
            buf[28 + 32 + 12] = (uint8_t)c.n_prv_in_declared;
            assert_int_equal(setup_reads(buf, len), ZK_OK);
            r1cs t;
            assert_int_equal(r1cs_from_bytes(&t, buf, len), ZK_OK);
            r1cs_free(&t);
            free(buf);
            circom_circuit_free(&c);
        }
    }
}

static void test_wtns_round_trip(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "wtns round trip");
    fr_t w[7];
    for (int i = 0; i < 7; i++)
        fr_random(&w[i], &rng);
    uint8_t *buf;
    size_t len;
    assert_int_equal(wtns_to_bytes(w, 7, &buf, &len), ZK_OK);
    assert_int_equal(len, 12 + 12 + 40 + 12 + 7 * 32);
    assert_memory_equal(buf, "wtns\x02\x00\x00\x00\x02\x00\x00\x00", 12);
    fr_t *back;
    size_t n;
    assert_int_equal(wtns_from_bytes(&back, &n, buf, len), ZK_OK);
    assert_int_equal(n, 7);
    for (int i = 0; i < 7; i++)
        assert_true(fr_eq(&w[i], &back[i]));
    zk_free_secret(back, n, sizeof *back);
    /* A value of r or more is not a field element. */
    memset(buf + len - 32, 0xff, 32);
    assert_int_equal(wtns_from_bytes(&back, &n, buf, len), ZK_EFORMAT);
    for (size_t cut = 0; cut < len; cut += 7)
        assert_int_equal(wtns_from_bytes(&back, &n, buf, cut), ZK_EFORMAT);
    memcpy(buf, "r1cs", 4);
    assert_int_equal(wtns_from_bytes(&back, &n, buf, len), ZK_EFORMAT);
    free(buf);
}

static void test_renumber_and_reorder(void **state)
{
    (void)state;
    cubic c;
    build_cubic(&c);
    fr_t w[5], x;
    fr_from_u64(&x, 3);
    assert_int_equal(r1cs_solve(&c.s, w, &x, NULL), ZK_OK);
    /* Swap wires 3 and 4 and reverse the rows: the permuted witness holds. */
    uint32_t map[5] = {0, 1, 2, 4, 3};
    assert_int_equal(r1cs_renumber(&c.s, map, 5), ZK_OK);
    size_t order[3] = {2, 1, 0};
    assert_int_equal(r1cs_reorder_rows(&c.s, order, 3), ZK_OK);
    fr_t v[5] = {w[0], w[1], w[2], w[4], w[3]};
    assert_int_equal(r1cs_check(&c.s, v, NULL), ZK_OK);
    assert_int_equal(r1cs_check(&c.s, w, NULL), ZK_EVERIFY);
    r1cs_free(&c.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builder_solves_and_checks),
        cmocka_unit_test(test_callback_hint_and_unset_wire),
        cmocka_unit_test(test_terms_merge_and_coefficients_dedupe),
        cmocka_unit_test(test_r1cs_file_round_trip),
        cmocka_unit_test(test_r1cs_header_facts),
        cmocka_unit_test(test_header_after_simplification),
        cmocka_unit_test(test_wtns_round_trip),
        cmocka_unit_test(test_renumber_and_reorder),
    };
    return ZK_RUN_TESTS(tests);
}
