/* snarkjs's JSON files for Groth16: proof.json, public.json and
 * verification_key.json (snarkjs src/groth16_prove.js,
 * zkey_export_verificationkey.js). */
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"
#include "curve/encode.h"
#include "curve/pairing.h"
#include "snark/groth16.h"

/* ---- proof ----------------------------------------------------------------------- */

cJSON *groth16_proof_to_json(const groth16_proof *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *a = g1_to_json(&p->a), *b = g2_to_json(&p->b), *c = g1_to_json(&p->c);
    if (!o || !a || !b || !c) {
        cJSON_Delete(o);
        cJSON_Delete(a);
        cJSON_Delete(b);
        cJSON_Delete(c);
        return NULL;
    }
    cJSON_AddItemToObject(o, "pi_a", a);
    cJSON_AddItemToObject(o, "pi_b", b);
    cJSON_AddItemToObject(o, "pi_c", c);
    if (!cJSON_AddStringToObject(o, "protocol", "groth16") ||
        !cJSON_AddStringToObject(o, "curve", "bn128")) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* "protocol" and "curve", when present, must name Groth16 on BN254. */
static bool names_groth16(const cJSON *j)
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(j, "protocol");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(j, "curve");
    if (p && (!cJSON_IsString(p) || strcmp(p->valuestring, "groth16") != 0))
        return false;
    if (c && (!cJSON_IsString(c) ||
              (strcmp(c->valuestring, "bn128") != 0 && strcmp(c->valuestring, "bn254") != 0)))
        return false;
    return true;
}

zk_err groth16_proof_from_json(groth16_proof *p, const cJSON *j)
{
    if (!cJSON_IsObject(j) || !names_groth16(j))
        return ZK_EFORMAT;
    zk_err err;
    if ((err = g1_from_json(&p->a, cJSON_GetObjectItemCaseSensitive(j, "pi_a"))) ||
        (err = g2_from_json(&p->b, cJSON_GetObjectItemCaseSensitive(j, "pi_b"))) ||
        (err = g1_from_json(&p->c, cJSON_GetObjectItemCaseSensitive(j, "pi_c"))))
        return err;
    return ZK_OK;
}

/* ---- public signals ------------------------------------------------------------------ */

cJSON *groth16_public_to_json(const fr_t *pub, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < n; i++) {
        char dec[MONT256_DEC_MAX];
        cJSON *s = cJSON_CreateString(fr_to_dec(dec, &pub[i]));
        if (!s) {
            cJSON_Delete(a);
            return NULL;
        }
        cJSON_AddItemToArray(a, s);
    }
    return a;
}

zk_err groth16_public_from_json(fr_t **pub, size_t *n_out, const cJSON *j)
{
    if (!cJSON_IsArray(j))
        return ZK_EFORMAT;
    size_t n = (size_t)cJSON_GetArraySize(j);
    fr_t *p = zk_alloc(n ? n : 1, sizeof *p);
    if (!p)
        return ZK_ENOMEM;
    zk_err err = ZK_OK;
    size_t i = 0;
    for (const cJSON *e = j->child; e && !err; e = e->next, i++) {
        if (cJSON_IsString(e)) {
            err = fr_from_dec(&p[i], e->valuestring);
            if (err == ZK_EPARSE)
                err = ZK_EFORMAT;
        } else if (cJSON_IsNumber(e) && e->valuedouble >= 0 && e->valuedouble < 9007199254740992.0 &&
                   e->valuedouble == (double)(uint64_t)e->valuedouble) {
            fr_from_u64(&p[i], (uint64_t)e->valuedouble);
        } else {
            err = ZK_EFORMAT;
        }
    }
    if (err) {
        zk_free(p);
        return err;
    }
    *pub = p;
    *n_out = n;
    return ZK_OK;
}

/* ---- verification key ------------------------------------------------------------------ */

static cJSON *fq2_pair(const fq2_t *a)
{
    char x[MONT256_DEC_MAX], y[MONT256_DEC_MAX];
    const char *s[2] = {fq_to_dec(x, &a->c0), fq_to_dec(y, &a->c1)};
    return cJSON_CreateStringArray(s, 2);
}

/* GT as snarkjs prints it: [c0, c1] of Fq6, each [c0, c1, c2] of Fq2, each
 * [real, imaginary] (the layout tests/unit/test_pairing.c pins down). */
static cJSON *fq12_to_json(const fq12_t *f)
{
    cJSON *o = cJSON_CreateArray();
    const fq6_t *h[2] = {&f->c0, &f->c1};
    for (int i = 0; o && i < 2; i++) {
        cJSON *c6 = cJSON_CreateArray();
        if (!c6) {
            cJSON_Delete(o);
            return NULL;
        }
        cJSON_AddItemToArray(o, c6);
        const fq2_t *e[3] = {&h[i]->c0, &h[i]->c1, &h[i]->c2};
        for (int k = 0; k < 3; k++) {
            cJSON *p = fq2_pair(e[k]);
            if (!p) {
                cJSON_Delete(o);
                return NULL;
            }
            cJSON_AddItemToArray(c6, p);
        }
    }
    return o;
}

cJSON *groth16_vk_to_json(const groth16_vk *vk)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    bool ok = cJSON_AddStringToObject(o, "protocol", "groth16") &&
              cJSON_AddStringToObject(o, "curve", "bn128") &&
              cJSON_AddNumberToObject(o, "nPublic", (double)vk->n_public);
    fq12_t ab;
    bn254_pairing(&ab, &vk->alpha1, &vk->beta2);
    cJSON *items[5] = {g1_to_json(&vk->alpha1), g2_to_json(&vk->beta2), g2_to_json(&vk->gamma2),
                       g2_to_json(&vk->delta2), fq12_to_json(&ab)};
    static const char *names[5] = {"vk_alpha_1", "vk_beta_2", "vk_gamma_2", "vk_delta_2",
                                   "vk_alphabeta_12"};
    for (int i = 0; i < 5; i++) {
        if (items[i])
            cJSON_AddItemToObject(o, names[i], items[i]);
        ok = ok && items[i];
    }
    cJSON *ic = cJSON_AddArrayToObject(o, "IC");
    ok = ok && ic;
    for (size_t i = 0; ok && i <= vk->n_public; i++) {
        cJSON *p = g1_to_json(&vk->ic[i]);
        if (p)
            cJSON_AddItemToArray(ic, p);
        ok = p != NULL;
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

zk_err groth16_vk_from_json(groth16_vk *vk, const cJSON *j)
{
    memset(vk, 0, sizeof *vk);
    if (!cJSON_IsObject(j) || !names_groth16(j))
        return ZK_EFORMAT;
    const cJSON *ic = cJSON_GetObjectItemCaseSensitive(j, "IC");
    if (!cJSON_IsArray(ic) || cJSON_GetArraySize(ic) < 1)
        return ZK_EFORMAT;
    size_t n = (size_t)cJSON_GetArraySize(ic);
    const cJSON *np = cJSON_GetObjectItemCaseSensitive(j, "nPublic");
    if (np && (!cJSON_IsNumber(np) || np->valuedouble != (double)(n - 1)))
        return ZK_EFORMAT;
    zk_err err;
    if ((err = g1_from_json(&vk->alpha1, cJSON_GetObjectItemCaseSensitive(j, "vk_alpha_1"))) ||
        (err = g2_from_json(&vk->beta2, cJSON_GetObjectItemCaseSensitive(j, "vk_beta_2"))) ||
        (err = g2_from_json(&vk->gamma2, cJSON_GetObjectItemCaseSensitive(j, "vk_gamma_2"))) ||
        (err = g2_from_json(&vk->delta2, cJSON_GetObjectItemCaseSensitive(j, "vk_delta_2"))))
        return err;
    vk->ic = zk_alloc(n, sizeof *vk->ic);
    if (!vk->ic)
        return ZK_ENOMEM;
    size_t i = 0;
    for (const cJSON *e = ic->child; e && !err; e = e->next)
        err = g1_from_json(&vk->ic[i++], e);
    if (err) {
        groth16_vk_free(vk);
        return err;
    }
    vk->n_public = n - 1;
    return ZK_OK;
}

/* ---- files --------------------------------------------------------------------------- */

/* Public JSON files of a few megabytes at most; a verification key of a
 * circuit with a million public inputs would still fit. */
#define JSON_MAX (256u << 20)

zk_err groth16_json_read(cJSON **j, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    zk_err err = zk_file_read(path, JSON_MAX, &text, &len);
    if (err)
        return err;
    err = zk_json_parse_err(j, text, len);
    zk_free(text);
    return err;
}

zk_err groth16_json_write(const cJSON *j, const char *path)
{
    char *text = cJSON_Print(j);
    if (!text)
        return ZK_ENOMEM;
    size_t len = strlen(text);
    /* cJSON indents with tabs, snarkjs with one space per level. Either
     * parses the same; spaces keep diffs against snarkjs's files readable. */
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\t')
            text[i] = ' ';
    zk_err err = ZK_ENOMEM;
    char *out = zk_alloc(len + 2, 1);
    if (out) {
        memcpy(out, text, len);
        out[len] = '\n';
        out[len + 1] = 0;
        err = zk_file_write_atomic(path, out, len + 1);
        zk_free(out);
    }
    cJSON_free(text);
    return err;
}
