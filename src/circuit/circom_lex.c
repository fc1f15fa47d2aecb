/* The Circom lexer: identifiers, numbers (decimal or 0x hex, reduced modulo
 * r as Circom does), string literals, punctuation, comments skipped. */
#include <gmp.h>
#include <string.h>

#include "circuit/circom_front.h"
#include "core/alloc.h"

static const char *const keywords[] = {
    "signal", "input", "output", "var", "component", "template", "function", "include",
    "pragma", "main", "public", "if", "else", "for", "while", "return", "log", "assert",
    "parallel", "custom", "bus",
};

/* Longest first, so that a prefix never wins over a longer operator. */
static const char *const puncts[] = {
    "<==", "==>", "<--", "-->", "===", "**=", "<<=", ">>=",
    "\\=", "==", "!=", "<=", ">=", "&&", "||", "<<", ">>", "**", "++", "--",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "+", "-", "*", "/", "\\", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", ";",
    ",", ".", "(", ")", "[", "]", "{", "}",
};

static zk_err push(circom_toks *t, const circom_tok *tok)
{
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 1024;
        circom_tok *p = zk_realloc(t->t, cap, sizeof *p);
        if (!p)
            return ZK_ENOMEM;
        t->t = p;
        t->cap = cap;
    }
    t->t[t->n++] = *tok;
    return ZK_OK;
}

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_hex(char ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* The literal text[0..n) in base (10 or 16) modulo r. */
static void number_mod_r(fr_t *out, const char *text, size_t n, int base)
{
    char buf[128];
    char *s = n < sizeof buf ? buf : zk_alloc(n + 1, 1);
    mpz_t x, p;
    mpz_inits(x, p, NULL);
    if (s) {
        memcpy(s, text, n);
        s[n] = 0;
        if (n == 0 || mpz_set_str(x, s, base) != 0)
            mpz_set_ui(x, 0);
    }
    mpz_import(p, 4, -1, sizeof(uint64_t), 0, 0, fr_params.p);
    mpz_mod(x, x, p);
    uint64_t limbs[4] = {0, 0, 0, 0};
    size_t count = 0;
    mpz_export(limbs, &count, -1, sizeof(uint64_t), 0, 0, x);
    fr_from_int(out, limbs);
    mpz_clears(x, p, NULL);
    if (s && s != buf)
        zk_free(s);
}

zk_err circom_lex(circom_ctx *c, uint32_t file_id, circom_toks *out)
{
    const char *src = c->src[file_id].text;
    size_t len = c->src[file_id].len, i = 0;
    uint32_t line = 1, col = 1;
    zk_err err;
    while (i < len) {
        char ch = src[i];
        if (ch == '\n') {
            i++, line++, col = 1;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
            i++, col++;
            continue;
        }
        if (ch == '/' && i + 1 < len && src[i + 1] == '/') {
            while (i < len && src[i] != '\n')
                i++;
            continue;
        }
        if (ch == '/' && i + 1 < len && src[i + 1] == '*') {
            circom_loc start = {file_id, line, col, 2};
            i += 2, col += 2;
            while (i < len && !(src[i] == '*' && i + 1 < len && src[i + 1] == '/')) {
                if (src[i] == '\n')
                    line++, col = 1;
                else
                    col++;
                i++;
            }
            if (i >= len)
                return circom_error(c, &start, "comment is never closed (missing */)");
            i += 2, col += 2;
            continue;
        }
        circom_tok tok;
        memset(&tok, 0, sizeof tok);
        tok.loc = (circom_loc){file_id, line, col, 1};
        size_t start = i;
        if (is_alpha(ch) || ch == '_' || ch == '$') {
            while (i < len && (src[i] == '_' || src[i] == '$'))
                i++;
            if (i < len && is_alpha(src[i])) {
                while (i < len && (is_alpha(src[i]) || is_digit(src[i]) || src[i] == '_' ||
                                   src[i] == '$'))
                    i++;
            } else if (i - start != 1 || ch != '_') {
                tok.loc.len = (uint32_t)(i - start);
                return circom_error(c, &tok.loc, "malformed identifier: a name needs a letter");
            }
            tok.kind = CIRCOM_T_IDENT;
            tok.text = circom_intern(c, src + start, i - start);
            if (!tok.text)
                return ZK_ENOMEM;
            for (size_t k = 0; k < ZK_ARRAY_LEN(keywords); k++)
                if (strcmp(tok.text, keywords[k]) == 0)
                    tok.kind = CIRCOM_T_KEYWORD;
        } else if (is_digit(ch)) {
            int base = 10;
            if (ch == '0' && i + 1 < len && (src[i + 1] == 'x' || src[i + 1] == 'X')) {
                base = 16;
                i += 2;
                while (i < len && is_hex(src[i]))
                    i++;
                if (i == start + 2) {
                    tok.loc.len = 2;
                    return circom_error(c, &tok.loc, "hexadecimal number without digits");
                }
            } else {
                while (i < len && is_digit(src[i]))
                    i++;
            }
            if (i < len && (is_alpha(src[i]) || src[i] == '_')) {
                tok.loc.len = (uint32_t)(i - start + 1);
                return circom_error(c, &tok.loc, "malformed number");
            }
            tok.kind = CIRCOM_T_NUM;
            if (base == 16)
                number_mod_r(&tok.num, src + start + 2, i - start - 2, 16);
            else
                number_mod_r(&tok.num, src + start, i - start, 10);
        } else if (ch == '"') {
            i++;
            while (i < len && src[i] != '"' && src[i] != '\n')
                i++;
            if (i >= len || src[i] != '"')
                return circom_error(c, &tok.loc, "string is never closed (missing \")");
            tok.kind = CIRCOM_T_STRING;
            tok.text = zk_arena_strndup(&c->arena, src + start + 1, i - start - 1);
            if (!tok.text)
                return ZK_ENOMEM;
            i++;
        } else {
            const char *p = NULL;
            for (size_t k = 0; k < ZK_ARRAY_LEN(puncts); k++) {
                size_t n = strlen(puncts[k]);
                if (len - i >= n && memcmp(src + i, puncts[k], n) == 0) {
                    p = puncts[k];
                    break;
                }
            }
            if (!p) {
                if ((unsigned char)ch >= 0x80 || (unsigned char)ch < 0x20 || ch == 0x7f)
                    return circom_error(c, &tok.loc,
                                        "unexpected byte 0x%02x (only printable ASCII outside "
                                        "strings and comments)",
                                        (unsigned char)ch);
                return circom_error(c, &tok.loc, "unexpected character '%c'", ch);
            }
            tok.kind = CIRCOM_T_PUNCT;
            tok.text = circom_intern(c, p, strlen(p));
            if (!tok.text)
                return ZK_ENOMEM;
            i += strlen(p);
        }
        tok.len = (uint32_t)(i - start);
        tok.loc.len = tok.len;
        col += tok.len;
        if ((err = push(out, &tok)))
            return err;
    }
    circom_tok eof;
    memset(&eof, 0, sizeof eof);
    eof.kind = CIRCOM_T_EOF;
    eof.loc = (circom_loc){file_id, line, col, 1};
    eof.text = "";
    return push(out, &eof);
}
