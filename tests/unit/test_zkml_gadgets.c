/* zkml gadgets, each on its own: for every input on small widths, the
 * constraints have exactly one satisfying assignment of every wire the
 * gadget creates, and it is the right output (none for an input outside the
 * gadget's range). The assignments are counted by a solver written here
 * that knows nothing of the gadgets: it branches on each wire constrained
 * by b·b = b (a field element with b² = b is 0 or 1, so no solution
 * is missed) and solves every other wire from a constraint where it is the
 * only unknown and appears linearly; a wire neither way fixes fails the
 * test (it would be free). Each gadget's constraint and wire counts are
 * held to the formula in its header comment. */
#include "zk_test.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "hash/poseidon_bn254.h"
#include "nn/quant.h"
#include "zkml/gadget.h"

/* ---- a solution counter ------------------------------------------------- */

typedef struct solver {
    const r1cs *s;
    uint32_t n_fixed;     /* w_0 and the inputs */
    fr_t *w;
    bool *known, *boolean;
    uint32_t *unk;        /* unknown wires per constraint */
    uint32_t *adj_off, *adj;
    uint32_t *row_off, *row_w;   /* each constraint's distinct wires */
    fr_t cache_in[64], cache_out[64];   /* inverses already computed */
    uint32_t *trail;
    size_t n_trail;
    uint64_t solutions, nodes;
    fr_t *solution;       /* the first one */
    bool undetermined;
} solver;

/* The distinct wires of constraint i, into out (returns how many). */
static uint32_t row_wires(const r1cs *s, size_t i, uint32_t *out)
{
    uint32_t n = 0;
    for (int side = 0; side < 3; side++) {
        uint32_t m;
        const r1cs_term *t = r1cs_side(s, i, side, &m);
        for (uint32_t k = 0; k < m; k++) {
            bool seen = false;
            for (uint32_t j = 0; j < n; j++)
                seen |= out[j] == t[k].wire;
            if (!seen)
                out[n++] = t[k].wire;
        }
    }
    return n;
}

/* Whether constraint i is b·b = b for one wire b (zg_bits's form). */
static bool is_boolean_row(const r1cs *s, size_t i, uint32_t *b)
{
    uint32_t na, nb, nc;
    const r1cs_term *a = r1cs_side(s, i, 0, &na), *bb = r1cs_side(s, i, 1, &nb),
                    *cc = r1cs_side(s, i, 2, &nc);
    if (na != 1 || nb != 1 || nc != 1 || bb[0].wire != a[0].wire || cc[0].wire != a[0].wire)
        return false;
    fr_t one;
    fr_one(&one);
    *b = a[0].wire;
    return fr_eq(&s->coefs[a[0].coef], &one) && fr_eq(&s->coefs[bb[0].coef], &one) &&
           fr_eq(&s->coefs[cc[0].coef], &one);
}

static void solver_init(solver *v, const r1cs *s, uint32_t n_fixed, const fr_t *fixed)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    v->n_fixed = n_fixed;
    uint32_t n = s->n_wires;
    v->w = zk_calloc(n, sizeof *v->w);
    v->solution = zk_calloc(n, sizeof *v->solution);
    v->known = zk_calloc(n, sizeof *v->known);
    v->boolean = zk_calloc(n, sizeof *v->boolean);
    v->unk = zk_calloc(s->n_rows + 1, sizeof *v->unk);
    v->adj_off = zk_calloc(n + 1, sizeof *v->adj_off);
    v->trail = zk_calloc(n, sizeof *v->trail);
    uint32_t *buf = zk_calloc(n, sizeof *buf);
    assert_non_null(v->w && v->known && v->unk && v->adj_off && v->trail && buf);
    for (size_t i = 0; i < s->n_rows; i++) {
        uint32_t m = row_wires(s, i, buf), b;
        for (uint32_t k = 0; k < m; k++)
            v->adj_off[buf[k] + 1]++;
        if (is_boolean_row(s, i, &b))
            v->boolean[b] = true;
    }
    for (uint32_t i = 0; i < n; i++)
        v->adj_off[i + 1] += v->adj_off[i];
    v->adj = zk_calloc(v->adj_off[n] + 1, sizeof *v->adj);
    v->row_off = zk_calloc(s->n_rows + 1, sizeof *v->row_off);
    v->row_w = zk_calloc(v->adj_off[n] + 1, sizeof *v->row_w);
    uint32_t *fill = zk_calloc(n, sizeof *fill);
    for (size_t i = 0; i < s->n_rows; i++) {
        uint32_t m = row_wires(s, i, buf);
        v->row_off[i + 1] = v->row_off[i] + m;
        memcpy(v->row_w + v->row_off[i], buf, m * sizeof *buf);
        for (uint32_t k = 0; k < m; k++) {
            v->adj[v->adj_off[buf[k]] + fill[buf[k]]++] = (uint32_t)i;
            if (buf[k] >= n_fixed)
                v->unk[i]++;
        }
    }
    zk_free(fill);
    zk_free(buf);
    memcpy(v->w, fixed, n_fixed * sizeof *fixed);
    for (uint32_t i = 0; i < n_fixed; i++)
        v->known[i] = true;
}

static void solver_free(solver *v)
{
    zk_free(v->w);
    zk_free(v->solution);
    zk_free(v->known);
    zk_free(v->boolean);
    zk_free(v->unk);
    zk_free(v->adj_off);
    zk_free(v->adj);
    zk_free(v->trail);
    zk_free(v->row_off);
    zk_free(v->row_w);
}

/* The sides of constraint i as a0 + a1·u etc. for its one unknown u. */
static void split(const solver *v, size_t i, uint32_t u, fr_t k0[3], fr_t k1[3])
{
    for (int side = 0; side < 3; side++) {
        uint32_t m;
        const r1cs_term *t = r1cs_side(v->s, i, side, &m);
        fr_zero(&k0[side]);
        fr_zero(&k1[side]);
        for (uint32_t j = 0; j < m; j++) {
            const fr_t *c = &v->s->coefs[t[j].coef];
            if (t[j].wire == u) {
                fr_add(&k1[side], &k1[side], c);
            } else {
                fr_t p;
                fr_mul(&p, c, &v->w[t[j].wire]);
                fr_add(&k0[side], &k0[side], &p);
            }
        }
    }
}

static bool assign(solver *v, uint32_t wire, const fr_t *val);

/* Constraint i after an assignment: check it, or solve its last unknown. */
static bool visit(solver *v, size_t i)
{
    if (v->unk[i] == 0)
        return r1cs_row_holds(v->s, i, v->w);
    if (v->unk[i] != 1)
        return true;
    uint32_t u = 0;
    for (uint32_t k = v->row_off[i]; k < v->row_off[i + 1]; k++)
        if (!v->known[v->row_w[k]])
            u = v->row_w[k];
    fr_t k0[3], k1[3], quad, lin, cst, t;
    split(v, i, u, k0, k1);
    fr_mul(&quad, &k1[0], &k1[1]);
    if (!fr_is_zero(&quad))
        return true;   /* quadratic in u: left to branching */
    /* (a0 + a1 u)(b0 + b1 u) − (c0 + c1 u) = a0b0 − c0 + (a1b0 + a0b1 − c1)u */
    fr_mul(&lin, &k1[0], &k0[1]);
    fr_mul(&t, &k0[0], &k1[1]);
    fr_add(&lin, &lin, &t);
    fr_sub(&lin, &lin, &k1[2]);
    fr_mul(&cst, &k0[0], &k0[1]);
    fr_sub(&cst, &cst, &k0[2]);
    if (fr_is_zero(&lin))
        return fr_is_zero(&cst);   /* holds for every u or for none */
    fr_t inv, val;
    size_t slot = lin.v[0] % 64;
    if (fr_eq(&v->cache_in[slot], &lin)) {
        inv = v->cache_out[slot];
    } else {
        assert_int_equal(fr_inv_var(&inv, &lin), ZK_OK);
        v->cache_in[slot] = lin;
        v->cache_out[slot] = inv;
    }
    fr_mul(&val, &cst, &inv);
    fr_neg(&val, &val);
    return assign(v, u, &val);
}

static bool assign(solver *v, uint32_t wire, const fr_t *val)
{
    v->known[wire] = true;
    v->w[wire] = *val;
    v->trail[v->n_trail++] = wire;
    for (uint32_t k = v->adj_off[wire]; k < v->adj_off[wire + 1]; k++)
        v->unk[v->adj[k]]--;
    for (uint32_t k = v->adj_off[wire]; k < v->adj_off[wire + 1]; k++)
        if (!visit(v, v->adj[k]))
            return false;
    return true;
}

static void undo(solver *v, size_t mark)
{
    while (v->n_trail > mark) {
        uint32_t wire = v->trail[--v->n_trail];
        v->known[wire] = false;
        for (uint32_t k = v->adj_off[wire]; k < v->adj_off[wire + 1]; k++)
            v->unk[v->adj[k]]++;
    }
}

static void dfs(solver *v)
{
    v->nodes++;
    uint32_t next = 0;
    bool any_unknown = false;
    for (uint32_t i = v->n_fixed; i < v->s->n_wires; i++) {
        if (v->known[i])
            continue;
        any_unknown = true;
        if (v->boolean[i]) {
            next = i;
            break;
        }
    }
    if (!any_unknown) {
        if (v->solutions++ == 0)
            memcpy(v->solution, v->w, v->s->n_wires * sizeof *v->w);
        return;
    }
    if (next == 0) {
        v->undetermined = true;
        return;
    }
    for (uint64_t b = 0; b < 2; b++) {
        size_t mark = v->n_trail;
        fr_t val;
        fr_from_u64(&val, b);
        if (assign(v, next, &val))
            dfs(v);
        undo(v, mark);
    }
}

/* Every solution of s with wires below n_fixed set as in fixed: the
 * count, the first solution in v->solution. */
static uint64_t count_solutions(solver *v, const r1cs *s, uint32_t n_fixed, const fr_t *fixed)
{
    solver_init(v, s, n_fixed, fixed);
    /* constraints with no unknown at all */
    for (size_t i = 0; i < s->n_rows; i++)
        if (v->unk[i] == 0 && !r1cs_row_holds(s, i, v->w))
            return 0;
    /* the propagations the inputs allow before any branch */
    bool ok = true;
    for (size_t i = 0; i < s->n_rows && ok; i++)
        ok = visit(v, i);
    if (ok)
        dfs(v);
    assert_false(v->undetermined);
    return v->solutions;
}

/* ---- a gadget under test ------------------------------------------------- */

/* A builder that both stores and computes, with n_in input wires. */
typedef struct bench {
    r1cs s;
    zc c;
    zkml_counts counts;
} bench;

static void bench_init(bench *b, uint32_t n_in, const int64_t *in)
{
    r1cs_init(&b->s);
    memset(&b->counts, 0, sizeof b->counts);
    assert_int_equal(zc_init(&b->c, &b->s, NULL, true, false, &b->counts, NULL), ZK_OK);
    zc_io(&b->c, 0, n_in, 0);
    for (uint32_t i = 0; i < n_in; i++)
        zc_set_i64(&b->c, 1 + i, in[i]);
}

static void bench_free(bench *b)
{
    zc_free(&b->c);
    zk_free(b->c.w);
    r1cs_free(&b->s);
}

/* The input wire i as a combination. */
static void input_lc(bench *b, r1cs_lc *lc, uint32_t i, int64_t offset)
{
    r1cs_lc_clear(lc);
    zl_i64(&b->c, lc, 1 + i, 1);
    zl_i64(&b->c, lc, 0, offset);
}

/* The integer a solution holds in a zv's wires. */
static int64_t zv_of(const fr_t *w, const zv *v)
{
    uint64_t x[4];
    if (v->kind == ZV_WIRE) {
        fr_t n;
        fr_neg(&n, &w[v->wire]);
        fr_to_int(x, &w[v->wire]);
        if (x[1] || x[2] || x[3]) {
            fr_to_int(x, &n);
            return -(int64_t)x[0];
        }
        return (int64_t)x[0];
    }
    int64_t s = 0;
    for (int i = 0; i < v->bits; i++) {
        fr_to_int(x, &w[v->wire + (uint32_t)i]);
        s += (int64_t)x[0] << i;
    }
    return v->kind == ZV_SBITS ? s - ((int64_t)1 << (v->bits - 1)) : s;
}

static uint64_t solve(bench *b, uint32_t n_in, solver *v)
{
    assert_int_equal(b->c.err, ZK_OK);
    return count_solutions(v, &b->s, 1 + n_in, b->c.w);
}

/* The unique solution equals the gadget's own witness. */
static void assert_witness_is_solution(const bench *b, const solver *v)
{
    for (uint32_t i = 0; i < b->s.n_wires; i++)
        assert_true(fr_eq(&v->solution[i], &b->c.w[i]));
}

/* ---- the gadgets ----------------------------------------------------------- */

static void test_range(void **state)
{
    (void)state;
    for (int n = 1; n <= 6; n++)
        for (int64_t x = -3; x < (1 << n) + 3; x++) {
            bench b;
            bench_init(&b, 1, &x);
            r1cs_lc lc;
            r1cs_lc_init(&lc);
            input_lc(&b, &lc, 0, 0);
            bool in = x >= 0 && x < (1 << n);
            zv r = zg_range(&b.c, &lc, n, in ? (uint64_t)x : 0);
            assert_int_equal(b.s.n_rows, n + 1);
            assert_int_equal(b.counts.cell[0][0].wires, n);
            solver v;
            uint64_t k = solve(&b, 1, &v);
            assert_int_equal(k, in ? 1 : 0);
            if (in) {
                assert_int_equal(zv_of(v.solution, &r), x);
                assert_witness_is_solution(&b, &v);
            }
            solver_free(&v);
            r1cs_lc_free(&lc);
            bench_free(&b);
        }
}

/* rescale, and ReLU on its output, for every v the contract admits; past
 * it, never more than one solution. */
static void test_rescale_relu(void **state)
{
    (void)state;
    for (int A = 2; A <= 5; A++)
        for (int r = 1; r < A; r++)
            for (int64_t x = -(1 << A) - 2; x <= (1 << A) + 2; x++) {
                bool in = x >= -(1 << (A - 1)) && x < (1 << (A - 1));
                bench b;
                bench_init(&b, 1, &x);
                r1cs_lc lc;
                r1cs_lc_init(&lc);
                input_lc(&b, &lc, 0, 0);
                /* past the contract the witness cannot be made; the
                 * constraints are the same whatever value builds them */
                zv q = zg_rescale(&b.c, &lc, in ? x : 0, A, r);
                assert_int_equal(q.bits, A - r + 1);
                assert_int_equal(b.s.n_rows, A + 2);
                assert_int_equal(b.counts.cell[0][0].wires, A + 1);
                zv y = zg_relu(&b.c, &q);
                assert_int_equal(b.s.n_rows, A + 3);
                assert_int_equal(b.counts.cell[0][0].wires, A + 2);
                solver v;
                uint64_t k = solve(&b, 1, &v);
                if (in) {
                    assert_int_equal(k, 1);
                    assert_int_equal(zv_of(v.solution, &q), nn_rescale(x, r));
                    int64_t want = nn_rescale(x, r);
                    assert_int_equal(zv_of(v.solution, &y), want > 0 ? want : 0);
                    assert_witness_is_solution(&b, &v);
                } else {
                    assert_true(k <= 1);
                }
                solver_free(&v);
                r1cs_lc_free(&lc);
                bench_free(&b);
            }
}

static void test_max4(void **state)
{
    (void)state;
    for (int A = 2; A <= 3; A++) {
        int64_t lo = -(1 << (A - 1)), hi = 1 << (A - 1), span = hi - lo;
        for (int64_t code = 0; code < span * span * span * span; code++) {
            int64_t a[4], c = code;
            for (int i = 0; i < 4; i++, c /= span)
                a[i] = lo + c % span;
            bench b;
            bench_init(&b, 4, a);
            r1cs_lc lc[4];
            for (int i = 0; i < 4; i++) {
                r1cs_lc_init(&lc[i]);
                input_lc(&b, &lc[i], (uint32_t)i, 0);
            }
            zv m = zg_max4(&b.c, lc, a, A);
            assert_int_equal(b.s.n_rows, 4 * A + 7);
            assert_int_equal(b.counts.cell[0][0].wires, 4 * A + 3);
            solver v;
            assert_int_equal(solve(&b, 4, &v), 1);
            int64_t want = a[0];
            for (int i = 1; i < 4; i++)
                want = a[i] > want ? a[i] : want;
            assert_int_equal(zv_of(v.solution, &m), want);
            assert_witness_is_solution(&b, &v);
            solver_free(&v);
            for (int i = 0; i < 4; i++)
                r1cs_lc_free(&lc[i]);
            bench_free(&b);
        }
    }
}

/* Pixels 0..255, through the 8-bit range check and the ÷510. */
static void test_quantize(void **state)
{
    (void)state;
    for (int e = 0; e <= 5; e += 5)
        for (int64_t p = 0; p < 256; p++) {
            bench b;
            bench_init(&b, 1, &p);
            r1cs_lc lc;
            r1cs_lc_init(&lc);
            input_lc(&b, &lc, 0, 0);
            zv px = zg_range(&b.c, &lc, 8, (uint64_t)p);
            size_t before = b.s.n_rows;
            uint64_t wires = b.counts.cell[0][0].wires;
            zv x = zg_quantize(&b.c, &px, e);
            assert_int_equal(b.s.n_rows - before, e + 22);
            assert_int_equal(b.counts.cell[0][0].wires - wires, e + 20);
            solver v;
            assert_int_equal(solve(&b, 1, &v), 1);
            assert_int_equal(zv_of(v.solution, &x), nn_quantize_pixel((uint8_t)p, e));
            assert_witness_is_solution(&b, &v);
            solver_free(&v);
            r1cs_lc_free(&lc);
            bench_free(&b);
        }
}

/* Products: one constraint and wire each with wire weights, none with
 * constant ones; the accumulator is then the exact sum. */
static void test_mac(void **state)
{
    (void)state;
    for (int fixed = 0; fixed < 2; fixed++)
        for (int64_t w0 = -2; w0 <= 2; w0++)
            for (int64_t x0 = -2; x0 <= 2; x0++) {
                int64_t in[4] = {w0, x0, 3 - w0, x0 * 2 + 1};
                bench b;
                bench_init(&b, 4, in);
                zv w[2], x[2], bias = zv_const(5);
                for (int k = 0; k < 2; k++) {
                    w[k] = fixed ? zv_const(in[2 * k]) : zv_wire(1 + 2 * (uint32_t)k, in[2 * k]);
                    x[k] = zv_wire(2 + 2 * (uint32_t)k, in[2 * k + 1]);
                }
                r1cs_lc acc;
                r1cs_lc_init(&acc);
                int64_t value;
                zg_mac(&b.c, &acc, &value, &bias, w, x, 2);
                assert_int_equal(value, 5 + in[0] * in[1] + in[2] * in[3]);
                assert_int_equal(b.s.n_rows, fixed ? 0 : 2);
                /* the accumulator is what it claims on the witness */
                fr_t got, want;
                zc_eval(&b.c, &got, &acc);
                zc_fr_from_i64(&want, value);
                assert_true(fr_eq(&got, &want));
                solver v;
                assert_int_equal(solve(&b, 4, &v), 1);
                assert_witness_is_solution(&b, &v);
                solver_free(&v);
                r1cs_lc_free(&acc);
                bench_free(&b);
            }
}

/* Slots of b bits packed into one public element: exactly the base-2^b
 * digits of the element satisfy it, and nothing past 2^(b·n). */
static void test_pack(void **state)
{
    (void)state;
    const int b = 2, n = 3;
    for (int64_t e = 0; e < (1 << (b * n)) + 3; e++) {
        bench bb;
        bench_init(&bb, 1, &e);
        zv slot[3];
        bool in = e < (1 << (b * n));
        for (int j = 0; j < n; j++) {
            uint64_t u = in ? (uint64_t)(e >> (b * j)) & 3 : 0;
            slot[j] = (zv){ZV_SBITS, (uint8_t)b, zg_bits(&bb.c, b, u), (int64_t)u - 2};
        }
        size_t before = bb.s.n_rows;
        zg_pack(&bb.c, 1, slot, (size_t)n, b);
        assert_int_equal(bb.s.n_rows - before, 1);
        solver v;
        uint64_t k = solve(&bb, 1, &v);
        assert_int_equal(k, in ? 1 : 0);
        if (in)
            for (int j = 0; j < n; j++)
                assert_int_equal(zv_of(v.solution, &slot[j]) + 2, (e >> (b * j)) & 3);
        solver_free(&v);
        bench_free(&bb);
    }
}

/* The class of three logits of K = 3 bits, every combination, ties
 * included: the first of the largest, and no other. */
static void test_argmax(void **state)
{
    (void)state;
    const int K = 3, n = 3;
    for (int64_t code = 0; code < 8 * 8 * 8; code++) {
        int64_t in[4] = {0, code % 8 - 4, code / 8 % 8 - 4, code / 64 - 4};
        bench b;
        bench_init(&b, 4, in);   /* wire 1: the class; 2..4 the logits */
        zv z[3];
        r1cs_lc lc;
        r1cs_lc_init(&lc);
        for (int j = 0; j < n; j++) {
            input_lc(&b, &lc, 1 + (uint32_t)j, 4);
            z[j] = zg_range(&b.c, &lc, K, (uint64_t)(in[1 + j] + 4));
            z[j].kind = ZV_SBITS;
            z[j].value = in[1 + j];
        }
        size_t before = b.s.n_rows;
        uint64_t wires = b.counts.cell[0][0].wires;
        zg_argmax(&b.c, 1, z, n, K);
        assert_int_equal(b.s.n_rows - before, n * (K + 3) + 2);
        assert_int_equal(b.counts.cell[0][0].wires - wires, n * (K + 2));
        int best = 0;
        for (int j = 1; j < n; j++)
            best = in[1 + j] > in[1 + best] ? j : best;
        /* the class is an input here: only the right one has a solution */
        for (int cls = -1; cls <= n; cls++) {
            fr_t save = b.c.w[1];
            zc_fr_from_i64(&b.c.w[1], cls);
            solver v;
            uint64_t k = count_solutions(&v, &b.s, 1 + 4, b.c.w);
            assert_int_equal(k, cls == best ? 1 : 0);
            if (cls == best)
                assert_witness_is_solution(&b, &v);
            solver_free(&v);
            b.c.w[1] = save;
        }
        r1cs_lc_free(&lc);
        bench_free(&b);
    }
}

/* The permutation as constraints equals hash/poseidon_bn254 (itself tested
 * against circomlibjs's vectors) for widths 2, 3 and 17, costs 3(8t + P),
 * and determines every wire. */
static void test_poseidon(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "zkml_poseidon");
    const unsigned widths[] = {2, 3, 17};
    for (size_t wi = 0; wi < 3; wi++) {
        unsigned t = widths[wi];
        const poseidon_bn254_params *pp = &poseidon_bn254_table[t - 2];
        int64_t zeros[17] = {0};
        bench b;
        bench_init(&b, t, zeros);
        fr_t in[17];
        for (unsigned i = 0; i < t; i++) {
            fr_random(&in[i], &rng);
            zc_set(&b.c, 1 + i, &in[i]);
        }
        zg_poseidon *p;
        assert_int_equal(zg_poseidon_new(&p, t), ZK_OK);
        zg_state st;
        memset(&st, 0, sizeof st);
        for (unsigned i = 0; i < t; i++) {
            r1cs_lc_init(&st.lc[i]);
            zl_i64(&b.c, &st.lc[i], 1 + i, 1);
            st.val[i] = in[i];
        }
        zg_poseidon_perm(&b.c, p, &st);
        assert_int_equal(b.c.err, ZK_OK);
        assert_int_equal(b.s.n_rows, 3 * (8 * t + pp->partial_rounds));
        fr_t want[17];
        assert_int_equal(poseidon_bn254_hash_ex(want, t, in + 1, t - 1, &in[0]), ZK_OK);
        for (unsigned i = 0; i < t; i++) {
            fr_t got;
            zc_eval(&b.c, &got, &st.lc[i]);
            assert_true(fr_eq(&got, &want[i]));
            assert_true(fr_eq(&st.val[i], &want[i]));
        }
        solver v;
        assert_int_equal(solve(&b, t, &v), 1);
        assert_witness_is_solution(&b, &v);
        solver_free(&v);
        for (unsigned i = 0; i < t; i++)
            r1cs_lc_free(&st.lc[i]);
        zg_poseidon_free(p);
        bench_free(&b);
    }
}

/* The sponge over constants and wires: the hash as hash/poseidon_bn254
 * computes it block by block, the constant blocks free. */
static void test_sponge(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "zkml_sponge");
    const size_t n = 40;   /* two blocks of constants, then wires */
    int64_t zeros[9] = {0};
    bench b;
    bench_init(&b, 9, zeros);   /* wire 1: the hash; 2..9 absorbed wires */
    zg_elem e[40];
    for (size_t i = 0; i < n; i++) {
        fr_random(&e[i].value, &rng);
        e[i].wire = i >= 32 ? (uint32_t)(2 + i - 32) : 0;
        if (e[i].wire)
            zc_set(&b.c, e[i].wire, &e[i].value);
    }
    zg_poseidon *p;
    assert_int_equal(zg_poseidon_new(&p, 17), ZK_OK);
    fr_t tag;
    fr_from_u64(&tag, 12345);
    zg_sponge(&b.c, p, &tag, e, n, 1);
    assert_int_equal(b.c.err, ZK_OK);
    assert_int_equal(b.s.n_rows, 3 * (8 * 17 + 68) + 1);   /* one permutation with wires */
    fr_t st[17] = {tag};
    for (size_t i = 0; i < n; i += 16) {
        for (size_t j = 0; j < 16 && i + j < n; j++)
            fr_add(&st[1 + j], &st[1 + j], &e[i + j].value);
        fr_t nx[17];
        assert_int_equal(poseidon_bn254_hash_ex(nx, 17, st + 1, 16, &st[0]), ZK_OK);
        memcpy(st, nx, sizeof st);
    }
    assert_true(fr_eq(&b.c.w[1], &st[0]));
    size_t bad;
    assert_int_equal(r1cs_check(&b.s, b.c.w, &bad), ZK_OK);
    fr_t one;
    fr_one(&one);
    fr_add(&b.c.w[1], &b.c.w[1], &one);
    assert_int_equal(r1cs_check(&b.s, b.c.w, &bad), ZK_EVERIFY);
    zg_poseidon_free(p);
    bench_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range),   cmocka_unit_test(test_rescale_relu),
        cmocka_unit_test(test_max4),    cmocka_unit_test(test_quantize),
        cmocka_unit_test(test_mac),     cmocka_unit_test(test_pack),
        cmocka_unit_test(test_argmax),  cmocka_unit_test(test_poseidon),
        cmocka_unit_test(test_sponge),
    };
    return ZK_RUN_TESTS(tests);
}
