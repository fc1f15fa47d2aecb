/* Escaping untrusted text for a terminal (core/text.h). */
#include "core/text.h"

#include <stdbool.h>
#include <string.h>

/* The length of the well-formed UTF-8 sequence of two or more bytes at
 * s[0..len), or 0 when s[0] does not start one. The ranges are RFC 3629's
 * table: the second byte's range excludes overlong forms (after E0, F0),
 * surrogates (after ED) and code points above U+10FFFF (after F4). */
static size_t utf8_multibyte(const unsigned char *s, size_t len)
{
    unsigned char b = s[0], lo = 0x80, hi = 0xBF;
    size_t n;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED)
            hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

size_t zk_text_escape(char *out, size_t cap, const char *in, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)in;
    size_t w = 0, i = 0;
    while (i < len) {
        char piece[4];
        size_t plen = 0, used = 1;
        size_t mb = s[i] >= 0x80 ? utf8_multibyte(s + i, len - i) : 0;
        /* U+0080..U+009F are C2 80..C2 9F: C1 controls, escaped byte by byte. */
        bool c1 = mb == 2 && s[i] == 0xC2 && s[i + 1] < 0xA0;
        if (mb && !c1) {
            memcpy(piece, s + i, mb);
            plen = used = mb;
        } else if (s[i] == '\\') {
            piece[0] = piece[1] = '\\';
            plen = 2;
        } else if (s[i] >= 0x20 && s[i] < 0x7F) {
            piece[0] = (char)s[i];
            plen = 1;
        } else {
            piece[0] = '\\';
            piece[1] = 'x';
            piece[2] = hex[s[i] >> 4];
            piece[3] = hex[s[i] & 15];
            plen = 4;
        }
        if (w + plen + 1 > cap)
            break;
        memcpy(out + w, piece, plen);
        w += plen;
        i += used;
    }
    out[w] = 0;
    return w;
}

void zk_text_write(FILE *f, const char *s, bool keep_layout)
{
    char piece[ZK_TEXT_ESCAPED_MAX(256)];
    while (*s) {
        size_t n = keep_layout ? strcspn(s, "\n\t") : strlen(s);
        /* Long runs in slices, each ending before a UTF-8 continuation
         * byte, so that no character is cut and escaped byte by byte. */
        for (size_t done = 0; done < n;) {
            size_t take = n - done < 256 ? n - done : 256;
            while (take > 252 && done + take < n && ((unsigned char)s[done + take] & 0xC0) == 0x80)
                take--;
            zk_text_escape(piece, sizeof piece, s + done, take);
            fputs(piece, f);
            done += take;
        }
        s += n;
        if (*s)
            fputc(*s++, f);
    }
}
