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

typedef struct cc_source {
    char *path;        /* as opened */
    char *text;        /* NUL-terminated */
    size_t len;
} cc_source;

typedef enum cc_severity { CC_WARNING, CC_ERROR, CC_NOTE } cc_severity;

typedef struct cc_diag {
    cc_severity sev;
    cc_loc loc;
    bool has_loc;
    char *msg;
} cc_diag;

/* Parsing recurses for nested statements and expressions and for each
 * level of includes; these bounds keep its stack small (a few hundred KB)
 * and give a located error instead of an overflow. */
#define CC_MAX_NESTING 256
#define CC_MAX_INCLUDE_DEPTH 64

typedef struct cc_ctx {
    zk_arena arena;
    /* interned names: open addressing over arena strings */
    const char **names;
    size_t names_cap, names_n;

    cc_source *src;
    uint32_t n_src, cap_src;

    cc_def **defs;
    uint32_t n_defs, cap_defs;
    cc_main main;

    cc_diag *diags;
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
} cc_ctx;

void cc_ctx_init(cc_ctx *c);
void cc_ctx_free(cc_ctx *c);
/* The unique copy of name[0..n); NULL when out of memory. */
const char *cc_intern(cc_ctx *c, const char *name, size_t n);

/* Records a diagnostic; errors also return ZK_EPARSE for convenient
 * `return cc_error(...)`. A NULL loc means "no location". */
zk_err cc_error(cc_ctx *c, const cc_loc *loc, const char *fmt, ...);
void cc_warning(cc_ctx *c, const cc_loc *loc, const char *fmt, ...);
void cc_note(cc_ctx *c, const cc_loc *loc, const char *fmt, ...);
void cc_vdiag(cc_ctx *c, cc_severity sev, const cc_loc *loc, const char *fmt, va_list ap);
/* Renders every diagnostic as "file:line:col: error: message", the source
 * line and a caret line under the place, into a malloc'd string. */
char *cc_render_diags(const cc_ctx *c);
/* One diagnostic's first line (no source excerpt), malloc'd. */
char *cc_render_one_line(const cc_ctx *c, const cc_diag *d);

/* Adds a source (takes ownership of text); returns its index. */
zk_err cc_add_source(cc_ctx *c, const char *path, char *text, size_t len, uint32_t *id);

/* ---- tokens --------------------------------------------------------------------- */

typedef enum cc_tok_kind {
    CC_T_EOF, CC_T_IDENT, CC_T_NUM, CC_T_STRING, CC_T_PUNCT, CC_T_KEYWORD
} cc_tok_kind;

typedef struct cc_tok {
    cc_tok_kind kind;
    cc_loc loc;
    const char *text;     /* interned identifier, keyword or punctuation; string body */
    uint32_t len;
    fr_t num;             /* CC_T_NUM: the literal reduced modulo r */
} cc_tok;

typedef struct cc_toks {
    cc_tok *t;
    uint32_t n, cap;
} cc_toks;

/* Splits source file_id into tokens (ending with CC_T_EOF). */
zk_err cc_lex(cc_ctx *c, uint32_t file_id, cc_toks *out);

/* ---- stages ------------------------------------------------------------------------ */

/* Parses file_id and, recursively, the files it includes (each once), adding
 * definitions to c->defs; the main component is taken from file_id only. */
zk_err cc_parse_program(cc_ctx *c, uint32_t file_id);
/* Loads a source file (from the in-memory sources first); ZK_EIO when it
 * cannot be read, ZK_EFORMAT when it holds a NUL byte. */
zk_err cc_load_file(cc_ctx *c, const char *path, uint32_t *id);
/* Binds names to slots and definitions and checks the static rules. */
zk_err cc_resolve(cc_ctx *c);
cc_def *cc_find_def(const cc_ctx *c, const char *interned_name);

#endif
