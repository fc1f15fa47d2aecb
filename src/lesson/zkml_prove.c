#include "lesson/zkml_prove.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "nn/train.h"

zk_err lesson_zkml_model(zkml_model *m, const lesson_zkml *z, const lesson_zkml_target *t,
                         char *why, size_t why_len)
{
    zkml_settings s = z->settings;
    s.params = t->params;
    s.first_layer = t->first_layer;
    s.salted = false;
    return zkml_model_init(m, t->cnn ? t->cnn : &z->cnn, &z->qm->q, &s, NULL, why, why_len);
}

zk_err lesson_zkml_proof_dir(char *out, size_t len, const zkml_model *m)
{
    char root[4096];
    /* beside the key cache: $XDG_CACHE_HOME/zkcave/mnist → .../zkcave/proofs */
    zk_err err = zkml_cache_root(root, sizeof root);
    if (err)
        return err;
    char *slash = strrchr(root, '/');
    if (!slash)
        return ZK_EINVAL;
    *slash = '\0';
    int n = snprintf(out, len, "%s/proofs/%.16s", root, m->id_hex);
    if (n < 0 || (size_t)n >= len)
        return ZK_EINVAL;
    return zk_mkdir_p(out, 0700);
}

/* ---- timing the pipeline's phases ---- */

typedef struct clock_sink {
    const zk_events *next;
    double t0[4], dt[4], cpu0, cpu;
} clock_sink;

static const char *const timed[4] = {"pipeline_setup", "pipeline_witness", "pipeline_prove",
                                     "pipeline_compile"};

static bool on_clock(void *user, const zk_event *ev)
{
    clock_sink *c = user;
    for (int i = 0; i < 4 && ev->phase; i++)
        if (strcmp(ev->phase, timed[i]) == 0) {
            if (ev->kind == ZK_EV_BEGIN) {
                c->t0[i] = nn_wall_seconds();
                if (i == 2)
                    c->cpu0 = nn_cpu_seconds();
            } else if (ev->kind == ZK_EV_END) {
                c->dt[i] = nn_wall_seconds() - c->t0[i];
                if (i == 2)
                    c->cpu = nn_cpu_seconds() - c->cpu0;
            }
        }
    return zk_emit_data(c->next, ev) == ZK_OK;
}

/* ---- files ---- */

static zk_err write_files(const lesson_zkml_proof *p)
{
    static const char *const names[3] = {"proof.json", "public.json", "vk.json"};
    cJSON *j[3] = {groth16_proof_to_json(&p->pr.proof),
                   groth16_public_to_json(p->pr.pub, p->pr.n_pub), groth16_vk_to_json(&p->k.vk)};
    zk_err err = ZK_OK;
    for (int i = 0; i < 3; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", p->dir, names[i]);
        if (!err)
            err = j[i] ? groth16_json_write(j[i], path) : ZK_ENOMEM;
        cJSON_Delete(j[i]);
    }
    return err;
}

static void save_rate(const lesson_zkml_proof *p)
{
    lesson_zkml_rate r;
    memset(&r, 0, sizeof r);
    char n[32];
    r.constraints = p->m.counts.total.constraints;
    r.log_domain = p->m.counts.log_domain;
    r.seconds = p->prove_s;
    r.cpu_seconds = p->prove_cpu;
    snprintf(r.what, sizeof r.what, "the whole CNN, %s constraints (2^%u)",
             lesson_zkml_commas(n, sizeof n, r.constraints), r.log_domain);
    lesson_zkml_rate_stamp(&r);
    lesson_zkml_rate_save(&r);   /* a figure for the counter, not worth failing the proof */
}

zk_err lesson_zkml_prove(lesson_zkml_proof *out, const lesson_zkml *z,
                         const lesson_zkml_target *t, const uint8_t img[NN_PIXELS],
                         const zk_events *ev, char *why, size_t why_len)
{
    memset(out, 0, sizeof *out);
    double t0 = nn_wall_seconds();
    zk_err err = lesson_zkml_model(&out->m, z, t, why, why_len);
    if (err)
        return err;
    clock_sink clk;
    memset(&clk, 0, sizeof clk);
    clk.next = ev;
    zk_events sink = {on_clock, &clk};
    zkml_report rep;
    if (!(err = zkml_keys_ensure(&out->k, &out->m, &sink, why, why_len))) {
        out->key_made = out->k.made;
        err = zkml_prove_image(&out->pr, &out->m, &out->k, img, &sink, &rep);
        if (err)
            snprintf(why, why_len, "%s", rep.msg[0] ? rep.msg : zk_strerror(err));
    }
    /* The key made for this proof is on disk now; gigabytes need not stay. */
    if (out->k.pk) {
        groth16_pk_free(out->k.pk);
        zk_free(out->k.pk);
        out->k.pk = NULL;
    }
    if (!err && (err = lesson_zkml_proof_dir(out->dir, sizeof out->dir, &out->m)))
        snprintf(why, why_len, "no cache directory for the proof (set XDG_CACHE_HOME)");
    if (!err && (err = write_files(out)))
        snprintf(why, why_len, "%s: %s", out->dir, zk_file_why(err));
    if (err) {
        lesson_zkml_proof_free(out);
        return err;
    }
    out->proved = true;
    out->setup_s = out->key_made ? clk.dt[0] : out->k.setup_seconds;
    out->witness_s = clk.dt[1];
    out->prove_s = clk.dt[2];
    out->prove_cpu = clk.cpu;
    out->total_s = nn_wall_seconds() - t0;
    if (t->first_layer == 0 && t->params == z->settings.params && !t->cnn)
        save_rate(out);
    return ZK_OK;
}

static zk_err read_json(cJSON **j, const char *dir, const char *name)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return groth16_json_read(j, path);
}

zk_err lesson_zkml_proof_load(lesson_zkml_proof *out, const lesson_zkml *z,
                              const lesson_zkml_target *t, char *why, size_t why_len)
{
    memset(out, 0, sizeof *out);
    zk_err err = lesson_zkml_model(&out->m, z, t, why, why_len);
    if (!err && (err = zkml_keys_find(&out->k, &out->m, why, why_len)))
        err = err == ZK_ENOENT ? ZK_ENOENT : err;
    if (!err && (err = lesson_zkml_proof_dir(out->dir, sizeof out->dir, &out->m)))
        snprintf(why, why_len, "no cache directory");
    cJSON *jp = NULL, *ju = NULL;
    if (!err && (read_json(&jp, out->dir, "proof.json") || read_json(&ju, out->dir, "public.json")))
        err = ZK_ENOENT;
    if (!err && (groth16_proof_from_json(&out->pr.proof, jp) ||
                 groth16_public_from_json(&out->pr.pub, &out->pr.n_pub, ju)))
        err = ZK_EFORMAT;
    cJSON_Delete(jp);
    cJSON_Delete(ju);
    if (!err && (err = zkml_public_decode(&out->pr.stmt, &out->m.layout, out->pr.pub,
                                          out->pr.n_pub, why, why_len)))
        err = ZK_EFORMAT;
    if (err == ZK_ENOENT)
        snprintf(why, why_len, "no proof of this circuit has been made here yet");
    if (err)
        lesson_zkml_proof_free(out);
    return err;
}

void lesson_zkml_proof_free(lesson_zkml_proof *p)
{
    zkml_proof_free(&p->pr);
    zkml_keys_free(&p->k);
    if (p->m.qm)
        zkml_model_free(&p->m);
    memset(p, 0, sizeof *p);
}

zk_err lesson_zkml_verify(zkml_verified *out, const lesson_zkml_proof *p, const fr_t *pub,
                          size_t n, const fr_t *expected, char *why, size_t why_len)
{
    const zkml_model *m = &p->m;
    return zkml_verify(out, &p->k.vk, &m->layout, pub, n, &p->pr.proof,
                       m->has_hash ? (expected ? expected : &m->hash) : NULL,
                       m->s.params == ZKML_PUBLIC ? m->qm : NULL, why, why_len);
}

static zk_err encode(fr_t **pub, const lesson_zkml_proof *p, const zkml_public *st)
{
    *pub = zk_alloc(p->pr.n_pub, sizeof **pub);
    if (!*pub)
        return ZK_ENOMEM;
    /* Public parameters, if any, stay as they were: copy them first. */
    memcpy(*pub, p->pr.pub, p->pr.n_pub * sizeof **pub);
    zkml_public s = *st;
    s.params = NULL;
    zk_err err = zkml_public_encode(*pub, &p->m.layout, &s);
    if (err) {
        zk_free(*pub);
        *pub = NULL;
    }
    return err;
}

zk_err lesson_zkml_claim_class(fr_t **pub, const lesson_zkml_proof *p, int cls)
{
    zkml_public st = p->pr.stmt;
    int64_t top = st.logits[0];
    for (int k = 1; k < NN_CLASSES; k++)
        top = st.logits[k] > top ? st.logits[k] : top;
    st.logits[cls] = top + 1;
    st.cls = cls;
    return encode(pub, p, &st);
}

zk_err lesson_zkml_claim_pixel(fr_t **pub, const lesson_zkml_proof *p, int i, uint8_t v)
{
    zkml_public st = p->pr.stmt;
    if (!st.has_pixels || i < 0 || i >= NN_PIXELS)
        return ZK_EINVAL;
    st.pixels[i] = v;
    return encode(pub, p, &st);
}

char *lesson_zkml_hash_str(char *out, size_t len, const fr_t *h)
{
    char hex[MONT256_HEX_MAX];
    fr_to_hex(hex, h);
    size_t n = strlen(hex);
    if (n > 20)
        snprintf(out, len, "%.10s…%s", hex, hex + n - 8);
    else
        snprintf(out, len, "%s", hex);
    return out;
}
