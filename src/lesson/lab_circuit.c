/* The circuits the labs open: the ones that ship (every .circom with a
 * main in the circuit search path and its lessons/), or any path; each
 * compiled by zkcave's Circom compiler, its main's inputs as a form, the
 * values from the example input beside it (F.input.json) when there is
 * one. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "circuit/circom_search.h"
#include "circuit/r1cs_view.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"
#include "lesson/actions_snark.h"
#include "lesson/circuit_view.h"
#include "lesson/lab.h"

/* Circuit files are small; a larger one is not a circuit worth listing. */
enum { LESSON_LAB_CIRCOM_MAX = 1 << 20 };

static bool has_main(const char *path)
{
    char *text;
    size_t len;
    if (zk_file_read(path, LESSON_LAB_CIRCOM_MAX, &text, &len) != ZK_OK)
        return false;
    bool yes = strstr(text, "component main") != NULL;
    zk_free(text);
    return yes;
}

static bool listed(const lesson_lab_circuit_file *f, size_t n, const char *rel)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].rel, rel) == 0)
            return true;
    return false;
}

/* Adds dir/sub's circuits with a main to *f (sub "" or "lessons/"). */
static zk_err scan(lesson_lab_circuit_file **f, size_t *n, size_t *cap, const char *dir,
                   const char *sub)
{
    char path[LESSON_LAB_PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    DIR *d = opendir(path);
    if (!d)
        return ZK_OK;
    zk_err err = ZK_OK;
    for (struct dirent *e; !err && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 8 || strcmp(e->d_name + len - 7, ".circom") != 0)
            continue;
        lesson_lab_circuit_file item;
        int rl = snprintf(item.rel, sizeof item.rel, "%s%s", sub, e->d_name);
        int pl = snprintf(item.path, sizeof item.path, "%s/%s%s", dir, sub, e->d_name);
        struct stat st;
        if (rl < 0 || (size_t)rl >= sizeof item.rel || pl < 0 || (size_t)pl >= sizeof item.path ||
            stat(item.path, &st) || !S_ISREG(st.st_mode) || listed(*f, *n, item.rel) ||
            !has_main(item.path))
            continue;
        if (*n == *cap) {
            size_t nc = *cap ? 2 * *cap : 16;
            lesson_lab_circuit_file *g = zk_realloc(*f, nc, sizeof *g);
            if (!g) {
                err = ZK_ENOMEM;
                break;
            }
            *f = g;
            *cap = nc;
        }
        (*f)[(*n)++] = item;
    }
    closedir(d);
    return err;
}

static int by_rel(const void *a, const void *b)
{
    const lesson_lab_circuit_file *x = a, *y = b;
    /* The lessons' circuits after the top level's, each group by name. */
    bool lx = strchr(x->rel, '/') != NULL, ly = strchr(y->rel, '/') != NULL;
    return lx != ly ? (int)lx - (int)ly : strcmp(x->rel, y->rel);
}

zk_err lesson_lab_circuit_list(lesson_lab_circuit_file **files, size_t *n)
{
    *files = NULL;
    *n = 0;
    size_t cap = 0;
    circom_search sp;
    circom_search_default(&sp);
    zk_err err = ZK_OK;
    for (size_t i = 0; !err && i < sp.n; i++) {
        err = scan(files, n, &cap, sp.dir[i], "");
        if (!err)
            err = scan(files, n, &cap, sp.dir[i], "lessons/");
    }
    if (err) {
        zk_free(*files);
        *files = NULL;
        *n = 0;
        return err;
    }
    if (*n)
        qsort(*files, *n, sizeof **files, by_rel);
    return ZK_OK;
}

/* ---- opening ---- */

static void set_why(char *why, size_t why_len, const circom_circuit *c, zk_err err)
{
    const char *w = c->input_error ? c->input_error : c->error ? c->error : zk_strerror(err);
    if (strncmp(w, "error: ", 7) == 0)
        w += 7;
    snprintf(why, why_len, "%s", w);
}

static zk_err compile(circom_circuit *c, const char *path, int level, const char *json)
{
    circom_search sp;
    circom_search_default(&sp);
    circom_options o = {level, sp.dir, sp.n, json, NULL, 0, 0};
    return circom_compile_file(c, path, &o);
}

/* main's inputs: at --O0 every input is a wire, 1 + outputs on, public
 * ones first, with its name. */
static zk_err list_inputs(lesson_lab_circuit *lc, const char *path, char *why, size_t why_len)
{
    circom_circuit c0;
    zk_err err = compile(&c0, path, 0, NULL);
    char **names = NULL;
    if (!err)
        err = circom_wire_names(&c0, &names);
    else
        set_why(why, why_len, &c0, err);
    const r1cs *s = &c0.sys;
    size_t n = err ? 0 : (size_t)s->n_pub_in + s->n_prv_in;
    if (n) {
        lc->inputs = zk_calloc(n, sizeof *lc->inputs);
        if (!lc->inputs)
            err = ZK_ENOMEM;
    }
    for (size_t i = 0; !err && i < n; i++) {
        lesson_lab_input *in = &lc->inputs[i];
        const char *name = names[1 + s->n_pub_out + i];
        if (strncmp(name, "main.", 5) == 0)
            name += 5;
        snprintf(in->name, sizeof in->name, "%s", name);
        in->base_len = strcspn(in->name, "[");
        in->is_public = i < s->n_pub_in;
        snprintf(in->value, sizeof in->value, "0");
    }
    if (!err)
        lc->n_inputs = n;
    if (names)
        r1cs_free_names(names, s->n_wires);
    circom_circuit_free(&c0);
    return err;
}

/* Appends v's numbers, nested arrays flattened in circom's order, to
 * vals[*k .. max); false when one is not a whole number or they overflow. */
static bool flatten(char (*vals)[LESSON_LAB_VALUE_MAX], size_t *k, size_t max, const cJSON *v,
                    int depth)
{
    if (cJSON_IsArray(v)) {
        bool ok = depth < 8;
        for (const cJSON *e = v->child; ok && e; e = e->next)
            ok = flatten(vals, k, max, e, depth + 1);
        return ok;
    }
    if (*k >= max)
        return false;
    if (cJSON_IsString(v))
        snprintf(vals[(*k)++], LESSON_LAB_VALUE_MAX, "%s", v->valuestring);
    else if (cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble)
        snprintf(vals[(*k)++], LESSON_LAB_VALUE_MAX, "%lld", (long long)v->valuedouble);
    else
        return false;
    return true;
}

static bool same_signal(const lesson_lab_input *a, const lesson_lab_input *b)
{
    return a->base_len == b->base_len && strncmp(a->name, b->name, a->base_len) == 0;
}

/* The values of the example input F.input.json, into the inputs of each
 * signal in order. A file that does not fit is ignored (the form keeps its
 * zeros), so a stale example never stops the lab. */
static void read_example(lesson_lab_circuit *lc)
{
    char ex[LESSON_LAB_PATH_MAX];
    size_t len = strlen(lc->path);
    if (len < 7 || strcmp(lc->path + len - 7, ".circom") != 0)
        return;
    snprintf(ex, sizeof ex, "%.*s.input.json", (int)(len - 7), lc->path);
    char *text;
    size_t tlen;
    if (zk_file_read(ex, LESSON_LAB_CIRCOM_MAX, &text, &tlen) != ZK_OK)
        return;
    cJSON *j = zk_json_parse(text, tlen);
    zk_free(text);
    char (*vals)[LESSON_LAB_VALUE_MAX] = zk_calloc(lc->n_inputs + 1, sizeof *vals);
    bool ok = j && vals;
    for (size_t i = 0; ok && i < lc->n_inputs;) {
        size_t end = i;
        while (end < lc->n_inputs && same_signal(&lc->inputs[end], &lc->inputs[i]))
            end++;
        char base[LESSON_LAB_NAME_MAX];
        snprintf(base, sizeof base, "%.*s", (int)lc->inputs[i].base_len, lc->inputs[i].name);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, base);
        size_t k = i;
        ok = v && flatten(vals, &k, end, v, 0) && k == end;
        i = end;
    }
    if (ok) {
        for (size_t i = 0; i < lc->n_inputs; i++)
            snprintf(lc->inputs[i].value, sizeof lc->inputs[i].value, "%s", vals[i]);
        snprintf(lc->example, sizeof lc->example, "%s", ex);
    }
    zk_free(vals);
    cJSON_Delete(j);
}

zk_err lesson_lab_circuit_open(lesson_lab_circuit *lc, const char *path, int level,
                               const zk_events *ev, char *why, size_t why_len)
{
    memset(lc, 0, sizeof *lc);
    snprintf(lc->path, sizeof lc->path, "%s", path);
    lc->level = level;
    why[0] = '\0';
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "compile", 0, 0, "compiling");
    if (err)
        return err;
    double t0 = lesson_snark_now();
    err = compile(&lc->c, path, level, NULL);
    lc->compile_seconds = lesson_snark_now() - t0;
    if (err) {
        set_why(why, why_len, &lc->c, err);
        return err;
    }
    if ((err = circom_wire_names(&lc->c, &lc->names))) {
        snprintf(why, why_len, "%s", zk_strerror(err));
        return err;
    }
    for (uint32_t i = 0; i < lc->c.sys.n_wires; i++)
        if (strncmp(lc->names[i], "main.", 5) == 0)
            memmove(lc->names[i], lc->names[i] + 5, strlen(lc->names[i] + 5) + 1);
    if ((err = list_inputs(lc, path, why, why_len)))
        return err;
    read_example(lc);
    return zk_emit(ev, ZK_EV_END, "compile", 0, 0, NULL);
}

void lesson_lab_circuit_close(lesson_lab_circuit *lc)
{
    if (lc->names)
        r1cs_free_names(lc->names, lc->c.sys.n_wires);
    circom_circuit_free(&lc->c);
    if (lc->inputs)
        sodium_memzero(lc->inputs, lc->n_inputs * sizeof *lc->inputs);
    zk_free(lc->inputs);
    memset(lc, 0, sizeof *lc);
}

zk_err lesson_lab_circuit_json(char **json, const lesson_lab_circuit *lc, char *why, size_t why_len)
{
    *json = NULL;
    size_t cap = 16 + lc->n_inputs * (LESSON_LAB_NAME_MAX + MONT256_DEC_MAX + 16), used = 0;
    char *s = zk_alloc(cap, 1);
    if (!s)
        return ZK_ENOMEM;
    used += (size_t)snprintf(s, cap, "{");
    for (size_t i = 0; i < lc->n_inputs; i++) {
        const lesson_lab_input *in = &lc->inputs[i];
        fr_t v;
        if (lesson_fr_parse(&v, in->value) != ZK_OK) {
            snprintf(why, why_len, "%s must be a whole number, not '%s'", in->name, in->value);
            sodium_memzero(s, cap);
            zk_free(s);
            return ZK_EPARSE;
        }
        bool first = i == 0 || !same_signal(&lc->inputs[i - 1], in);
        bool last = i + 1 == lc->n_inputs || !same_signal(&lc->inputs[i + 1], in);
        bool array = in->name[in->base_len] == '[';
        char dec[MONT256_DEC_MAX];
        if (first)
            used += (size_t)snprintf(s + used, cap - used, "%s\"%.*s\": %s", i ? ", " : "",
                                     (int)in->base_len, in->name, array ? "[" : "");
        used += (size_t)snprintf(s + used, cap - used, "%s\"%s\"", first ? "" : ", ",
                                 fr_to_dec(dec, &v));
        if (last && array)
            used += (size_t)snprintf(s + used, cap - used, "]");
        sodium_memzero(&v, sizeof v);
    }
    snprintf(s + used, cap - used, "}");
    *json = s;
    return ZK_OK;
}

zk_err lesson_lab_circuit_witness(fr_t **w, const lesson_lab_circuit *lc, char *why, size_t why_len)
{
    *w = NULL;
    char *json;
    zk_err err = lesson_lab_circuit_json(&json, lc, why, why_len);
    if (err)
        return err;
    circom_circuit c;
    err = compile(&c, lc->path, lc->level, json);
    sodium_memzero(json, strlen(json));
    zk_free(json);
    if (!err && c.sys.n_wires != lc->c.sys.n_wires) {
        snprintf(why, why_len, "%s changed since it was opened: open it again", lc->path);
        err = ZK_EINVAL;
    } else if (err) {
        set_why(why, why_len, &c, err);
    }
    if (!err) {
        *w = zk_alloc(c.sys.n_wires, sizeof **w);
        if (*w)
            memcpy(*w, c.witness, c.sys.n_wires * sizeof **w);
        else
            err = ZK_ENOMEM;
    }
    if (c.witness)
        sodium_memzero(c.witness, c.sys.n_wires * sizeof *c.witness);
    circom_circuit_free(&c);
    return err;
}
