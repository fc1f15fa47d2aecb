/* Text read from a file someone else wrote (a proof's AIR name, ...) made
 * safe to print on a terminal.
 *
 * A crafted file can carry escape sequences that clear the screen, move the
 * cursor, set the window title or, on some terminals, answer back. Every
 * byte a terminal could act on is written as \xNN instead: C0 controls
 * (below 0x20), DEL (0x7f), the C1 controls U+0080..U+009F (which some
 * terminals obey in UTF-8 too, e.g. U+009B as CSI), and every byte that is
 * not part of well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF). A backslash becomes \\ so the escaped
 * text reads back unambiguously. Printable ASCII and well-formed UTF-8 pass
 * through unchanged. */
#ifndef ZK_CORE_TEXT_H
#define ZK_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Room for the escaped form of any len bytes, with its NUL: each byte
 * becomes at most four characters. */
#define ZK_TEXT_ESCAPED_MAX(len) (4 * (size_t)(len) + 1)

/* Writes the escaped form of in[0..len) to out (cap bytes, cap >= 1), always
 * NUL-terminated; if it does not fit, it stops before the first byte or
 * escape that would not, and never splits one. Returns the characters
 * written, without the NUL. */
size_t zk_text_escape(char *out, size_t cap, const char *in, size_t len);

/* Writes the escaped form of the string s to f, however long; with
 * keep_layout, its newlines and tabs are written as they are (a compiler's
 * diagnostics: source lines with a caret under them). */
void zk_text_write(FILE *f, const char *s, bool keep_layout);

#endif
