#include "core/hex.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

/* The number of digits, or -1 if some character is not a hex digit. Checked
 * here so that bad text gets ZK_EPARSE and too much text ZK_EOVERFLOW;
 * libsodium then does the conversion. */
static long digits_of(const char *hex)
{
    size_t n = strlen(hex);
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)hex[i]))
            return -1;
    return (long)n;
}

zk_err zk_hex_decode(uint8_t *out, size_t cap, size_t *len, const char *hex)
{
    *len = 0;
    if (!hex)
        return ZK_EINVAL;
    long n = digits_of(hex);
    if (n < 0 || n % 2)
        return ZK_EPARSE;
    if ((size_t)n / 2 > cap)
        return ZK_EOVERFLOW;
    if (n > 0 && sodium_hex2bin(out, cap, hex, (size_t)n, NULL, len, NULL) != 0)
        return ZK_EPARSE;
    return ZK_OK;
}

zk_err zk_hex_decode_exact(uint8_t *out, size_t n, const char *hex)
{
    if (!hex)
        return ZK_EINVAL;
    long digits = digits_of(hex);
    if (digits < 0)
        return ZK_EPARSE;
    if ((size_t)digits != 2 * n)
        return ZK_EINVAL;
    size_t len;
    return zk_hex_decode(out, n, &len, hex);
}

char *zk_hex_encode(char *out, const uint8_t *in, size_t n)
{
    return sodium_bin2hex(out, 2 * n + 1, in, n);
}
