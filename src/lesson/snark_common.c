/* The helpers every Part 2 SNARK action shares (actions_snark.h): the
 * lesson circuit and its witness from a lesson's parameters, the field and
 * toy curve a lesson names, vectors and points as text, a stopwatch. */
#include "lesson/actions_snark.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lesson/actions.h"
#include "lesson/action_util.h"
#include "curve/encode.h"
#include "poly/zp_poly.h"

char *lesson_snark_g1_short(char *buf, size_t size, const g1_aff *a)
{
    uint8_t b[G1_COMPRESSED_BYTES];
    g1_encode_compressed(b, a);
    return lesson_hex(buf, size, b, sizeof b);
}

double lesson_snark_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

zk_err lesson_snark_circuit(lesson_result *out, const lesson_params *p, flat_circuit *fc, r1cs *s)
{
    const char *expr = lesson_param_get(p, "expr", "x^3 + x + 5");
    char why[128];
    size_t at;
    zk_err err = flat_parse(fc, expr, why, &at);
    if (err)
        return lesson_fail(out, err, "cannot flatten '%s': %s", expr, err == ZK_EPARSE ? why :
                           zk_strerror(err));
    err = flat_to_r1cs(fc, s);
    if (err) {
        r1cs_free(s);
        return lesson_fail(out, err, "cannot build the R1CS: %s", zk_strerror(err));
    }
    return ZK_OK;
}

zk_err lesson_snark_field(lesson_result *out, const lesson_params *p, const char *fallback,
                          mpz_t modulus)
{
    const char *f = lesson_param_get(p, "field", fallback);
    if (strcmp(f, "bn254") == 0) {
        mpz_import(modulus, 4, -1, sizeof(uint64_t), 0, 0, fr_params.p);
        return ZK_OK;
    }
    char *end;
    errno = 0;
    unsigned long v = strtoul(f, &end, 10);
    if (!isdigit((unsigned char)*f) || *end || errno || v < 2 || v >= (1UL << 31))
        return lesson_fail(out, ZK_EINVAL, "field must be bn254 or a prime below 2^31, not '%s'", f);
    mpz_set_ui(modulus, v);
    if (!mpz_probab_prime_p(modulus, 30))
        return lesson_fail(out, ZK_ENOTPRIME, "field %s: %lu is not a prime", f, v);
    return ZK_OK;
}

zk_err lesson_snark_qap(lesson_result *out, const lesson_params *p, const char *field_fallback,
                        flat_circuit *fc, qap *q)
{
    mpz_t m;
    mpz_init(m);
    r1cs s;
    zk_err err = lesson_snark_field(out, p, field_fallback, m);
    if (!err)
        err = lesson_snark_circuit(out, p, fc, &s);
    if (!err) {
        err = qap_init(q, &s, m, NULL);
        r1cs_free(&s);
        if (err == ZK_EINVAL)
            lesson_fail(out, err, "F_%lu has too few points for %zu constraints",
                        mpz_get_ui(m), fc->n_gates);
        else if (err)
            lesson_fail(out, err, "cannot build the QAP: %s", zk_strerror(err));
    }
    mpz_clear(m);
    return err;
}

zk_err lesson_snark_witness(lesson_result *out, const lesson_params *p, const flat_circuit *fc,
                            const qap *q, mpz_t *w, bool *changed)
{
    uint64_t x;
    zk_err err = lesson_param_u64(out, p, "x", 3, 0, UINT64_MAX, &x);
    if (err)
        return err;
    fr_t xf, wf[FLAT_MAX_GATES + 3];
    fr_from_u64(&xf, x);
    flat_eval(fc, &xf, wf);
    qap_witness_from_fr(q, w, wf);
    *changed = false;
    const char *set = lesson_param_get(p, "set", "");
    if (!*set)
        return ZK_OK;
    const char *colon = strchr(set, ':');
    char *end = NULL;
    long long v = colon ? strtoll(colon + 1, &end, 10) : 0;
    size_t len = colon ? (size_t)(colon - set) : 0;
    for (size_t j = 0; colon && end && !*end && end != colon + 1 && j < fc->n_vars; j++)
        if (strlen(fc->names[j]) == len && strncmp(fc->names[j], set, len) == 0) {
            if (j == 0)
                return lesson_fail(out, ZK_EINVAL, "the wire 'one' is always 1");
            mpz_set_si(w[j], v);
            zp_reduce(&q->f, w[j], w[j]);
            *changed = true;
            return ZK_OK;
        }
    return lesson_fail(out, ZK_EINVAL, "set must be wire:value with a wire of the circuit "
                       "(one, x, out, sym_1, ...), not '%s'", set);
}

char *lesson_snark_vector_str(const zp_field *f, char *buf, size_t size, mpz_t *v, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used + 1 < size; i++) {
        char e[96];
        zp_show(f, e, sizeof e, v[i]);
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "[", e);
    }
    if (used + 1 < size)
        snprintf(buf + used, size - used, "]");
    return buf;
}

char *lesson_snark_toy_point_str(const toy_curve *c, char *buf, size_t size, const toy_point *pt)
{
    if (pt->inf) {
        snprintf(buf, size, "O");
        return buf;
    }
    char x[128], y[128];
    toy_elt_str(&c->F, &pt->x, x, sizeof x);
    toy_elt_str(&c->F, &pt->y, y, sizeof y);
    snprintf(buf, size, "(%s, %s)", x, y);
    return buf;
}

zk_err lesson_snark_poly_param(lesson_result *out, const lesson_params *p, const char *key,
                        const char *fallback, mpz_t **coeffs, size_t *len)
{
    const char *s = lesson_param_get(p, key, fallback);
    size_t n = 1;
    for (const char *c = s; *c; c++)
        n += *c == ',';
    if (n > 64)
        return lesson_fail(out, ZK_EINVAL, "%s: at most 64 coefficients", key);
    mpz_t *v = zp_poly_new(n);
    if (!v)
        return ZK_ENOMEM;
    const char *c = s;
    for (size_t i = 0; i < n; i++) {
        char *end;
        errno = 0;
        long long x = strtoll(c, &end, 10);
        while (*end == ' ')
            end++;
        if (end == c || errno || (*end && *end != ',')) {
            zp_poly_free(v, n);
            return lesson_fail(out, ZK_EINVAL, "%s must be whole numbers separated by commas, "
                               "the constant first (\"2,1,3\" is 3x^2 + x + 2), not '%s'", key, s);
        }
        mpz_set_si(v[i], x);
        c = *end ? end + 1 : end;
    }
    *coeffs = v;
    *len = n;
    return ZK_OK;
}

zk_err lesson_snark_toy_curve(lesson_result *out, const lesson_params *p, toy_curve *c)
{
    static const char *const names[] = {"bls6_6", "tjj13"};
    size_t which;
    zk_err err = lesson_param_choice(out, p, "curve", names, 2, &which);
    if (!err && (err = toy_curve_init(c, names[which])))
        lesson_fail(out, err, "cannot set up %s: %s", names[which], zk_strerror(err));
    return err;
}

zk_err lesson_snark_param_mod(lesson_result *out, const lesson_params *p, const char *key,
                       uint64_t fallback, const mpz_t m, mpz_t v)
{
    uint64_t x;
    zk_err err = lesson_param_u64(out, p, key, fallback, 0, UINT64_MAX, &x);
    if (!err) {
        mpz_set_ui(v, 0);
        mpz_import(v, 1, -1, sizeof x, 0, 0, &x);
        mpz_mod(v, v, m);
    }
    return err;
}
