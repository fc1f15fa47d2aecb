#include "circuit/flatten.h"

#include <stdio.h>
#include <string.h>

typedef struct fparser {
    flat_circuit *fc;
    const char *s;
    size_t pos;
    char *msg;
    size_t *at;
    unsigned depth;
} fparser;

static zk_err fail(fparser *p, const char *why)
{
    if (p->msg)
        snprintf(p->msg, 128, "%s", why);
    if (p->at)
        *p->at = p->pos;
    return ZK_EPARSE;
}

static void skip(fparser *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
        p->pos++;
}

static zk_err new_var(fparser *p, int *var)
{
    flat_circuit *fc = p->fc;
    if (fc->n_gates >= FLAT_MAX_GATES)
        return ZK_EOVERFLOW;
    *var = (int)fc->n_vars;
    snprintf(fc->names[fc->n_vars], FLAT_NAME_MAX, "sym_%zu", fc->n_vars - 2);
    fc->n_vars++;
    return ZK_OK;
}

/* Folded constants stay within ±2^61, so a sum or a checked product of two
 * never overflows int64_t (a student may type "99999999^3"). */
#define FLAT_CONST_MAX ((int64_t)1 << 61)

static uint64_t magnitude(int64_t k)
{
    return k < 0 ? (uint64_t)0 - (uint64_t)k : (uint64_t)k;
}

/* Emits out = a op b, folding two constants. */
static zk_err emit(fparser *p, flat_op op, flat_operand a, flat_operand b, flat_operand *out)
{
    if (a.var < 0 && b.var < 0) {
        uint64_t ma = magnitude(a.k), mb = magnitude(b.k);
        if (op == FLAT_MUL && ma && mb > (uint64_t)FLAT_CONST_MAX / ma)
            return fail(p, "constant too large for this lesson");
        int64_t r = op == FLAT_MUL ? a.k * b.k : op == FLAT_ADD ? a.k + b.k : a.k - b.k;
        if (r > FLAT_CONST_MAX || r < -FLAT_CONST_MAX)
            return fail(p, "constant too large for this lesson");
        *out = (flat_operand){-1, r};
        return ZK_OK;
    }
    int v;
    zk_err err = new_var(p, &v);
    if (err)
        return err;
    p->fc->gates[p->fc->n_gates++] = (flat_gate){op, a, b, v};
    *out = (flat_operand){v, 0};
    return ZK_OK;
}

static zk_err parse_sum(fparser *p, flat_operand *out);

static zk_err parse_int(fparser *p, int64_t *v)
{
    skip(p);
    if (p->s[p->pos] < '0' || p->s[p->pos] > '9')
        return fail(p, "expected a number");
    *v = 0;
    while (p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
        if (*v > 100000000)
            return fail(p, "number too large for this lesson");
        *v = *v * 10 + (p->s[p->pos++] - '0');
    }
    return ZK_OK;
}

static zk_err parse_base(fparser *p, flat_operand *out)
{
    skip(p);
    char ch = p->s[p->pos];
    zk_err err;
    if (ch == 'x') {
        p->pos++;
        *out = (flat_operand){1, 0};
        return ZK_OK;
    }
    if (ch >= '0' && ch <= '9') {
        int64_t v;
        if ((err = parse_int(p, &v)))
            return err;
        *out = (flat_operand){-1, v};
        return ZK_OK;
    }
    if (ch == '(') {
        if (++p->depth > 32)
            return fail(p, "parentheses nested too deeply");
        p->pos++;
        if ((err = parse_sum(p, out)))
            return err;
        skip(p);
        if (p->s[p->pos] != ')')
            return fail(p, "expected ')'");
        p->pos++;
        p->depth--;
        return ZK_OK;
    }
    if (ch == '-') {
        /* Each '-' recurses like a parenthesis does, so it counts the same. */
        if (++p->depth > 32)
            return fail(p, "too many '-' in a row");
        p->pos++;
        flat_operand a;
        if ((err = parse_base(p, &a)))
            return err;
        p->depth--;
        return emit(p, FLAT_SUB, (flat_operand){-1, 0}, a, out);
    }
    return fail(p, ch ? "expected x, a number or '('" : "the expression ends too early");
}

static zk_err parse_power(fparser *p, flat_operand *out)
{
    zk_err err = parse_base(p, out);
    if (err)
        return err;
    skip(p);
    bool pow = p->s[p->pos] == '^' || (p->s[p->pos] == '*' && p->s[p->pos + 1] == '*');
    if (!pow)
        return ZK_OK;
    p->pos += p->s[p->pos] == '^' ? 1 : 2;
    int64_t e;
    if ((err = parse_int(p, &e)))
        return err;
    if (e < 1 || e > 64)
        return e > 64 ? ZK_EOVERFLOW : fail(p, "the exponent must be at least 1");
    /* x^e as e - 1 multiplications, as the article series (src/nn/cnn.h) flattens x^3. */
    flat_operand base = *out;
    for (int64_t i = 1; i < e; i++)
        if ((err = emit(p, FLAT_MUL, *out, base, out)))
            return err;
    return ZK_OK;
}

static zk_err parse_product(fparser *p, flat_operand *out)
{
    zk_err err = parse_power(p, out);
    while (!err) {
        skip(p);
        if (p->s[p->pos] != '*' || p->s[p->pos + 1] == '*')
            break;
        p->pos++;
        flat_operand b;
        if ((err = parse_power(p, &b)) || (err = emit(p, FLAT_MUL, *out, b, out)))
            return err;
    }
    return err;
}

static zk_err parse_sum(fparser *p, flat_operand *out)
{
    zk_err err = parse_product(p, out);
    while (!err) {
        skip(p);
        char ch = p->s[p->pos];
        if (ch != '+' && ch != '-')
            break;
        p->pos++;
        flat_operand b;
        if ((err = parse_product(p, &b)) || (err = emit(p, ch == '+' ? FLAT_ADD : FLAT_SUB, *out, b, out)))
            return err;
    }
    return err;
}

zk_err flat_parse(flat_circuit *fc, const char *expr, char err_msg[128], size_t *err_at)
{
    memset(fc, 0, sizeof *fc);
    snprintf(fc->names[0], FLAT_NAME_MAX, "one");
    snprintf(fc->names[1], FLAT_NAME_MAX, "x");
    snprintf(fc->names[2], FLAT_NAME_MAX, "out");
    fc->n_vars = 3;
    fparser p = {fc, expr, 0, err_msg, err_at, 0};
    flat_operand r;
    zk_err err = parse_sum(&p, &r);
    if (err)
        return err;
    skip(&p);
    if (p.s[p.pos])
        return fail(&p, "unexpected text after the expression");
    if (r.var < 2 || (size_t)r.var != fc->n_vars - 1) {
        /* The result is x or a constant: out = result + 0 makes it a gate. */
        int v;
        if ((err = new_var(&p, &v)))
            return err;
        fc->gates[fc->n_gates++] = (flat_gate){FLAT_ADD, r, (flat_operand){-1, 0}, v};
    }
    /* The last gate's output is called out and takes witness slot 2. */
    flat_gate *last = &fc->gates[fc->n_gates - 1];
    int old = last->out;
    for (size_t i = 0; i < fc->n_gates; i++) {
        flat_gate *g = &fc->gates[i];
        if (g->out > old)
            g->out--;
        if (g->left.var > old)
            g->left.var--;
        if (g->right.var > old)
            g->right.var--;
    }
    last->out = 2;
    fc->n_vars--;
    for (size_t v = 3; v < fc->n_vars; v++)
        snprintf(fc->names[v], FLAT_NAME_MAX, "sym_%zu", v - 2);
    return ZK_OK;
}

static void operand_text(const flat_circuit *fc, const flat_operand *o, char *buf, size_t n)
{
    if (o->var >= 0)
        snprintf(buf, n, "%s", fc->names[o->var]);
    else
        snprintf(buf, n, "%lld", (long long)o->k);
}

void flat_gate_text(const flat_circuit *fc, size_t i, char *buf, size_t n)
{
    const flat_gate *g = &fc->gates[i];
    char a[32], b[32];
    operand_text(fc, &g->left, a, sizeof a);
    operand_text(fc, &g->right, b, sizeof b);
    const char *op = g->op == FLAT_MUL ? "*" : g->op == FLAT_ADD ? "+" : "-";
    snprintf(buf, n, "%s = %s %s %s", fc->names[g->out], a, op, b);
}

static void operand_value(const flat_operand *o, const fr_t *w, fr_t *out)
{
    if (o->var >= 0) {
        *out = w[o->var];
        return;
    }
    fr_from_u64(out, o->k < 0 ? (uint64_t)0 - (uint64_t)o->k : (uint64_t)o->k);
    if (o->k < 0)
        fr_neg(out, out);
}

void flat_eval(const flat_circuit *fc, const fr_t *x, fr_t *w)
{
    fr_one(&w[0]);
    w[1] = *x;
    for (size_t i = 0; i < fc->n_gates; i++) {
        const flat_gate *g = &fc->gates[i];
        fr_t a, b;
        operand_value(&g->left, w, &a);
        operand_value(&g->right, w, &b);
        if (g->op == FLAT_MUL)
            fr_mul(&w[g->out], &a, &b);
        else if (g->op == FLAT_ADD)
            fr_add(&w[g->out], &a, &b);
        else
            fr_sub(&w[g->out], &a, &b);
    }
}

static zk_err push_operand(r1cs_lc *lc, const flat_operand *o, int64_t sign)
{
    return o->var >= 0 ? r1cs_lc_push_i64(lc, (uint32_t)o->var, sign)
                       : r1cs_lc_push_i64(lc, 0, sign * o->k);
}

zk_err flat_to_r1cs(const flat_circuit *fc, r1cs *s)
{
    r1cs_init(s);
    uint32_t first;
    zk_err err = r1cs_new_wires(s, (uint32_t)fc->n_vars - 1, &first);
    r1cs_lc a, b, c;
    r1cs_lc_init(&a);
    r1cs_lc_init(&b);
    r1cs_lc_init(&c);
    for (size_t i = 0; !err && i < fc->n_gates; i++) {
        const flat_gate *g = &fc->gates[i];
        r1cs_lc_clear(&a);
        r1cs_lc_clear(&b);
        r1cs_lc_clear(&c);
        if (g->op == FLAT_MUL) {
            err = push_operand(&a, &g->left, 1);
            if (!err)
                err = push_operand(&b, &g->right, 1);
        } else {
            /* (left ± right) · 1 = out */
            err = push_operand(&a, &g->left, 1);
            if (!err)
                err = push_operand(&a, &g->right, g->op == FLAT_ADD ? 1 : -1);
            if (!err)
                err = r1cs_lc_push_i64(&b, 0, 1);
        }
        if (!err)
            err = r1cs_lc_push_i64(&c, (uint32_t)g->out, 1);
        if (!err)
            err = r1cs_add(s, &a, &b, &c);
    }
    r1cs_lc_free(&a);
    r1cs_lc_free(&b);
    r1cs_lc_free(&c);
    return err;
}
