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
typedef struct cc_loc {
    uint32_t file, line, col, len;
} cc_loc;

typedef enum cc_op {
    CC_ADD, CC_SUB, CC_MUL, CC_DIV, CC_IDIV, CC_MOD, CC_POW,
    CC_SHL, CC_SHR, CC_BAND, CC_BOR, CC_BXOR,
    CC_EQ, CC_NE, CC_LT, CC_GT, CC_LE, CC_GE, CC_AND, CC_OR,
    CC_NEG, CC_NOT, CC_BNOT,
    CC_OP_COUNT
} cc_op;

typedef enum cc_expr_kind {
    CC_E_NUM, CC_E_VAR, CC_E_CALL, CC_E_ARRAY, CC_E_BIN, CC_E_UN, CC_E_TERN
} cc_expr_kind;

typedef enum cc_slot_kind { CC_SLOT_NONE, CC_SLOT_VAR, CC_SLOT_SIGNAL, CC_SLOT_COMP } cc_slot_kind;

typedef struct cc_expr cc_expr;
typedef struct cc_stmt cc_stmt;
typedef struct cc_def cc_def;

/* One step of an access path: [index] or .name. */
typedef struct cc_access {
    const char *member;   /* interned; NULL for an index */
    cc_expr *index;
    cc_loc loc;
} cc_access;

struct cc_expr {
    cc_expr_kind kind;
    cc_op op;
    cc_loc loc;
    union {
        fr_t num;
        struct {
            const char *name;          /* interned */
            uint32_t slot;
            cc_slot_kind slot_kind;
            cc_access *acc;
            uint32_t nacc;
        } var;
        struct {
            const char *name;
            cc_expr **args;
            uint32_t nargs;
            cc_def *def;               /* set by the resolver */
        } call;
        struct {
            cc_expr **elems;
            uint32_t n;
        } arr;
        struct {
            cc_expr *a, *b, *c;
        } ops;
    } u;
};

typedef enum cc_stmt_kind {
    CC_S_VAR, CC_S_SIGNAL, CC_S_COMP,          /* declarations */
    CC_S_ASSIGN, CC_S_CONSTRAIN,
    CC_S_IF, CC_S_WHILE, CC_S_FOR, CC_S_RETURN, CC_S_LOG, CC_S_ASSERT,
    CC_S_BLOCK,   /* a scope */
    CC_S_SEQ      /* several statements from one declaration, no new scope */
} cc_stmt_kind;

typedef enum cc_sig_kind { CC_SIG_INTER, CC_SIG_INPUT, CC_SIG_OUTPUT } cc_sig_kind;

/* '=' on a variable, '<--' / '-->' and '<==' / '==>' on a signal. */
typedef enum cc_assign_op { CC_AS_VAR, CC_AS_SIG, CC_AS_CSIG } cc_assign_op;

typedef struct cc_log_arg {
    const char *str;   /* a string literal, or NULL for expr */
    cc_expr *expr;
} cc_log_arg;

struct cc_stmt {
    cc_stmt_kind kind;
    cc_loc loc;
    bool constrains;   /* declares signals or components or makes constraints, here or nested */
    union {
        struct {
            const char *name;
            uint32_t slot;
            cc_sig_kind sig;
            cc_expr **dims;
            uint32_t ndims;
        } decl;
        struct {
            cc_expr *lhs;
            cc_assign_op op;
            cc_expr *rhs;
            bool compound;     /* from += and friends: a var update */
        } assign;
        struct {
            cc_expr *a, *b;
        } constrain;
        struct {
            cc_expr *cond;
            cc_stmt *then, *els;
        } if_;
        struct {
            cc_stmt *init;     /* for only, may be NULL */
            cc_expr *cond;
            cc_stmt *step;     /* for only, may be NULL */
            cc_stmt *body;
        } loop;
        struct {
            cc_expr *value;
        } ret;
        struct {
            cc_log_arg *args;
            uint32_t n;
        } log;
        struct {
            cc_expr *cond;
        } assert_;
        struct {
            cc_stmt **items;
            uint32_t n;
        } block;
    } u;
};

typedef enum cc_def_kind { CC_DEF_TEMPLATE, CC_DEF_FUNCTION } cc_def_kind;

struct cc_def {
    cc_def_kind kind;
    const char *name;
    cc_loc loc;
    const char **params;
    uint32_t nparams;
    cc_stmt *body;
    uint32_t nslots;      /* frame size, set by the resolver (params take slots 0..nparams-1) */
    const char **slot_names;
    bool parallel;
};

/* `component main {public [a, b]} = T(args);` */
typedef struct cc_main {
    bool present;
    cc_loc loc;
    const char **pub;
    uint32_t npub;
    cc_loc *pub_loc;
    cc_expr *call;
} cc_main;

#endif
