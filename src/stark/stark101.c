#include "stark/stark101.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "poly/f101_poly.h"

/* str(FieldElement) in the tutorial: the shorter of the value and its
 * negative, so an element above p/2 prints as a negative number. */
static int s101_str(char *out, size_t cap, f101_t v)
{
    if (v > F101_P / 2)
        return snprintf(out, cap, "-%llu", (unsigned long long)(F101_P - v));
    return snprintf(out, cap, "%llu", (unsigned long long)v);
}

/* ---- channel ----------------------------------------------------------------- */

static void sha_hex(char out[2 * HASH_BYTES + 1], const void *data, size_t len)
{
    hash_digest d;
    hash_sha256(&d, data, len);
    hash_to_hex(out, &d);
}

void s101_channel_init(s101_channel *ch)
{
    strcpy(ch->state, "0");
}

void s101_channel_send(s101_channel *ch, const char *s)
{
    size_t a = strlen(ch->state), b = strlen(s);
    char *buf = zk_alloc(a + b + 1, 1);
    if (!buf)
        return;
    memcpy(buf, ch->state, a);
    memcpy(buf + a, s, b);
    sha_hex(ch->state, buf, a + b);
    zk_free(buf);
}

uint64_t s101_channel_int(s101_channel *ch, uint64_t lo, uint64_t hi)
{
    /* int(state, 16) mod m, digit by digit: m < 2^33 keeps r·16 + 15 in range. */
    uint64_t m = hi - lo + 1, r = 0;
    for (const char *p = ch->state; *p; p++) {
        unsigned d = (unsigned)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
        r = (r * 16 + d) % m;
    }
    sha_hex(ch->state, ch->state, strlen(ch->state));
    return lo + r;
}

f101_t s101_channel_field(s101_channel *ch)
{
    return (f101_t)s101_channel_int(ch, 0, F101_P - 1);
}

/* ---- Merkle tree -------------------------------------------------------------- */

zk_err s101_tree_build(s101_tree *t, const f101_t *data, size_t n)
{
    t->n = n;
    t->node = zk_alloc(2 * n, sizeof *t->node);
    if (!t->node)
        return ZK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        char s[24];
        int len = s101_str(s, sizeof s, data[i]);
        sha_hex(t->node[n + i], s, (size_t)len);
    }
    for (size_t i = n; i-- > 1;) {
        char buf[4 * HASH_BYTES];
        memcpy(buf, t->node[2 * i], 2 * HASH_BYTES);
        memcpy(buf + 2 * HASH_BYTES, t->node[2 * i + 1], 2 * HASH_BYTES);
        sha_hex(t->node[i], buf, sizeof buf);
    }
    return ZK_OK;
}

void s101_tree_free(s101_tree *t)
{
    zk_free(t->node);
    t->node = NULL;
}

void s101_tree_path_str(const s101_tree *t, size_t i, char *out)
{
    unsigned height = 0;
    while (((size_t)1 << height) < t->n)
        height++;
    size_t node = t->n + i;
    char *o = out;
    *o++ = '[';
    for (unsigned l = 1; l <= height; l++) {
        if (l > 1) {
            *o++ = ',';
            *o++ = ' ';
        }
        *o++ = '\'';
        memcpy(o, t->node[(node >> (height - l)) ^ 1], 2 * HASH_BYTES);
        o += 2 * HASH_BYTES;
        *o++ = '\'';
    }
    *o++ = ']';
    *o = 0;
}

void s101_hash_list(char out[2 * HASH_BYTES + 1], const f101_t *v, size_t n, bool serialize)
{
    char *buf = zk_alloc(n * 12 + 1, 1);
    if (!buf) {
        out[0] = 0;
        return;
    }
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf[len++] = ',';
        len += (size_t)(serialize ? snprintf(buf + len, 12, "%llu", (unsigned long long)v[i])
                                  : s101_str(buf + len, 12, v[i]));
    }
    sha_hex(out, buf, len);
    zk_free(buf);
}

/* ---- parts 1 and 2 ------------------------------------------------------------ */

zk_err s101_eval_domain(const f101_t *coeffs, size_t len, f101_t out[S101_DOMAIN])
{
    f101_domain d;
    zk_err err = f101_domain_init(&d, 13);
    if (err)
        return err;
    memset(out, 0, S101_DOMAIN * sizeof *out);
    memcpy(out, coeffs, len * sizeof *coeffs);
    f101_t w = F101_GENERATOR;
    f101_coset_ntt(&d, out, &w);
    f101_domain_free(&d);
    return ZK_OK;
}

zk_err s101_part1(s101 *s)
{
    memset(s, 0, sizeof *s);
    s->a[0] = 1;
    s->a[1] = S101_SECRET;
    for (size_t i = 2; i < S101_TRACE; i++)
        s->a[i] = f101_add(f101_mul(s->a[i - 2], s->a[i - 2]), f101_mul(s->a[i - 1], s->a[i - 1]));
    s->w = F101_GENERATOR;
    s->g = f101_pow(s->w, 3u << 20);
    s->h = f101_pow(s->w, (3ull << 30) / S101_DOMAIN);
    f101_t xs[S101_TRACE];
    xs[0] = 1;
    for (size_t i = 1; i < S101_TRACE; i++)
        xs[i] = f101_mul(xs[i - 1], s->g);
    zk_err err = f101_poly_interpolate(s->f, xs, s->a, S101_TRACE);
    if (!err)
        err = s101_eval_domain(s->f, S101_TRACE, s->f_eval);
    if (!err)
        err = s101_tree_build(&s->f_tree, s->f_eval, S101_DOMAIN);
    if (err)
        return err;
    s101_channel_init(&s->ch);
    s101_channel_send(&s->ch, s->f_tree.node[1]);
    return ZK_OK;
}

/* q = p/(x - a) for p of len coefficients with p(a) = 0 (synthetic division). */
static void div_linear(f101_t *q, const f101_t *p, size_t len, f101_t a)
{
    f101_t carry = 0;
    for (size_t k = len; k-- > 1;) {
        carry = f101_add(p[k], f101_mul(a, carry));
        q[k - 1] = carry;
    }
}

/* out = a·b (la + lb - 1 coefficients) with 4096-point NTTs; la + lb <= 4097. */
static zk_err mul_ntt(f101_t *out, const f101_t *a, size_t la, const f101_t *b, size_t lb)
{
    f101_domain d;
    zk_err err = f101_domain_init(&d, 12);
    if (err)
        return err;
    size_t n = d.n;
    f101_t *x = zk_calloc(n, sizeof *x), *y = zk_calloc(n, sizeof *y);
    if (!x || !y) {
        zk_free(x);
        zk_free(y);
        f101_domain_free(&d);
        return ZK_ENOMEM;
    }
    memcpy(x, a, la * sizeof *a);
    memcpy(y, b, lb * sizeof *b);
    f101_ntt(&d, x);
    f101_ntt(&d, y);
    for (size_t i = 0; i < n; i++)
        x[i] = f101_mul(x[i], y[i]);
    f101_intt(&d, x);
    memcpy(out, x, (la + lb - 1) * sizeof *out);
    zk_free(x);
    zk_free(y);
    f101_domain_free(&d);
    return ZK_OK;
}

void s101_cp_from(const s101 *s, s101_channel *ch, f101_t cp[S101_GROUP])
{
    f101_t a0 = s101_channel_field(ch), a1 = s101_channel_field(ch), a2 = s101_channel_field(ch);
    for (size_t i = 0; i < S101_GROUP; i++)
        cp[i] = f101_add(f101_add(f101_mul(a0, s->p0[i]), f101_mul(a1, s->p1[i])),
                         f101_mul(a2, s->p2[i]));
}

zk_err s101_part2(s101 *s)
{
    /* p0 = (f - 1)/(x - 1), p1 = (f - 2338775057)/(x - g^1022). */
    f101_t num[S101_GROUP];
    memcpy(num, s->f, sizeof num);
    num[0] = f101_sub(num[0], 1);
    div_linear(s->p0, num, S101_TRACE, 1);
    memcpy(num, s->f, sizeof num);
    num[0] = f101_sub(num[0], S101_RESULT);
    div_linear(s->p1, num, S101_TRACE, f101_pow(s->g, 1022));

    /* p2 = (f(g²x) - f(gx)² - f(x)²)·(x - g^1021)(x - g^1022)(x - g^1023)
     *      / (x^1024 - 1), which is the tutorial's quotient by
     *      (x^1024 - 1)/((x - g^1021)(x - g^1022)(x - g^1023)). */
    f101_t fg[S101_TRACE], fg2[S101_TRACE], gp = 1, gp2 = 1, g2 = f101_mul(s->g, s->g);
    for (size_t i = 0; i < S101_TRACE; i++) {
        fg[i] = f101_mul(s->f[i], gp);
        fg2[i] = f101_mul(s->f[i], gp2);
        gp = f101_mul(gp, s->g);
        gp2 = f101_mul(gp2, g2);
    }
    size_t nl = 2 * S101_TRACE - 1;   /* 2045 coefficients */
    f101_t *sq1 = zk_alloc(nl, sizeof *sq1), *sq2 = zk_alloc(nl, sizeof *sq2);
    f101_t *numer = zk_calloc(nl + 3, sizeof *numer), *prod = zk_calloc(2 * S101_GROUP, sizeof *prod);
    zk_err err = ZK_ENOMEM;
    if (!sq1 || !sq2 || !numer || !prod)
        goto out;
    if ((err = mul_ntt(sq1, fg, S101_TRACE, fg, S101_TRACE)) ||
        (err = mul_ntt(sq2, s->f, S101_TRACE, s->f, S101_TRACE)))
        goto out;
    for (size_t i = 0; i < nl; i++)
        numer[i] = f101_sub(f101_sub(i < S101_TRACE ? fg2[i] : 0, sq1[i]), sq2[i]);
    /* × (x - r) for the three exempt points. */
    size_t len = nl;
    for (unsigned e = 1021; e <= 1023; e++) {
        f101_t r = f101_pow(s->g, e);
        for (size_t k = len; k > 0; k--)
            numer[k] = f101_sub(numer[k - 1], f101_mul(r, numer[k]));
        numer[0] = f101_sub(0, f101_mul(r, numer[0]));
        len++;
    }
    bool exact;
    f101_poly_div_vanishing(prod, numer, len, S101_GROUP, &exact);
    if (!exact) {
        err = ZK_EINVAL;
        goto out;
    }
    memcpy(s->p2, prod, S101_GROUP * sizeof *prod);
    /* The session's CP (tutorial_sessions.part2()), alphas from the
     * tutorial's channel. Its third quotient divides by (1 - x^1024)/(...),
     * the negative of the notebook's denominator, so it enters as -p2; the
     * notebook's own get_CP uses +p2 (s101_cp_from). */
    for (size_t k = 0; k < 3; k++)
        s->alpha[k] = s101_channel_field(&s->ch);
    for (size_t i = 0; i < S101_GROUP; i++)
        s->cp[i] = f101_sub(f101_add(f101_mul(s->alpha[0], s->p0[i]), f101_mul(s->alpha[1], s->p1[i])),
                            f101_mul(s->alpha[2], s->p2[i]));
    if ((err = s101_eval_domain(s->cp, S101_GROUP, s->cp_eval)) ||
        (err = s101_tree_build(&s->cp_tree, s->cp_eval, S101_DOMAIN)))
        goto out;
    s101_channel_send(&s->ch, s->cp_tree.node[1]);
out:
    zk_free(sq1);
    zk_free(sq2);
    zk_free(numer);
    zk_free(prod);
    return err;
}

void s101_free(s101 *s)
{
    s101_tree_free(&s->f_tree);
    s101_tree_free(&s->cp_tree);
}

/* ---- part 3: FRI -------------------------------------------------------------- */

size_t s101_fold_poly(f101_t *out, const f101_t *p, size_t len, f101_t beta)
{
    size_t half = (len + 1) / 2;
    for (size_t i = 0; i < half; i++) {
        f101_t even = p[2 * i], odd = 2 * i + 1 < len ? p[2 * i + 1] : 0;
        out[i] = f101_add(even, f101_mul(beta, odd));
    }
    while (half > 0 && out[half - 1] == 0)
        half--;
    return half;
}

void s101_fri_free(s101_fri *fr)
{
    for (size_t i = 0; i < S101_LAYERS; i++) {
        if (i > 0) {
            zk_free(fr->poly[i]);
            zk_free(fr->layer[i]);
        }
        s101_tree_free(&fr->tree[i]);
    }
    memset(fr, 0, sizeof *fr);
}

static size_t degree_len(const f101_t *p, size_t len)
{
    while (len > 0 && p[len - 1] == 0)
        len--;
    return len;
}

zk_err s101_fri_commit(s101_fri *fr, const f101_t *cp, const f101_t *cp_eval, s101_channel *ch)
{
    memset(fr, 0, sizeof *fr);
    /* Layer 0 is CP itself (borrowed, not copied). */
    fr->poly[0] = (f101_t *)cp;
    fr->poly_len[0] = degree_len(cp, S101_GROUP);
    fr->layer[0] = (f101_t *)cp_eval;
    fr->size[0] = S101_DOMAIN;
    fr->offset[0] = F101_GENERATOR;
    fr->n_layers = 1;
    zk_err err = s101_tree_build(&fr->tree[0], cp_eval, S101_DOMAIN);
    /* while deg > 0: degree 0 means at most one coefficient. */
    while (!err && fr->poly_len[fr->n_layers - 1] > 1 && fr->n_layers < S101_LAYERS) {
        size_t i = fr->n_layers;
        f101_t beta = s101_channel_field(ch);
        fr->beta[i] = beta;
        size_t n = fr->size[i - 1] / 2;
        fr->poly[i] = zk_calloc(fr->poly_len[i - 1] / 2 + 1, sizeof(f101_t));
        fr->layer[i] = zk_calloc(n, sizeof(f101_t));
        if (!fr->poly[i] || !fr->layer[i]) {
            err = ZK_ENOMEM;
            break;
        }
        fr->poly_len[i] = s101_fold_poly(fr->poly[i], fr->poly[i - 1], fr->poly_len[i - 1], beta);
        fr->size[i] = n;
        fr->offset[i] = f101_mul(fr->offset[i - 1], fr->offset[i - 1]);
        /* Evaluate on the squared half domain: an NTT on offset·<h^(2^i)>. */
        unsigned log_n = 0;
        while (((size_t)1 << log_n) < n)
            log_n++;
        f101_domain d;
        if ((err = f101_domain_init(&d, log_n)))
            break;
        memcpy(fr->layer[i], fr->poly[i], fr->poly_len[i] * sizeof(f101_t));
        f101_coset_ntt(&d, fr->layer[i], &fr->offset[i]);
        f101_domain_free(&d);
        if ((err = s101_tree_build(&fr->tree[i], fr->layer[i], n)))
            break;
        fr->n_layers++;
        s101_channel_send(ch, fr->tree[i].node[1]);
    }
    if (err)
        return err;
    char s[24];
    f101_t c = fr->poly_len[fr->n_layers - 1] ? fr->poly[fr->n_layers - 1][0] : 0;
    s101_str(s, sizeof s, c);
    s101_channel_send(ch, s);
    return ZK_OK;
}

/* ---- part 4: decommitment ------------------------------------------------------ */

static zk_err send_value_and_path(s101_channel *ch, const f101_t *layer, const s101_tree *t,
                                  size_t idx)
{
    char v[24], *path = zk_alloc(70 * 16 + 4, 1);
    if (!path)
        return ZK_ENOMEM;
    s101_str(v, sizeof v, layer[idx]);
    s101_tree_path_str(t, idx, path);
    s101_channel_send(ch, v);
    s101_channel_send(ch, path);
    zk_free(path);
    return ZK_OK;
}

zk_err s101_decommit_fri_layers(const s101_fri *fr, size_t idx, s101_channel *ch)
{
    zk_err err = ZK_OK;
    for (size_t i = 0; i + 1 < fr->n_layers && !err; i++) {
        size_t len = fr->size[i];
        idx %= len;
        size_t sib = (idx + len / 2) % len;
        if (!(err = send_value_and_path(ch, fr->layer[i], &fr->tree[i], idx)))
            err = send_value_and_path(ch, fr->layer[i], &fr->tree[i], sib);
    }
    if (err)
        return err;
    char v[24];
    s101_str(v, sizeof v, fr->layer[fr->n_layers - 1][0]);
    s101_channel_send(ch, v);
    return ZK_OK;
}

zk_err s101_decommit_query(const s101 *s, const s101_fri *fr, size_t idx, s101_channel *ch)
{
    if (idx + 16 >= S101_DOMAIN)
        return ZK_EINVAL;   /* the tutorial asserts idx + 16 < len(f_eval) */
    zk_err err = ZK_OK;
    for (size_t k = 0; k < 3 && !err; k++)
        err = send_value_and_path(ch, s->f_eval, &s->f_tree, idx + 8 * k);
    return err ? err : s101_decommit_fri_layers(fr, idx, ch);
}

zk_err s101_decommit(const s101 *s, const s101_fri *fr, s101_channel *ch, size_t q[3])
{
    for (size_t k = 0; k < 3; k++) {
        q[k] = (size_t)s101_channel_int(ch, 0, S101_DOMAIN - 1 - 16);
        zk_err err = s101_decommit_query(s, fr, q[k], ch);
        if (err)
            return err;
    }
    return ZK_OK;
}
