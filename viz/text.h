/* Text for fixed-width cells: UTF-8 decoding and ASCII fallbacks.
 *
 * Every code point zkcave draws takes exactly one terminal column (box
 * drawing, check marks, block elements, Greek letters, math signs); no
 * double-width characters are used. When the locale cannot show UTF-8 each
 * code point is replaced by a short ASCII stand-in ("✔" → "ok", "─" → "-",
 * "²" → "^2"), so widths are measured after that replacement. */
#ifndef ZK_VIZ_TEXT_H
#define ZK_VIZ_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Decodes one code point from s[0..len); stores its byte length in *used
 * (at least 1 when len > 0). Malformed or truncated sequences decode as
 * U+FFFD one byte at a time, so any byte string can be walked safely. */
uint32_t viz_utf8_decode(const char *s, size_t len, size_t *used);

/* Encodes cp into out (at least 5 bytes), NUL-terminated; returns the length. */
size_t viz_utf8_encode(char out[5], uint32_t cp);

/* The ASCII stand-in for a code point (never NULL; "?" when unknown). ASCII
 * itself maps to a one-character string. */
const char *viz_ascii_fallback(uint32_t cp);

/* Columns the NUL-free text s[0..len) takes, with ASCII stand-ins when ascii. */
size_t viz_text_width(const char *s, size_t len, bool ascii);

#endif
