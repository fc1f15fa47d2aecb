/* Field elements to and from bytes and text. Reading is strict: a value that
 * is not below the modulus is refused rather than reduced, because a
 * non-canonical encoding in a proof or key file means the file is wrong. */
#include "field/mont256.h"

#include <string.h>

int u256_cmp(const uint64_t a[4], const uint64_t b[4])
{
    for (int i = 3; i >= 0; i--) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

/* r = r·mul + add; returns the carry out of the top limb. */
static uint64_t u256_mul_add(uint64_t r[4], uint64_t mul, uint64_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < 4; i++) {
        zk_u128 t = (zk_u128)r[i] * mul + carry;
        r[i] = (uint64_t)t;
        carry = (uint64_t)(t >> 64);
    }
    return carry;
}

/* Digits are checked before any arithmetic, so junk anywhere is ZK_EPARSE
 * even when the digits before it are already too large. */
zk_err u256_from_dec(uint64_t r[4], const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return ZK_EPARSE;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return ZK_EPARSE;
    }
    uint64_t x[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        if (u256_mul_add(x, 10, (uint64_t)(s[i] - '0')) != 0)
            return ZK_ENONCANONICAL;   /* >= 2^256, so >= any modulus */
    }
    memcpy(r, x, 32);
    return ZK_OK;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

zk_err u256_from_hex(uint64_t r[4], const char *s)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    size_t n = strlen(s);
    if (n == 0)
        return ZK_EPARSE;
    for (size_t i = 0; i < n; i++) {
        if (hex_digit(s[i]) < 0)
            return ZK_EPARSE;
    }
    while (n > 1 && *s == '0') {   /* leading zeros do not count against the width */
        s++;
        n--;
    }
    if (n > 64)
        return ZK_ENONCANONICAL;
    uint64_t x[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        size_t bit = 4 * (n - 1 - i);
        x[bit / 64] |= (uint64_t)hex_digit(s[i]) << (bit % 64);
    }
    memcpy(r, x, 32);
    return ZK_OK;
}

static zk_err from_int_checked(uint64_t r[4], const uint64_t x[4], const mont256 *m)
{
    if (u256_cmp(x, m->p) >= 0)
        return ZK_ENONCANONICAL;
    mont256_from_int(r, x, m);
    return ZK_OK;
}

zk_err mont256_from_dec(uint64_t r[4], const char *s, const mont256 *m)
{
    uint64_t x[4];
    zk_err err = u256_from_dec(x, s);
    return err ? err : from_int_checked(r, x, m);
}

zk_err mont256_from_hex(uint64_t r[4], const char *s, const mont256 *m)
{
    uint64_t x[4];
    if (!(s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
        return ZK_EPARSE;
    zk_err err = u256_from_hex(x, s);
    return err ? err : from_int_checked(r, x, m);
}

zk_err mont256_from_str(uint64_t r[4], const char *s, const mont256 *m)
{
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return mont256_from_hex(r, s, m);
    return mont256_from_dec(r, s, m);
}

zk_err mont256_from_bytes_be(uint64_t r[4], const uint8_t in[32], const mont256 *m)
{
    uint64_t x[4] = {0, 0, 0, 0};
    for (int i = 0; i < 32; i++)
        x[3 - i / 8] |= (uint64_t)in[i] << (8 * (7 - i % 8));
    return from_int_checked(r, x, m);
}

zk_err mont256_from_bytes_le(uint64_t r[4], const uint8_t in[32], const mont256 *m)
{
    uint64_t x[4] = {0, 0, 0, 0};
    for (int i = 0; i < 32; i++)
        x[i / 8] |= (uint64_t)in[i] << (8 * (i % 8));
    return from_int_checked(r, x, m);
}

void mont256_to_bytes_be(uint8_t out[32], const uint64_t a[4], const mont256 *m)
{
    uint64_t x[4];
    mont256_to_int(x, a, m);
    for (int i = 0; i < 32; i++)
        out[i] = (uint8_t)(x[3 - i / 8] >> (8 * (7 - i % 8)));
}

void mont256_to_bytes_le(uint8_t out[32], const uint64_t a[4], const mont256 *m)
{
    uint64_t x[4];
    mont256_to_int(x, a, m);
    for (int i = 0; i < 32; i++)
        out[i] = (uint8_t)(x[i / 8] >> (8 * (i % 8)));
}

char *mont256_to_dec(char out[MONT256_DEC_MAX], const uint64_t a[4], const mont256 *m)
{
    uint64_t x[4];
    char rev[MONT256_DEC_MAX];
    size_t n = 0;
    mont256_to_int(x, a, m);
    /* Peel off 19 decimal digits at a time: 10^19 < 2^64. */
    const uint64_t chunk = 10000000000000000000u;
    do {
        uint64_t rem = 0;
        for (int i = 3; i >= 0; i--) {
            zk_u128 cur = ((zk_u128)rem << 64) | x[i];
            x[i] = (uint64_t)(cur / chunk);
            rem = (uint64_t)(cur % chunk);
        }
        bool more = (x[0] | x[1] | x[2] | x[3]) != 0;
        for (int d = 0; d < 19 && (more || rem != 0 || d == 0); d++) {
            rev[n++] = (char)('0' + rem % 10);
            rem /= 10;
        }
    } while ((x[0] | x[1] | x[2] | x[3]) != 0);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
    return out;
}

char *mont256_to_hex(char out[MONT256_HEX_MAX], const uint64_t a[4], const mont256 *m)
{
    static const char digits[] = "0123456789abcdef";
    uint64_t x[4];
    mont256_to_int(x, a, m);
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 64; i++) {
        size_t bit = 4 * (63 - (size_t)i);
        out[2 + i] = digits[(x[bit / 64] >> (bit % 64)) & 15];
    }
    out[66] = '\0';
    return out;
}
