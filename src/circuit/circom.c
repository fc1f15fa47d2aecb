/* The compiler's driver: parse, resolve, elaborate, number, simplify, and
 * collect what the CLI and the lessons show. */
#include "circuit/circom.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circuit/circom_elab.h"
#include "circuit/r1cs_opt.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"

static void init_out(circom_circuit *out)
{
    memset(out, 0, sizeof *out);
    r1cs_init(&out->sys);
}

static void take_diags(circom_circuit *out, const circom_ctx *cc)
{
    zk_free(out->diagnostics);
    zk_free(out->error);
    out->diagnostics = circom_render_diags(cc);
    zk_free(out->input_error);
    out->error = out->input_error = NULL;
    out->n_warnings = 0;
    for (uint32_t i = 0; i < cc->n_diags; i++) {
        const circom_diag *d = &cc->diags[i];
        if (d->sev == CIRCOM_WARNING)
            out->n_warnings++;
        if (d->sev == CIRCOM_ERROR && !out->error)
            out->error = circom_render_one_line(cc, d);
        /* Errors with no place in the program are about the inputs. */
        if (d->sev == CIRCOM_ERROR && !d->has_loc && !out->input_error &&
            strncmp(d->msg, "internal", 8) != 0)
            out->input_error = zk_strdup(d->msg);
    }
}

/* ---- the .sym file ------------------------------------------------------------------------ */

typedef struct sym_ctx {
    char *p;
    size_t n, cap;
    uint32_t label;
    const uint32_t *label_to_wire;
    const circom_elab_inst *cur;
    char path[512];
    bool failed;
} sym_ctx;

static void sym_put(sym_ctx *s, const char *t, size_t n)
{
    if (s->failed)
        return;
    if (s->n + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1 << 16;
        while (cap < s->n + n + 1)
            cap *= 2;
        char *q = zk_realloc(s->p, cap, 1);
        if (!q) {
            s->failed = true;
            return;
        }
        s->p = q;
        s->cap = cap;
    }
    memcpy(s->p + s->n, t, n);
    s->n += n;
    s->p[s->n] = 0;
}

static zk_err sym_one(void *user, circom_elab_inst *in, const circom_elab_sigdecl *sd, uint32_t k)
{
    sym_ctx *s = user;
    if (s->cur != in) {
        circom_elab_inst_path(in, s->path, sizeof s->path);
        s->cur = in;
    }
    uint32_t label = ++s->label;
    uint32_t w = s->label_to_wire[label];
    char head[64], ix[CIRCOM_ELAB_MAXD * 12 + 1] = "";
    snprintf(head, sizeof head, "%u,%lld,%u,", label, w == R1CS_REMOVED ? -1LL : (long long)w,
             in->dfs);
    size_t at = sizeof ix - 1;
    ix[at] = 0;
    for (uint32_t d = sd->ndims; d-- > 0;) {
        char part[16];
        int len = snprintf(part, sizeof part, "[%u]", k % sd->dims[d]);
        k /= sd->dims[d];
        at -= (size_t)len;
        memcpy(ix + at, part, (size_t)len);
    }
    sym_put(s, head, strlen(head));
    sym_put(s, s->path, strlen(s->path));
    sym_put(s, ".", 1);
    sym_put(s, sd->name, strlen(sd->name));
    sym_put(s, ix + at, strlen(ix + at));
    sym_put(s, "\n", 1);
    return s->failed ? ZK_ENOMEM : ZK_OK;
}

/* ---- per-template counts ------------------------------------------------------------------- */

static bool same_args(const circom_elab_inst *a, const circom_elab_inst *b)
{
    if (a->tmpl != b->tmpl || a->nargs != b->nargs)
        return false;
    for (uint32_t i = 0; i < a->nargs; i++) {
        if (a->args[i].n != b->args[i].n)
            return false;
        for (uint32_t k = 0; k < a->args[i].n; k++)
            if (!fr_eq(&a->args[i].v[k], &b->args[i].v[k]))
                return false;
    }
    return true;
}

static uint64_t inst_hash(const circom_elab_inst *in)
{
    uint64_t h = (uint64_t)(uintptr_t)in->tmpl * 0x9e3779b97f4a7c15u;
    for (uint32_t i = 0; i < in->nargs; i++)
        for (uint32_t k = 0; k < in->args[i].n; k++)
            h = (h ^ in->args[i].v[k].v[0]) * 0xbf58476d1ce4e5b9u;
    return h ^ (h >> 29);
}

static zk_err per_template(circom_circuit *out, circom_elab_ctx *x, const r1cs_simplified *simp)
{
    uint32_t n = x->ninsts, cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    uint32_t *table = zk_calloc(cap, sizeof *table);       /* group + 1 */
    uint32_t *group_of = zk_alloc(n ? n : 1, sizeof *group_of);
    const circom_elab_inst **rep = zk_alloc(n ? n : 1, sizeof *rep);
    out->per_template = zk_calloc(n ? n : 1, sizeof *out->per_template);
    zk_err err = ZK_OK;
    if (!table || !group_of || !rep || !out->per_template) {
        err = ZK_ENOMEM;
        goto done;
    }
    uint32_t ng = 0;
    for (uint32_t i = 0; i < n; i++) {
        const circom_elab_inst *in = x->insts[i];
        uint32_t h = (uint32_t)inst_hash(in) & (cap - 1);
        while (table[h] && !same_args(rep[table[h] - 1], in))
            h = (h + 1) & (cap - 1);
        if (!table[h]) {
            rep[ng] = in;
            table[h] = ++ng;
        }
        group_of[i] = table[h] - 1;
        out->per_template[group_of[i]].instances++;
    }
    for (size_t r = 0; r < simp->n_rows; r++)
        out->per_template[group_of[x->con_inst[simp->row_origin[r]]]].constraints++;
    for (uint32_t g = 0; g < ng; g++) {
        char title[256];
        circom_elab_inst_title(rep[g], title, sizeof title);
        out->per_template[g].title = zk_strdup(title);
        if (!out->per_template[g].title) {
            err = ZK_ENOMEM;
            break;
        }
    }
    out->n_per_template = ng;
done:
    zk_free(table);
    zk_free(group_of);
    zk_free(rep);
    return err;
}

/* ---- inputs -------------------------------------------------------------------------------- */

static zk_err check_input_names(circom_elab_ctx *x, const cJSON *in)
{
    for (const cJSON *e = in->child; e; e = e->next) {
        const char *name = e->string ? e->string : "";
        bool found = false;
        for (uint32_t i = 0; i < x->root->nsigs && !found; i++)
            found = x->root->sigs[i].kind == CIRCOM_SIG_INPUT &&
                    strcmp(x->root->sigs[i].name, name) == 0;
        if (!found)
            return circom_error(x->cc, NULL, "'%s' is not an input signal of main", name);
    }
    return ZK_OK;
}

/* ---- the pipeline --------------------------------------------------------------------------- */

static zk_err finish(circom_circuit *out, circom_ctx *cc, circom_elab_ctx *x,
                     const circom_options *opt)
{
    uint32_t n_labels;
    /* Warnings read the flags by temporary id, before renumbering. */
    circom_elab_warn(x);
    zk_err err = circom_elab_finalize(x, &n_labels);
    if (err)
        return err;
    r1cs *s = &x->sys;
    uint8_t *forbidden = zk_calloc(n_labels, 1);
    if (!forbidden)
        return ZK_ENOMEM;
    for (uint32_t w = 0; w < 1 + s->n_pub_out + s->n_pub_in && w < n_labels; w++)
        forbidden[w] = 1;
    r1cs_simplified simp;
    err = r1cs_simplify(s, opt->opt_level, forbidden, &simp);
    zk_free(forbidden);
    if (err)
        return err;
    out->opt_level = opt->opt_level;
    /* Simplification may merge private inputs into other signals (at --O1
     * `out <== b` keeps the output, not b), but never public ones, and the
     * survivors keep their order: the private inputs left are the wires
     * right after the public ones, and the header counts those, so that
     * 1 + outputs + inputs never exceeds the wires (circom itself writes
     * the declared count, which the file's wires may not hold). */
    out->n_prv_in_declared = s->n_prv_in;
    uint32_t kept = 0;
    for (uint32_t k = 0; k < s->n_prv_in; k++) {
        uint32_t label = 1 + s->n_pub_out + s->n_pub_in + k;
        kept += simp.label_to_wire[label] != R1CS_REMOVED;
    }
    s->n_prv_in = kept;
    if (x->witness) {
        out->witness = zk_alloc(s->n_wires, sizeof *out->witness);
        if (!out->witness) {
            err = ZK_ENOMEM;
            goto done;
        }
        for (uint32_t w = 0; w < s->n_wires; w++)
            out->witness[w] = x->val[s->wire_label[w]];
        size_t bad;
        if (r1cs_check(s, out->witness, &bad) != ZK_OK) {
            /* Every constraint was checked when it was made, so this would
             * be a bug in the simplifier. */
            err = circom_error(cc, NULL,
                               "internal error: the simplified constraint %zu does not hold", bad);
            goto done;
        }
    }
    r1cs_count(s, &out->n_nonlinear, &out->n_linear);
    sym_ctx sc;
    memset(&sc, 0, sizeof sc);
    sc.label_to_wire = simp.label_to_wire;
    uint32_t dfs = 0;
    sym_put(&sc, "", 0);
    if ((err = circom_elab_walk(x, x->root, sym_one, &sc, &dfs))) {
        zk_free(sc.p);
        goto done;
    }
    out->sym = sc.p;
    out->n_instances = x->ninsts;
    if ((err = per_template(out, x, &simp)))
        goto done;
    char title[256];
    circom_elab_inst_title(x->root, title, sizeof title);
    out->main_template = zk_strdup(title);
    if (!out->main_template)
        err = ZK_ENOMEM;
done:
    r1cs_simplified_free(&simp);
    return err;
}

uint64_t circom_default_max_constraints(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || size <= 0)
        return (uint64_t)1 << 20;
    uint64_t n = (uint64_t)pages * (uint64_t)size / 4 / CIRCOM_BYTES_PER_CONSTRAINT;
    return n > 1024 ? n : 1024;
}

static zk_err run(circom_circuit *out, circom_ctx *cc, uint32_t main_file, const circom_options *o)
{
    circom_options def = {1, NULL, 0, NULL, NULL, 0, 0};
    if (!o)
        o = &def;
    if (o->opt_level < 0 || o->opt_level > 2)
        return ZK_EINVAL;
    zk_err err = circom_parse_program(cc, main_file);
    if (!err)
        err = circom_resolve(cc);
    if (!err && !cc->main.present) {
        circom_loc l = {main_file, 1, 1, 1};
        err = circom_error(cc, &l, "no main component: add a line like `component main = T();`");
    }
    /* Keep the sources for the witness-calculator bundle. */
    out->sources = zk_calloc(cc->n_src ? cc->n_src : 1, sizeof *out->sources);
    if (!out->sources)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < cc->n_src; i++) {
        out->sources[i].path = zk_strdup(cc->src[i].path);
        out->sources[i].text = zk_strdup(cc->src[i].text);
        if (!out->sources[i].path || !out->sources[i].text)
            return ZK_ENOMEM;
        out->n_sources++;
    }
    if (err)
        return err == ZK_ENOMEM ? err : ZK_EPARSE;
    cJSON *inputs = NULL;
    if (o->inputs_json) {
        zk_err perr = zk_json_parse_err(&inputs, o->inputs_json, strlen(o->inputs_json));
        if (perr == ZK_EDUPKEY) {
            circom_error(cc, NULL, "an object names the same signal twice");
            return ZK_EINVAL;
        }
        if (!inputs) {
            circom_error(cc, NULL, "not valid JSON");
            return ZK_EINVAL;
        }
        if (!cJSON_IsObject(inputs)) {
            zk_json_delete_secret(inputs);
            circom_error(cc, NULL, "not a JSON object (inputs look like {\"in\": \"5\"})");
            return ZK_EINVAL;
        }
    }
    circom_elab_ctx x;
    err = circom_elab_init(&x, cc, inputs != NULL, inputs, o->log);
    if (o->max_steps)
        x.max_steps = o->max_steps;
    if (o->max_constraints)
        x.max_constraints = o->max_constraints;
    if (!err)
        err = circom_elab_run_main(&x);
    if (!err && inputs)
        err = check_input_names(&x, inputs);
    if (!err)
        err = finish(out, cc, &x, o);
    if (!err)
        out->sys = x.sys, r1cs_init(&x.sys);
    /* Only inputs can break a constraint or an assert that the program
     * itself could not decide. */
    bool unsat = false;
    for (uint32_t i = 0; inputs && i < cc->n_diags; i++) {
        const char *m = cc->diags[i].msg;
        if (cc->diags[i].sev == CIRCOM_ERROR &&
            (strncmp(m, "constraint does not hold", 24) == 0 || strncmp(m, "assert fails", 12) == 0))
            unsat = true;
    }
    bool bad_input = false;
    for (uint32_t i = 0; i < cc->n_diags; i++)
        bad_input |= cc->diags[i].sev == CIRCOM_ERROR && !cc->diags[i].has_loc &&
                     strncmp(cc->diags[i].msg, "internal", 8) != 0;
    bool over_budget = x.over_budget;
    circom_elab_free(&x);
    zk_json_delete_secret(inputs);
    if (over_budget)
        return ZK_EOVERFLOW;
    if (err == ZK_EPARSE || (err && cc->n_errors))
        return unsat ? ZK_EVERIFY : bad_input ? ZK_EINVAL : ZK_EPARSE;
    return err;
}

static void set_includes(circom_ctx *cc, const circom_options *opt)
{
    if (opt) {
        cc->include_dirs = opt->include_dirs;
        cc->n_include_dirs = opt->n_include_dirs;
    }
}

/* Compiles file id of cc, already loaded (or reports why it is not), and
 * hands the diagnostics over. */
static zk_err compile_loaded(circom_circuit *out, circom_ctx *cc, zk_err load_err, uint32_t id,
                             const char *what, const circom_options *opt)
{
    zk_err err = load_err;
    if (err == ZK_EFORMAT) {
        circom_error(cc, NULL, "%s is not a text file", what);
        err = ZK_EPARSE;
    } else if (err) {
        /* The file code stays (ZK_ENOENT, ZK_ENOTREG, ...): a caller can
         * name the file and the system's reason (core/file.h). */
        circom_error(cc, NULL, "cannot read %s: %s", what, zk_file_why(err));
    } else {
        err = run(out, cc, id, opt);
    }
    take_diags(out, cc);
    circom_ctx_free(cc);
    return err;
}

zk_err circom_compile_file(circom_circuit *out, const char *path, const circom_options *opt)
{
    init_out(out);
    circom_ctx cc;
    circom_ctx_init(&cc);
    set_includes(&cc, opt);
    uint32_t id = 0;
    zk_err err = circom_load_file(&cc, path, &id);
    return compile_loaded(out, &cc, err, id, path, opt);
}

zk_err circom_compile_text(circom_circuit *out, const char *name, const char *text,
                           const circom_options *opt)
{
    circom_source src = {(char *)name, (char *)text};
    init_out(out);
    circom_ctx cc;
    circom_ctx_init(&cc);
    set_includes(&cc, opt);
    const char *paths[1] = {src.path}, *texts[1] = {src.text};
    cc.vfs_path = paths;
    cc.vfs_text = texts;
    cc.n_vfs = 1;
    uint32_t id = 0;
    zk_err err = circom_load_file(&cc, name, &id);
    return compile_loaded(out, &cc, err, id, name, opt);
}

zk_err circom_compile_sources(circom_circuit *out, const circom_source *src, size_t n,
                              const circom_options *opt)
{
    init_out(out);
    if (n == 0)
        return ZK_EINVAL;
    circom_ctx cc;
    circom_ctx_init(&cc);
    const char **paths = zk_alloc(n, sizeof *paths), **texts = zk_alloc(n, sizeof *texts);
    zk_err err = paths && texts ? ZK_OK : ZK_ENOMEM;
    for (size_t i = 0; !err && i < n; i++) {
        paths[i] = src[i].path;
        texts[i] = src[i].text;
    }
    if (!err) {
        set_includes(&cc, opt);
        cc.vfs_path = paths;
        cc.vfs_text = texts;
        cc.n_vfs = n;
        cc.vfs_only = true;
        uint32_t id;
        err = circom_load_file(&cc, src[0].path, &id);
        if (!err)
            err = run(out, &cc, id, opt);
        else
            err = ZK_EPARSE;
    }
    take_diags(out, &cc);
    circom_ctx_free(&cc);
    zk_free(paths);
    zk_free(texts);
    return err;
}

void circom_circuit_free(circom_circuit *c)
{
    if (c->witness)
        zk_free_secret(c->witness, c->sys.n_wires, sizeof *c->witness);
    r1cs_free(&c->sys);
    zk_free(c->sym);
    zk_free(c->diagnostics);
    zk_free(c->error);
    zk_free(c->input_error);
    for (size_t i = 0; i < c->n_per_template; i++)
        zk_free(c->per_template[i].title);
    zk_free(c->per_template);
    for (size_t i = 0; i < c->n_sources; i++) {
        zk_free(c->sources[i].path);
        zk_free(c->sources[i].text);
    }
    zk_free(c->sources);
    zk_free(c->main_template);
    memset(c, 0, sizeof *c);
}
