/* The witness-calculator bundle: what `zkcave circuit witness` needs to
 * recompute a circuit's witness without the original files (circom writes a
 * WebAssembly program for this; zkcave re-runs its own compiler). */
#include <cJSON.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/r1cs_io.h"
#include "core/alloc.h"
#include "core/json.h"

#define BUNDLE_MAGIC "zkcave-witness-calculator"

zk_err circom_bundle_write(const circom_circuit *c, const char *path)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *src = cJSON_CreateArray();
    if (!root || !src) {
        cJSON_Delete(root);
        cJSON_Delete(src);
        return ZK_ENOMEM;
    }
    cJSON_AddItemToObject(root, "sources", src);
    bool ok = cJSON_AddNumberToObject(root, BUNDLE_MAGIC, 1) &&
              cJSON_AddNumberToObject(root, "opt_level", c->opt_level) &&
              cJSON_AddNumberToObject(root, "wires", c->sys.n_wires) &&
              cJSON_AddNumberToObject(root, "constraints", (double)c->sys.n_rows) &&
              cJSON_AddNumberToObject(root, "labels", (double)c->sys.n_labels);
    for (size_t i = 0; ok && i < c->n_sources; i++) {
        cJSON *o = cJSON_CreateObject();
        ok = o && cJSON_AddStringToObject(o, "path", c->sources[i].path) &&
             cJSON_AddStringToObject(o, "text", c->sources[i].text);
        if (o)
            cJSON_AddItemToArray(src, o);
    }
    char *text = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return ZK_ENOMEM;
    zk_err err = zk_file_write_atomic(path, text, strlen(text));
    cJSON_free(text);
    return err;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

zk_err circom_witness_from_bundle(circom_circuit *out, const char *bundle_path,
                                  const char *inputs_json, const circom_options *limits)
{
    memset(out, 0, sizeof *out);
    r1cs_init(&out->sys);
    char *text;
    size_t len;
    zk_err err = zk_file_read(bundle_path, (size_t)1 << 30, &text, &len);
    if (err)
        return err;
    cJSON *root = zk_json_parse(text, len);
    zk_free(text);
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(root, "sources");
    int level = (int)num(root, "opt_level");
    if (!root || num(root, BUNDLE_MAGIC) != 1 || !cJSON_IsArray(src) || level < 0 || level > 2) {
        cJSON_Delete(root);
        return ZK_EFORMAT;
    }
    size_t n = (size_t)cJSON_GetArraySize(src);
    circom_source *s = zk_calloc(n ? n : 1, sizeof *s);
    if (!s) {
        cJSON_Delete(root);
        return ZK_ENOMEM;
    }
    size_t k = 0;
    for (const cJSON *e = src->child; e; e = e->next) {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(e, "path");
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(e, "text");
        if (!cJSON_IsString(p) || !cJSON_IsString(t)) {
            err = ZK_EFORMAT;
            break;
        }
        s[k].path = p->valuestring;
        s[k].text = t->valuestring;
        k++;
    }
    if (!err && k == 0)
        err = ZK_EFORMAT;
    if (!err) {
        circom_options o = {level, NULL, 0, inputs_json, limits ? limits->log : NULL,
                            limits ? limits->max_steps : 0, limits ? limits->max_constraints : 0};
        err = circom_compile_sources(out, s, k, &o);
    }
    if (!err && (out->sys.n_wires != num(root, "wires") ||
                 (double)out->sys.n_rows != num(root, "constraints") ||
                 (double)out->sys.n_labels != num(root, "labels")))
        err = ZK_EFORMAT;
    zk_free(s);
    cJSON_Delete(root);
    return err;
}
