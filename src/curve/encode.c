/* The encodings of curve/encode.h; formats and error order are stated there. */
#include "curve/encode.h"

#include <string.h>

/* ---- shared checks ---------------------------------------------------------- */

static bool all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static zk_err g1_finish(g1_aff *r, const g1_aff *a)
{
    if (!g1_is_on_curve(a))
        return ZK_ENOTONCURVE;
    *r = *a;
    return ZK_OK;
}

static zk_err g2_finish(g2_aff *r, const g2_aff *a, bool check_subgroup)
{
    if (!g2_is_on_curve(a))
        return ZK_ENOTONCURVE;
    if (check_subgroup && !g2_is_in_subgroup_var(a))
        return ZK_ENOTINSUBGROUP;
    *r = *a;
    return ZK_OK;
}

/* ---- EIP-196 / EIP-197 ------------------------------------------------------- */

zk_err g1_decode_eip196(g1_aff *r, const uint8_t *in, size_t len)
{
    if (len != G1_EIP196_BYTES)
        return ZK_EFORMAT;
    g1_aff a;
    zk_err err;
    if ((err = fq_from_bytes_be(&a.x, in)) || (err = fq_from_bytes_be(&a.y, in + 32)))
        return err;
    a.inf = fq_is_zero(&a.x) && fq_is_zero(&a.y);   /* (0, 0) is not on the curve */
    return g1_finish(r, &a);
}

void g1_encode_eip196(uint8_t out[G1_EIP196_BYTES], const g1_aff *a)
{
    /* Infinity's coordinates are zero by the g1_aff convention; write zeros
     * anyway so that a stray value cannot leak into the encoding. */
    if (a->inf) {
        memset(out, 0, G1_EIP196_BYTES);
        return;
    }
    fq_to_bytes_be(out, &a->x);
    fq_to_bytes_be(out + 32, &a->y);
}

zk_err g2_decode_eip197(g2_aff *r, const uint8_t *in, size_t len)
{
    if (len != G2_EIP197_BYTES)
        return ZK_EFORMAT;
    g2_aff a;
    zk_err err;
    if ((err = fq_from_bytes_be(&a.x.c1, in)) || (err = fq_from_bytes_be(&a.x.c0, in + 32))
        || (err = fq_from_bytes_be(&a.y.c1, in + 64)) || (err = fq_from_bytes_be(&a.y.c0, in + 96)))
        return err;
    a.inf = fq2_is_zero(&a.x) && fq2_is_zero(&a.y);
    return g2_finish(r, &a, true);
}

void g2_encode_eip197(uint8_t out[G2_EIP197_BYTES], const g2_aff *a)
{
    if (a->inf) {
        memset(out, 0, G2_EIP197_BYTES);
        return;
    }
    fq_to_bytes_be(out, &a->x.c1);
    fq_to_bytes_be(out + 32, &a->x.c0);
    fq_to_bytes_be(out + 64, &a->y.c1);
    fq_to_bytes_be(out + 96, &a->y.c0);
}

/* ---- LEM: Montgomery form, little-endian ---------------------------------- */

/* The limbs as stored, after checking they are below q. Assembled byte by
 * byte so the code does not depend on the host's byte order. */
static zk_err lem_read(fq_t *r, const uint8_t in[32])
{
    fq_t t;
    for (int l = 0; l < 4; l++) {
        uint64_t v = 0;
        for (int b = 7; b >= 0; b--)
            v = (v << 8) | in[8 * l + b];
        t.v[l] = v;
    }
    if (u256_cmp(t.v, fq_params.p) >= 0)
        return ZK_ENONCANONICAL;
    *r = t;
    return ZK_OK;
}

static void lem_write(uint8_t out[32], const fq_t *a)
{
    for (int l = 0; l < 4; l++)
        for (int b = 0; b < 8; b++)
            out[8 * l + b] = (uint8_t)(a->v[l] >> (8 * b));
}

zk_err g1_decode_lem(g1_aff *r, const uint8_t *in, size_t len)
{
    if (len != G1_LEM_BYTES)
        return ZK_EFORMAT;
    g1_aff a;
    zk_err err;
    if ((err = lem_read(&a.x, in)) || (err = lem_read(&a.y, in + 32)))
        return err;
    a.inf = all_zero(in, G1_LEM_BYTES);
    return g1_finish(r, &a);
}

void g1_encode_lem(uint8_t out[G1_LEM_BYTES], const g1_aff *a)
{
    if (a->inf) {
        memset(out, 0, G1_LEM_BYTES);
        return;
    }
    lem_write(out, &a->x);
    lem_write(out + 32, &a->y);
}

zk_err g2_decode_lem(g2_aff *r, const uint8_t *in, size_t len, bool check_subgroup)
{
    if (len != G2_LEM_BYTES)
        return ZK_EFORMAT;
    g2_aff a;
    zk_err err;
    if ((err = lem_read(&a.x.c0, in)) || (err = lem_read(&a.x.c1, in + 32))
        || (err = lem_read(&a.y.c0, in + 64)) || (err = lem_read(&a.y.c1, in + 96)))
        return err;
    a.inf = all_zero(in, G2_LEM_BYTES);
    return g2_finish(r, &a, check_subgroup);
}

void g2_encode_lem(uint8_t out[G2_LEM_BYTES], const g2_aff *a)
{
    if (a->inf) {
        memset(out, 0, G2_LEM_BYTES);
        return;
    }
    lem_write(out, &a->x.c0);
    lem_write(out + 32, &a->x.c1);
    lem_write(out + 64, &a->y.c0);
    lem_write(out + 96, &a->y.c1);
}

/* ---- compressed (gnark-crypto's flags) -------------------------------------- */

enum {
    FLAG_MASK = 0xc0,
    FLAG_SMALLER = 0x80,
    FLAG_LARGER = 0xc0,
    FLAG_INFINITY = 0x40,
};

/* y > (q-1)/2 as canonical integers: y is the larger of ±y. */
static bool fq_is_larger(const fq_t *y)
{
    uint64_t v[4];
    fq_to_int(v, y);
    return u256_cmp(v, fq_params.p_minus_1_half) > 0;
}

static bool fq2_is_larger(const fq2_t *y)
{
    return fq_is_zero(&y->c1) ? fq_is_larger(&y->c0) : fq_is_larger(&y->c1);
}

/* The flags of in[0], and in[0..len) with them cleared in buf. An infinity
 * flag needs every other bit zero; 0b00 is the uncompressed marker in gnark,
 * not a compressed point. */
static zk_err compressed_flags(uint8_t *flag, uint8_t *buf, const uint8_t *in, size_t len)
{
    memcpy(buf, in, len);
    *flag = in[0] & FLAG_MASK;
    buf[0] &= (uint8_t)~FLAG_MASK;
    if (*flag == FLAG_INFINITY)
        return all_zero(buf, len) ? ZK_OK : ZK_EFORMAT;
    return *flag == 0 ? ZK_EFORMAT : ZK_OK;
}

zk_err g1_decode_compressed(g1_aff *r, const uint8_t *in, size_t len)
{
    if (len != G1_COMPRESSED_BYTES)
        return ZK_EFORMAT;
    uint8_t buf[G1_COMPRESSED_BYTES], flag;
    zk_err err = compressed_flags(&flag, buf, in, sizeof buf);
    if (err)
        return err;
    g1_aff a;
    if (flag == FLAG_INFINITY) {
        g1_aff_set_inf(r);
        return ZK_OK;
    }
    if ((err = fq_from_bytes_be(&a.x, buf)))
        return err;
    fq_t rhs;
    fq_sqr(&rhs, &a.x);
    fq_mul(&rhs, &rhs, &a.x);
    fq_add(&rhs, &rhs, &g1_b);
    if (fq_sqrt(&a.y, &rhs) != ZK_OK)
        return ZK_ENOTONCURVE;
    /* y = 0 is impossible here (x^3 = -3 has no root in Fq, as G1 has odd
     * order), so the two roots differ and the flag picks one. */
    if (fq_is_larger(&a.y) != (flag == FLAG_LARGER))
        fq_neg(&a.y, &a.y);
    a.inf = false;
    *r = a;
    return ZK_OK;
}

void g1_encode_compressed(uint8_t out[G1_COMPRESSED_BYTES], const g1_aff *a)
{
    if (a->inf) {
        memset(out, 0, G1_COMPRESSED_BYTES);
        out[0] = FLAG_INFINITY;
        return;
    }
    fq_to_bytes_be(out, &a->x);
    out[0] |= fq_is_larger(&a->y) ? FLAG_LARGER : FLAG_SMALLER;
}

zk_err g2_decode_compressed(g2_aff *r, const uint8_t *in, size_t len)
{
    if (len != G2_COMPRESSED_BYTES)
        return ZK_EFORMAT;
    uint8_t buf[G2_COMPRESSED_BYTES], flag;
    zk_err err = compressed_flags(&flag, buf, in, sizeof buf);
    if (err)
        return err;
    g2_aff a;
    if (flag == FLAG_INFINITY) {
        g2_aff_set_inf(r);
        return ZK_OK;
    }
    if ((err = fq_from_bytes_be(&a.x.c1, buf)) || (err = fq_from_bytes_be(&a.x.c0, buf + 32)))
        return err;
    fq2_t rhs;
    fq2_sqr(&rhs, &a.x);
    fq2_mul(&rhs, &rhs, &a.x);
    fq2_add(&rhs, &rhs, &g2_b);
    if (fq2_sqrt_var(&a.y, &rhs) != ZK_OK)
        return ZK_ENOTONCURVE;
    if (fq2_is_larger(&a.y) != (flag == FLAG_LARGER))
        fq2_neg(&a.y, &a.y);
    a.inf = false;
    return g2_finish(r, &a, true);
}

void g2_encode_compressed(uint8_t out[G2_COMPRESSED_BYTES], const g2_aff *a)
{
    if (a->inf) {
        memset(out, 0, G2_COMPRESSED_BYTES);
        out[0] = FLAG_INFINITY;
        return;
    }
    fq_to_bytes_be(out, &a->x.c1);
    fq_to_bytes_be(out + 32, &a->x.c0);
    out[0] |= fq2_is_larger(&a->y) ? FLAG_LARGER : FLAG_SMALLER;
}

/* ---- snarkjs JSON ------------------------------------------------------------ */

static cJSON *dec_string(const fq_t *a)
{
    char buf[MONT256_DEC_MAX];
    return cJSON_CreateString(fq_to_dec(buf, a));
}

/* Appends the decimal strings of n elements; false when out of memory. */
static bool append_all(cJSON *arr, const fq_t *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cJSON *s = dec_string(v[i]);
        if (!s || !cJSON_AddItemToArray(arr, s)) {
            cJSON_Delete(s);
            return false;
        }
    }
    return true;
}

cJSON *g1_to_json(const g1_aff *a)
{
    fq_t zero, one;
    fq_zero(&zero);
    fq_one(&one);
    const fq_t *v[3] = {&a->x, &a->y, &one};
    const fq_t *inf[3] = {&zero, &one, &zero};
    cJSON *arr = cJSON_CreateArray();
    if (!arr || !append_all(arr, a->inf ? inf : v, 3)) {
        cJSON_Delete(arr);
        return NULL;
    }
    return arr;
}

cJSON *g2_to_json(const g2_aff *a)
{
    fq_t zero, one;
    fq_zero(&zero);
    fq_one(&one);
    const fq_t *v[3][2] = {{&a->x.c0, &a->x.c1}, {&a->y.c0, &a->y.c1}, {&one, &zero}};
    const fq_t *inf[3][2] = {{&zero, &zero}, {&one, &zero}, {&zero, &zero}};
    cJSON *arr = cJSON_CreateArray();
    if (!arr)
        return NULL;
    for (int i = 0; i < 3; i++) {
        cJSON *pair = cJSON_CreateArray();
        if (pair && !cJSON_AddItemToArray(arr, pair)) {
            cJSON_Delete(pair);
            pair = NULL;
        }
        /* Once added, pair belongs to arr and goes with it. */
        if (!pair || !append_all(pair, a->inf ? inf[i] : v[i], 2)) {
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

/* An array of exactly n items, or NULL. */
static const cJSON *array_of(const cJSON *j, int n)
{
    return cJSON_IsArray(j) && cJSON_GetArraySize(j) == n ? j : NULL;
}

/* A decimal (or 0x-hex) string below q. */
static zk_err fq_from_json(fq_t *r, const cJSON *j)
{
    if (!cJSON_IsString(j) || !j->valuestring)
        return ZK_EFORMAT;
    zk_err err = fq_from_str(r, j->valuestring);
    return err == ZK_EPARSE ? ZK_EFORMAT : err;
}

static zk_err fq2_from_json(fq2_t *r, const cJSON *j)
{
    const cJSON *pair = array_of(j, 2);
    if (!pair)
        return ZK_EFORMAT;
    zk_err err = fq_from_json(&r->c0, cJSON_GetArrayItem(pair, 0));
    return err ? err : fq_from_json(&r->c1, cJSON_GetArrayItem(pair, 1));
}

zk_err g1_from_json(g1_aff *r, const cJSON *j)
{
    const cJSON *arr = array_of(j, 3);
    if (!arr)
        return ZK_EFORMAT;
    g1_jac p;
    zk_err err;
    if ((err = fq_from_json(&p.x, cJSON_GetArrayItem(arr, 0)))
        || (err = fq_from_json(&p.y, cJSON_GetArrayItem(arr, 1)))
        || (err = fq_from_json(&p.z, cJSON_GetArrayItem(arr, 2))))
        return err;
    /* z = 1, as snarkjs writes it, needs no inversion. */
    g1_aff a = {p.x, p.y, false};
    if (!fq_is_one(&p.z))
        g1_to_aff_var(&a, &p);
    return g1_finish(r, &a);
}

zk_err g2_from_json(g2_aff *r, const cJSON *j)
{
    const cJSON *arr = array_of(j, 3);
    if (!arr)
        return ZK_EFORMAT;
    g2_jac p;
    zk_err err;
    if ((err = fq2_from_json(&p.x, cJSON_GetArrayItem(arr, 0)))
        || (err = fq2_from_json(&p.y, cJSON_GetArrayItem(arr, 1)))
        || (err = fq2_from_json(&p.z, cJSON_GetArrayItem(arr, 2))))
        return err;
    g2_aff a = {p.x, p.y, false};
    if (!fq2_is_one(&p.z))
        g2_to_aff_var(&a, &p);
    return g2_finish(r, &a, true);
}
