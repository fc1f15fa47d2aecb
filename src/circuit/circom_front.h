/* Internals shared by the stages of the Circom front end: the arena, interned
 * names, the loaded sources, diagnostics and the lexer's tokens. Not part of
 * the public interface (that is circuit/circom.h). */
#ifndef ZK_CIRCUIT_CIRCOM_FRONT_H
#define ZK_CIRCUIT_CIRCOM_FRONT_H

#include <stdarg.h>

#include "circuit/circom_ast.h"
#include "core/arena.h"
#include "core/err.h"

/* ---- sources and diagnostics ---------------------------------------------------- */

typedef struct circom_loaded {
    char *path;        /* as opened */
    char *text;        /* NUL-terminated */
    size_t len;
} circom_loaded;

typedef enum circom_severity { CIRCOM_WARNING, CIRCOM_ERROR, CIRCOM_NOTE } circom_severity;

typedef struct circom_diag {
    circom_severity sev;
    circom_loc loc;
    bool has_loc;
    char *msg;
} circom_diag;

/* Parsing recurses for nested statements and expressions and for each
 * level of includes; these bounds keep its stack small (a few hundred KB)
 * and give a located error instead of an overflow. */
#define CIRCOM_MAX_NESTING 256
#define CIRCOM_MAX_INCLUDE_DEPTH 64

typedef struct circom_ctx {
    zk_arena arena;
    /* interned names: open addressing over arena strings */
    const char **names;
    size_t names_cap, names_n;

    circom_loaded *src;
    uint32_t n_src, cap_src;

    circom_def **defs;
    uint32_t n_defs, cap_defs;
    circom_main main;

    circom_diag *diags;
    uint32_t n_diags, cap_diags;
    uint32_t n_errors;
    uint32_t max_errors;

    const char *const *include_dirs;
    size_t n_include_dirs;
    /* Sources held in memory (a witness-calculator bundle): includes
     * resolve among them, and no file is opened when vfs_only. */
    const char *const *vfs_path;
    const char *const *vfs_text;
    size_t n_vfs;
    bool vfs_only;
    unsigned include_depth;    /* files being parsed, each included by the one before */
} circom_ctx;

void circom_ctx_init(circom_ctx *c);
void circom_ctx_free(circom_ctx *c);
/* The unique copy of name[0..n); NULL when out of memory. */
const char *circom_intern(circom_ctx *c, const char *name, size_t n);

/* Records a diagnostic; errors also return ZK_EPARSE for convenient
 * `return circom_error(...)`. A NULL loc means "no location". */
zk_err circom_error(circom_ctx *c, const circom_loc *loc, const char *fmt, ...);
void circom_warning(circom_ctx *c, const circom_loc *loc, const char *fmt, ...);
void circom_note(circom_ctx *c, const circom_loc *loc, const char *fmt, ...);
void circom_vdiag(circom_ctx *c, circom_severity sev, const circom_loc *loc, const char *fmt,
                  va_list ap);
/* Renders every diagnostic as "file:line:col: error: message", the source
 * line and a caret line under the place, into a malloc'd string. */
char *circom_render_diags(const circom_ctx *c);
/* One diagnostic's first line (no source excerpt), malloc'd. */
char *circom_render_one_line(const circom_ctx *c, const circom_diag *d);

/* Adds a source (takes ownership of text); returns its index. */
zk_err circom_add_source(circom_ctx *c, const char *path, char *text, size_t len, uint32_t *id);

/* ---- tokens --------------------------------------------------------------------- */

typedef enum circom_tok_kind {
    CIRCOM_T_EOF, CIRCOM_T_IDENT, CIRCOM_T_NUM, CIRCOM_T_STRING, CIRCOM_T_PUNCT, CIRCOM_T_KEYWORD
} circom_tok_kind;

typedef struct circom_tok {
    circom_tok_kind kind;
    circom_loc loc;
    const char *text;     /* interned identifier, keyword or punctuation; string body */
    uint32_t len;
    fr_t num;             /* CIRCOM_T_NUM: the literal reduced modulo r */
} circom_tok;

typedef struct circom_toks {
    circom_tok *t;
    uint32_t n, cap;
} circom_toks;

/* Splits source file_id into tokens (ending with CIRCOM_T_EOF). */
zk_err circom_lex(circom_ctx *c, uint32_t file_id, circom_toks *out);

/* ---- stages ------------------------------------------------------------------------ */

/* Parses file_id and, recursively, the files it includes (each once), adding
 * definitions to c->defs; the main component is taken from file_id only. */
zk_err circom_parse_program(circom_ctx *c, uint32_t file_id);
/* Loads a source file (from the in-memory sources first); ZK_EIO when it
 * cannot be read, ZK_EFORMAT when it holds a NUL byte. */
zk_err circom_load_file(circom_ctx *c, const char *path, uint32_t *id);
/* Binds names to slots and definitions and checks the static rules. */
zk_err circom_resolve(circom_ctx *c);
circom_def *circom_find_def(const circom_ctx *c, const char *interned_name);

#endif
