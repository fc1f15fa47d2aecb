/* The syntax tree of the Circom 2 subset zkcave compiles.
 *
 * The parser (circom_parse.c) builds it in an arena; the resolver
 * (circom_resolve.c) then binds every name to a slot of its template or
 * function frame and to its definition, so that the interpreter
 * (circom_exec.h) never looks a name up by string.
 *
 * Operator precedence, lowest first, is Circom's (its parser/src/lang.lalrpop):
 *   ?:   ||   &&   == != < > <= >=   |   ^   &   << >>   + -   * / \ %   **
 *   prefix - ! ~   postfix [] . ()
 * with every binary level left-associative, ** included. */
#ifndef ZK_CIRCUIT_CIRCOM_AST_H
#define ZK_CIRCUIT_CIRCOM_AST_H

#include "core/types.h"
#include "field/fr.h"

/* A place in a source file: 1-based line and column, and the length in bytes
 * of the construct on its first line (for the caret line of diagnostics). */
typedef struct circom_loc {
    uint32_t file, line, col, len;
} circom_loc;

typedef enum circom_op {
    CIRCOM_ADD, CIRCOM_SUB, CIRCOM_MUL, CIRCOM_DIV, CIRCOM_IDIV, CIRCOM_MOD, CIRCOM_POW,
    CIRCOM_SHL, CIRCOM_SHR, CIRCOM_BAND, CIRCOM_BOR, CIRCOM_BXOR,
    CIRCOM_EQ, CIRCOM_NE, CIRCOM_LT, CIRCOM_GT, CIRCOM_LE, CIRCOM_GE, CIRCOM_AND, CIRCOM_OR,
    CIRCOM_NEG, CIRCOM_NOT, CIRCOM_BNOT,
    CIRCOM_OP_COUNT
} circom_op;

typedef enum circom_expr_kind {
    CIRCOM_E_NUM,
    CIRCOM_E_VAR,
    CIRCOM_E_CALL,
    CIRCOM_E_ARRAY,
    CIRCOM_E_BIN,
    CIRCOM_E_UN,
    CIRCOM_E_TERN
} circom_expr_kind;

typedef enum circom_slot_kind {
    CIRCOM_SLOT_NONE,
    CIRCOM_SLOT_VAR,
    CIRCOM_SLOT_SIGNAL,
    CIRCOM_SLOT_COMP
} circom_slot_kind;

typedef struct circom_expr circom_expr;
typedef struct circom_stmt circom_stmt;
typedef struct circom_def circom_def;

/* One step of an access path: [index] or .name. */
typedef struct circom_access {
    const char *member;   /* interned; NULL for an index */
    circom_expr *index;
    circom_loc loc;
} circom_access;

struct circom_expr {
    circom_expr_kind kind;
    circom_op op;
    circom_loc loc;
    union {
        fr_t num;
        struct {
            const char *name;          /* interned */
            uint32_t slot;
            circom_slot_kind slot_kind;
            circom_access *acc;
            uint32_t nacc;
        } var;
        struct {
            const char *name;
            circom_expr **args;
            uint32_t nargs;
            circom_def *def;               /* set by the resolver */
        } call;
        struct {
            circom_expr **elems;
            uint32_t n;
        } arr;
        struct {
            circom_expr *a, *b, *c;
        } ops;
    } u;
};

typedef enum circom_stmt_kind {
    CIRCOM_S_VAR, CIRCOM_S_SIGNAL, CIRCOM_S_COMP,          /* declarations */
    CIRCOM_S_ASSIGN, CIRCOM_S_CONSTRAIN,
    CIRCOM_S_IF, CIRCOM_S_WHILE, CIRCOM_S_FOR, CIRCOM_S_RETURN, CIRCOM_S_LOG, CIRCOM_S_ASSERT,
    CIRCOM_S_BLOCK,   /* a scope */
    CIRCOM_S_SEQ      /* several statements from one declaration, no new scope */
} circom_stmt_kind;

typedef enum circom_sig_kind {
    CIRCOM_SIG_INTER,
    CIRCOM_SIG_INPUT,
    CIRCOM_SIG_OUTPUT
} circom_sig_kind;

/* '=' on a variable, '<--' / '-->' and '<==' / '==>' on a signal. */
typedef enum circom_assign_op { CIRCOM_AS_VAR, CIRCOM_AS_SIG, CIRCOM_AS_CSIG } circom_assign_op;

typedef struct circom_log_arg {
    const char *str;   /* a string literal, or NULL for expr */
    circom_expr *expr;
} circom_log_arg;

struct circom_stmt {
    circom_stmt_kind kind;
    circom_loc loc;
    bool constrains;   /* declares signals or components or makes constraints, here or nested */
    union {
        struct {
            const char *name;
            uint32_t slot;
            circom_sig_kind sig;
            circom_expr **dims;
            uint32_t ndims;
        } decl;
        struct {
            circom_expr *lhs;
            circom_assign_op op;
            circom_expr *rhs;
            bool compound;     /* from += and friends: a var update */
        } assign;
        struct {
            circom_expr *a, *b;
        } constrain;
        struct {
            circom_expr *cond;
            circom_stmt *then, *els;
        } if_;
        struct {
            circom_stmt *init;     /* for only, may be NULL */
            circom_expr *cond;
            circom_stmt *step;     /* for only, may be NULL */
            circom_stmt *body;
        } loop;
        struct {
            circom_expr *value;
        } ret;
        struct {
            circom_log_arg *args;
            uint32_t n;
        } log;
        struct {
            circom_expr *cond;
        } assert_;
        struct {
            circom_stmt **items;
            uint32_t n;
        } block;
    } u;
};

typedef enum circom_def_kind { CIRCOM_DEF_TEMPLATE, CIRCOM_DEF_FUNCTION } circom_def_kind;

struct circom_def {
    circom_def_kind kind;
    const char *name;
    circom_loc loc;
    const char **params;
    uint32_t nparams;
    circom_stmt *body;
    uint32_t nslots;      /* frame size, set by the resolver (params take slots 0..nparams-1) */
    const char **slot_names;
    bool parallel;
};

/* `component main {public [a, b]} = T(args);` */
typedef struct circom_main {
    bool present;
    circom_loc loc;
    const char **pub;
    uint32_t npub;
    circom_loc *pub_loc;
    circom_expr *call;
} circom_main;

#endif
