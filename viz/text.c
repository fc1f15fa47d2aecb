#include "viz/text.h"

#include <string.h>

uint32_t viz_utf8_decode(const char *s, size_t len, size_t *used)
{
    const unsigned char *u = (const unsigned char *)s;
    *used = len ? 1 : 0;
    if (!len)
        return 0;
    if (u[0] < 0x80)
        return u[0];
    size_t n;
    uint32_t cp, min;
    if ((u[0] & 0xE0) == 0xC0) {
        n = 2, cp = u[0] & 0x1F, min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        n = 3, cp = u[0] & 0x0F, min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        n = 4, cp = u[0] & 0x07, min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if (n > len)
        return 0xFFFD;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not text. */
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *used = n;
    return cp;
}

size_t viz_utf8_encode(char out[5], uint32_t cp)
{
    size_t n;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    out[n] = '\0';
    return n;
}

/* Stand-ins chosen to keep meaning: marks stay words ("ok"), superscripts
 * become exponents ("^2"), arrows keep their direction. Sorted by code point
 * for the binary search below. */
static const struct {
    uint32_t cp;
    const char *ascii;
} fallbacks[] = {
    {0x00A0, " "},   {0x00AB, "<<"},  {0x00B1, "+-"},  {0x00B2, "^2"},  {0x00B3, "^3"},
    {0x00B7, "."},   {0x00B9, "^1"},  {0x00BB, ">>"},  {0x00D7, "x"},   {0x00E9, "e"},
    {0x00F7, "/"},   {0x0393, "Gamma"}, {0x0394, "Delta"}, {0x03A0, "Pi"},
    {0x03A3, "Sigma"}, {0x03B1, "alpha"}, {0x03B2, "beta"}, {0x03B3, "gamma"},
    {0x03B4, "delta"}, {0x03B5, "eps"}, {0x03B6, "zeta"}, {0x03B8, "theta"},
    {0x03BB, "lambda"}, {0x03BC, "mu"}, {0x03C0, "pi"}, {0x03C1, "rho"},
    {0x03C3, "sigma"}, {0x03C4, "tau"}, {0x03C6, "phi"}, {0x03C7, "chi"},
    {0x03C8, "psi"}, {0x03C9, "omega"},
    {0x2010, "-"},   {0x2011, "-"},   {0x2012, "-"},   {0x2013, "-"},   {0x2014, "--"},
    {0x2018, "'"},   {0x2019, "'"},   {0x201C, "\""},  {0x201D, "\""},  {0x2022, "*"},
    {0x2026, "..."}, {0x2070, "^0"},  {0x2074, "^4"},  {0x2075, "^5"},  {0x2076, "^6"},
    {0x2077, "^7"},  {0x2078, "^8"},  {0x2079, "^9"},  {0x207A, "^+"},  {0x207B, "^-"},
    {0x2080, "_0"},  {0x2081, "_1"},  {0x2082, "_2"},  {0x2083, "_3"},  {0x2084, "_4"},
    {0x2090, "_a"},  {0x2091, "_e"},  {0x2099, "_n"},
    {0x2190, "<-"},  {0x2191, "^"},   {0x2192, "->"},  {0x2193, "v"},   {0x2194, "<->"},
    {0x21AA, ">"},   {0x21D2, "=>"},  {0x21D4, "<=>"}, {0x2200, "for all"}, {0x2203, "exists"},
    {0x2208, " in "}, {0x2211, "sum"}, {0x2212, "-"},  {0x2218, "o"},   {0x221A, "sqrt"},
    {0x221E, "inf"}, {0x2227, "and"}, {0x2228, "or"},  {0x2248, "~"},   {0x2260, "!="},
    {0x2261, "=="},  {0x2264, "<="},  {0x2265, ">="},  {0x2295, "(+)"}, {0x22C5, "."},
    {0x2500, "-"},   {0x2502, "|"},   {0x250C, "+"},   {0x2510, "+"},   {0x2514, "+"},
    {0x2518, "+"},   {0x251C, "+"},   {0x2524, "+"},   {0x252C, "+"},   {0x2534, "+"},
    {0x253C, "+"},   {0x2550, "="},   {0x2551, "|"},   {0x2580, "\""},  {0x2581, "_"},
    {0x2582, "_"},   {0x2583, "="},   {0x2584, "="},   {0x2585, "#"},   {0x2586, "#"},
    {0x2587, "#"},   {0x2588, "#"},   {0x258F, "|"},   {0x2591, "."},   {0x2592, ":"},
    {0x2593, "%"},   {0x25A0, "#"},   {0x25A1, "o"},   {0x25B2, "^"},   {0x25B6, ">"},
    {0x25B8, ">"},   {0x25BC, "v"},   {0x25BE, "v"},
    {0x25C0, "<"},   {0x25C6, "+"},   {0x25CB, "o"},   {0x25CF, "*"},   {0x25E6, "o"},   {0x2713, "ok"},
    {0x2714, "ok"},  {0x2717, "XX"},  {0x2718, "XX"},  {0xFFFD, "?"},
};

const char *viz_ascii_fallback(uint32_t cp)
{
#define A1(c) {(char)(c), 0}
#define A4(c) A1(c), A1((c) + 1), A1((c) + 2), A1((c) + 3)
#define A16(c) A4(c), A4((c) + 4), A4((c) + 8), A4((c) + 12)
    static const char ascii[128][2] = {A16(0), A16(16), A16(32), A16(48),
                                       A16(64), A16(80), A16(96), A16(112)};
#undef A16
#undef A4
#undef A1
    if (cp < 0x80)
        return ascii[cp];
    /* Braille patterns (dot plots) degrade to a dot. */
    if (cp >= 0x2800 && cp <= 0x28FF)
        return cp == 0x2800 ? " " : ".";
    size_t lo = 0, hi = sizeof fallbacks / sizeof fallbacks[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (fallbacks[mid].cp == cp)
            return fallbacks[mid].ascii;
        if (fallbacks[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return "?";
}

size_t viz_text_width(const char *s, size_t len, bool ascii)
{
    size_t w = 0;
    while (len) {
        size_t used;
        uint32_t cp = viz_utf8_decode(s, len, &used);
        w += ascii && cp >= 0x80 ? strlen(viz_ascii_fallback(cp)) : 1;
        s += used;
        len -= used;
    }
    return w;
}
