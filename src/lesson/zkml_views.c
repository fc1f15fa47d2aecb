#include "lesson/zkml_views.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "core/alloc.h"
#include "core/file.h"
#include "field/field.h"
#include "nn/model_file.h"
#include "nn/train.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"
#include "zkml/pipeline.h"

/* The settings the app ships (zkml/pipeline.h): every command's default. */
static zk_err shipped_qparams(nn_qparams *q, zkml_settings *s, const char *name, char *source,
                              size_t source_len, char *why, size_t why_len)
{
    char path[700];
    if (nn_asset_path(path, sizeof path, name) != ZK_OK) {
        snprintf(why, why_len, "cannot find assets/%s (set ZKCAVE_ASSETS)", name);
        return ZK_EIO;
    }
    char inner[300];
    zk_err err = zkml_settings_load(s, q, path, inner, sizeof inner);
    if (err)
        snprintf(why, why_len, "%s: %s", path, inner);
    else
        snprintf(source, source_len, "assets/%s", name);
    return err;
}

zk_err lesson_zkml_open_asset(lesson_zkml *z, const char *model, const char *settings, char *why,
                              size_t why_len)
{
    memset(z, 0, sizeof *z);
    char path[700];
    if (nn_asset_path(path, sizeof path, model) != ZK_OK) {
        snprintf(why, why_len, "cannot find assets/%s (set ZKCAVE_ASSETS)", model);
        return ZK_EIO;
    }
    zk_err err = nn_model_load(&z->cnn, path, NULL, z->cnn_hash, why, why_len);
    if (err)
        return err;
    nn_qparams q;
    err = shipped_qparams(&q, &z->settings, settings, z->source, sizeof z->source, why, why_len);
    if (!err && q.act != z->cnn.act) {
        snprintf(why, why_len, "assets/%s is for a %s model, assets/%s is %s", settings,
                 nn_activation_name(q.act), model, nn_activation_name(z->cnn.act));
        err = ZK_EFORMAT;
    }
    if (!err && (err = nn_qmodel_init(&z->qm, &z->cnn, &q)))
        snprintf(why, why_len, "the shipped model does not quantize at these scales");
    if (!err)
        err = zkml_settings_check(&z->settings, z->qm, why, why_len);
    if (err)
        lesson_zkml_close(z);
    return err;
}

zk_err lesson_zkml_open(lesson_zkml *z, char *why, size_t why_len)
{
    return lesson_zkml_open_asset(z, NN_MODEL_FILE, ZKML_SETTINGS_FILE, why, why_len);
}

void lesson_zkml_close(lesson_zkml *z)
{
    nn_qmodel_free(z->qm);
    nn_cnn_free(&z->cnn);
    memset(z, 0, sizeof *z);
}

void lesson_zkml_config_default(lesson_zkml_config *cfg, const lesson_zkml *z)
{
    cfg->params = z->settings.params;
    cfg->pixels = z->settings.pixels;
    cfg->pool_first = true;
    cfg->first_layer = z->settings.first_layer;
}

void lesson_zkml_config_str(char *out, size_t len, const lesson_zkml_config *cfg)
{
    snprintf(out, len, "weights %s · pixels %s · pool %s", zkml_visibility_name(cfg->params),
             cfg->pixels == ZKML_PIXELS_PACKED ? "packed" : "one a signal",
             cfg->pool_first ? "before rescale" : "after ReLU");
}

static double thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Counts already made in this process: a lesson's panels and checkers ask
 * for the same few circuits again and again, and each whole-CNN count is
 * a pass over three million constraints. Keyed by everything a count
 * depends on; the CPU time kept is the first count's. */
typedef struct count_memo {
    uint8_t cnn_hash[32];
    nn_qparams q;
    lesson_zkml_config cfg;
    bool salted;
    zkml_counts k;
    double cpu;
} count_memo;

enum { MEMO_SLOTS = 16 };
static count_memo memo[MEMO_SLOTS];
static size_t memo_n, memo_next;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

static void memo_key(count_memo *m, const lesson_zkml *z, const lesson_zkml_config *cfg,
                     bool salted)
{
    memset(m, 0, sizeof *m);   /* padding too: keys are compared with memcmp */
    memcpy(m->cnn_hash, z->cnn_hash, sizeof m->cnn_hash);
    m->q = z->qm->q;
    m->cfg.params = cfg->params;
    m->cfg.pixels = cfg->pixels;
    m->cfg.pool_first = cfg->pool_first;
    m->cfg.first_layer = cfg->first_layer;
    m->salted = salted;
}

static bool memo_find(zkml_counts *out, double *cpu, const count_memo *key)
{
    bool found = false;
    pthread_mutex_lock(&memo_lock);
    for (size_t i = 0; i < memo_n && !found; i++)
        if (memcmp(memo[i].cnn_hash, key->cnn_hash, sizeof key->cnn_hash) == 0 &&
            memcmp(&memo[i].q, &key->q, sizeof key->q) == 0 &&
            memcmp(&memo[i].cfg, &key->cfg, sizeof key->cfg) == 0 &&
            memo[i].salted == key->salted) {
            *out = memo[i].k;
            *cpu = memo[i].cpu;
            found = true;
        }
    pthread_mutex_unlock(&memo_lock);
    return found;
}

static void memo_add(const count_memo *m)
{
    pthread_mutex_lock(&memo_lock);
    memo[memo_next] = *m;
    memo_next = (memo_next + 1) % MEMO_SLOTS;
    memo_n += memo_n < MEMO_SLOTS;
    pthread_mutex_unlock(&memo_lock);
}

zk_err lesson_zkml_count(zkml_counts *out, double *cpu_seconds, const lesson_zkml *z,
                         const lesson_zkml_config *cfg, char *why, size_t why_len)
{
    zkml_settings s = z->settings;
    s.params = cfg->params;
    s.pixels = cfg->pixels;
    s.first_layer = cfg->first_layer;
    s.salted = s.salted && s.params == ZKML_HASHED;
    s.pool_last = !cfg->pool_first;
    count_memo m;
    memo_key(&m, z, cfg, s.salted);
    double cpu;
    if (memo_find(out, &cpu, &m)) {
        if (cpu_seconds)
            *cpu_seconds = cpu;
        return ZK_OK;
    }
    double t0 = thread_cpu();
    zk_err err = zkml_count(out, &s, z->qm, why, why_len);
    m.cpu = thread_cpu() - t0;
    if (cpu_seconds)
        *cpu_seconds = m.cpu;
    if (!err) {
        m.k = *out;
        memo_add(&m);
    }
    return err;
}

uint64_t lesson_zkml_row_total(const zkml_counts *k, zkml_row r)
{
    uint64_t t = 0;
    for (int o = 0; o < ZKML_OPS; o++)
        t += k->cell[r][o].constraints;
    return t;
}

zkml_row lesson_zkml_dominant(const zkml_counts *k)
{
    zkml_row best = ZKML_ROW_CONV1;
    for (zkml_row r = ZKML_ROW_CONV1; r <= ZKML_ROW_FC2; r++)
        if (lesson_zkml_row_total(k, r) > lesson_zkml_row_total(k, best))
            best = r;
    return best;
}

char *lesson_zkml_commas(char *out, size_t len, uint64_t v)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < n && o + 1 < len; i++) {
        if (i > 0 && (n - i) % 3 == 0 && o + 2 < len)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o < len ? o : len - 1] = '\0';
    return out;
}

char *lesson_zkml_short(char *out, size_t len, double v)
{
    if (v < 1e6) {
        /* three significant digits, grouped: 73,000 */
        double p = v >= 1000 ? pow(10, floor(log10(v)) - 2) : 1;
        char tmp[32];
        lesson_zkml_commas(tmp, sizeof tmp, (uint64_t)llround(round(v / p) * p));
        snprintf(out, len, "%s", tmp);
        return out;
    }
    int e = (int)floor(log10(v));
    double m = v / pow(10, e);
    if (m >= 9.95) {
        m /= 10;
        e++;
    }
    snprintf(out, len, "%.1f×10^%d", m, e);
    return out;
}

static const char *const row_labels[ZKML_ROWS] = {"input", "conv1", "conv2", "fc1",
                                                  "fc2",   "output", "model"};

zk_err lesson_zkml_mode_chart(viz_chart *ch, const zkml_counts counts[ZKML_VISIBILITIES])
{
    static const viz_color colors[ZKML_VISIBILITIES] = {VIZ_YELLOW, VIZ_CYAN, VIZ_MAGENTA,
                                                         VIZ_GREEN};
    zk_err err = viz_chart_set_categories(ch, row_labels, ZKML_ROWS);
    for (int v = 0; v < ZKML_VISIBILITIES && !err; v++) {
        double y[ZKML_ROWS];
        for (int r = 0; r < ZKML_ROWS; r++)
            y[r] = (double)lesson_zkml_row_total(&counts[v], (zkml_row)r);
        err = viz_chart_add_bars(ch, zkml_visibility_name((zkml_visibility)v), colors[v], y,
                                 ZKML_ROWS);
    }
    return err;
}

zk_err lesson_zkml_pool_chart(viz_chart *ch, const zkml_counts *first, const zkml_counts *last)
{
    static const char *const labels[6] = {"c1 pool", "c1 resc", "c1 ReLU",
                                          "c2 pool", "c2 resc", "c2 ReLU"};
    static const zkml_op ops[3] = {ZKML_OP_MAXPOOL, ZKML_OP_RESCALE, ZKML_OP_RELU};
    double a[6], b[6];
    for (int i = 0; i < 6; i++) {
        zkml_row r = i < 3 ? ZKML_ROW_CONV1 : ZKML_ROW_CONV2;
        a[i] = (double)first->cell[r][ops[i % 3]].constraints;
        b[i] = (double)last->cell[r][ops[i % 3]].constraints;
    }
    zk_err err = viz_chart_set_categories(ch, labels, 6);
    if (!err)
        err = viz_chart_add_bars(ch, "pool first", VIZ_GREEN, a, 6);
    if (!err)
        err = viz_chart_add_bars(ch, "pool last", VIZ_RED, b, 6);
    return err;
}

zk_err lesson_zkml_count_modes(zkml_counts out[ZKML_VISIBILITIES], const lesson_zkml *z,
                               const lesson_zkml_config *cfg, char *why, size_t why_len)
{
    zk_err err = ZK_OK;
    for (int v = 0; v < ZKML_VISIBILITIES && !err; v++) {
        lesson_zkml_config c = *cfg;
        c.params = (zkml_visibility)v;
        err = lesson_zkml_count(&out[v], NULL, z, &c, why, why_len);
    }
    return err;
}

zk_err lesson_zkml_export(const lesson_zkml *z, const lesson_zkml_config *cfg, const char *path,
                          char *why, size_t why_len)
{
    zkml_counts *k = zk_calloc(ZKML_VISIBILITIES + 2, sizeof *k);
    if (!k)
        return ZK_ENOMEM;
    lesson_zkml_config first = *cfg, last = *cfg;
    first.pool_first = true;
    last.pool_first = false;
    zk_err err = lesson_zkml_count_modes(k, z, &first, why, why_len);
    if (!err)
        err = lesson_zkml_count(&k[ZKML_VISIBILITIES], NULL, z, &first, why, why_len);
    if (!err)
        err = lesson_zkml_count(&k[ZKML_VISIBILITIES + 1], NULL, z, &last, why, why_len);
    viz_chart modes, pool;
    char title[80];
    snprintf(title, sizeof title, "Max-pool order, weights %s", zkml_visibility_name(cfg->params));
    viz_chart_init(&modes, VIZ_CHART_BARS, "Constraints per layer and visibility", "row",
                   "constraints");
    viz_chart_init(&pool, VIZ_CHART_BARS, title, "operation", "constraints");
    if (!err)
        err = lesson_zkml_mode_chart(&modes, k);
    if (!err)
        err = lesson_zkml_pool_chart(&pool, &k[ZKML_VISIBILITIES], &k[ZKML_VISIBILITIES + 1]);
    if (!err) {
        const viz_chart *charts[2] = {&modes, &pool};
        err = viz_charts_png(charts, 2, path);
        if (err)
            snprintf(why, why_len, "%s: %s", path, zk_strerror(err));
    }
    viz_chart_free(&modes);
    viz_chart_free(&pool);
    zk_free(k);
    return err;
}

/* ResNet-18: He, Zhang, Ren and Sun, "Deep Residual Learning for Image
 * Recognition" (CVPR 2016), Table 1: 1.8×10^9 FLOPs, counted there as
 * multiply-adds, for a 224×224 image; 11.7 M parameters (torchvision's
 * resnet18: 11,689,512). GPT-2: Radford et al., "Language Models are
 * Unsupervised Multitask Learners" (2019), Table 2: the largest model,
 * 1,542 M parameters, 48 layers, d_model 1600, a context of 1024 tokens;
 * per token its forward pass takes about N + n_layer·n_ctx·d_model
 * multiply-accumulates with N = 12·n_layer·d_model² the non-embedding
 * parameters (Kaplan et al., "Scaling Laws for Neural Language Models",
 * 2020, Table 1: 2N + 2·n_layer·n_ctx·d_attn FLOPs): 1.47×10^9 + 7.9×10^7. */
const lesson_zkml_net lesson_zkml_nets[LESSON_ZKML_NETS] = {
    {"seed CNN", "image", 1218048, 206922, "this course's CNN (nn/cnn.h)"},
    {"ResNet-18", "image", 1.8e9, 11.7e6, "He et al. 2016, Table 1 (224×224)"},
    {"GPT-2 1.5B", "token", 12.0 * 48 * 1600 * 1600 + 48.0 * 1024 * 1600, 1.542e9,
     "Radford et al. 2019; Kaplan et al. 2020"},
};

/* ---- the prover's throughput ---- */

void lesson_zkml_rate_stamp(lesson_zkml_rate *r)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(r->when, sizeof r->when, "%Y-%m-%d %H:%M", &tm);
    snprintf(r->kernels, sizeof r->kernels, "%s", field_kernels());
}

zk_err lesson_zkml_measure_rate(lesson_zkml_rate *r, const lesson_zkml *z, const zk_events *ev,
                                char *why, size_t why_len)
{
    memset(r, 0, sizeof *r);
    zkml_settings s = z->settings;
    s.params = ZKML_HASHED;
    s.salted = false;
    s.first_layer = 3;
    zkml_circuit c;
    groth16_demo_key k;
    zkml_witness w;
    memset(&k, 0, sizeof k);
    memset(&w, 0, sizeof w);
    zk_err err = zkml_compile(&c, &s, z->qm, NULL, why, why_len);
    if (err)
        return err;
    /* A throw-away key: its secrets are wiped and it proves nothing anyone
     * will see; only the prover's time is of interest. */
    err = zk_emit(ev, ZK_EV_BEGIN, "zkml_rate_setup", 0, 0, "a key for fc2 alone");
    if (!err)
        err = groth16_demo_key_make(&k, &c.cs, NULL, false, ev);
    uint8_t blank[NN_PIXELS] = {0};
    zkml_report rep;
    if (!err && (err = zkml_witness_compute(&w, &s, z->qm, blank, NULL, false, &rep, NULL)))
        snprintf(why, why_len, "%s", rep.msg);
    if (!err)
        err = zk_emit(ev, ZK_EV_BEGIN, "zkml_rate_prove", 0, 0, "timing Groth16 prove");
    /* The best of three: a shared machine only ever slows a run down. */
    for (int run = 0; run < 3 && !err; run++) {
        groth16_proof proof;
        double t0 = nn_wall_seconds(), c0 = nn_cpu_seconds();
        err = groth16_prove(&proof, &k.pk, w.w, w.n, NULL, ev);
        double dt = nn_wall_seconds() - t0;
        if (run == 0 || dt < r->seconds) {
            r->seconds = dt;
            r->cpu_seconds = nn_cpu_seconds() - c0;
        }
    }
    if (!err) {
        char n[32];
        r->constraints = c.counts.total.constraints;
        r->log_domain = c.counts.log_domain;
        snprintf(r->what, sizeof r->what, "fc2 alone, %s constraints (2^%u)",
                 lesson_zkml_commas(n, sizeof n, r->constraints), r->log_domain);
        lesson_zkml_rate_stamp(r);
    }
    zkml_witness_free(&w);
    groth16_demo_key_free(&k);
    zkml_circuit_free(&c);
    if (err && err != ZK_ECANCELLED && why && !why[0])
        snprintf(why, why_len, "%s", zk_strerror(err));
    return err;
}

double lesson_zkml_rate_per_second(const lesson_zkml_rate *r)
{
    return r->seconds > 0 ? (double)r->constraints / r->seconds : 0;
}

/* Beside the workflow's keys: $XDG_CACHE_HOME/zkcave/mnist/prove-rate.json. */
static zk_err rate_path(char *out, size_t len, bool create)
{
    char dir[4096];
    zk_err err = zkml_cache_root(dir, sizeof dir);
    if (!err && create)
        err = zk_mkdir_p(dir, 0700);
    if (err)
        return err;
    int n = snprintf(out, len, "%s/prove-rate.json", dir);
    return n > 0 && (size_t)n < len ? ZK_OK : ZK_EINVAL;
}

zk_err lesson_zkml_rate_load(lesson_zkml_rate *r)
{
    memset(r, 0, sizeof *r);
    char path[3200], *text;
    size_t len;
    if (rate_path(path, sizeof path, false) != ZK_OK ||
        zk_file_read(path, 1 << 16, &text, &len) != ZK_OK)
        return ZK_ENOENT;
    cJSON *j = cJSON_ParseWithLength(text, len);
    zk_free(text);
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(j, "constraints"),
                *s = cJSON_GetObjectItemCaseSensitive(j, "prove_seconds"),
                *c = cJSON_GetObjectItemCaseSensitive(j, "cpu_seconds"),
                *d = cJSON_GetObjectItemCaseSensitive(j, "log_domain"),
                *what = cJSON_GetObjectItemCaseSensitive(j, "circuit"),
                *k = cJSON_GetObjectItemCaseSensitive(j, "kernels"),
                *when = cJSON_GetObjectItemCaseSensitive(j, "when");
    zk_err err = ZK_EFORMAT;
    if (cJSON_IsNumber(n) && cJSON_IsNumber(s) && cJSON_IsNumber(c) && cJSON_IsNumber(d) &&
        cJSON_IsString(what) && cJSON_IsString(k) && cJSON_IsString(when) &&
        n->valuedouble >= 1 && n->valuedouble < 1e12 && s->valuedouble > 0 &&
        d->valuedouble >= 0 && d->valuedouble <= 40) {
        r->constraints = (uint64_t)n->valuedouble;
        r->seconds = s->valuedouble;
        r->cpu_seconds = c->valuedouble;
        r->log_domain = (unsigned)d->valuedouble;
        snprintf(r->what, sizeof r->what, "%s", what->valuestring);
        snprintf(r->kernels, sizeof r->kernels, "%s", k->valuestring);
        snprintf(r->when, sizeof r->when, "%s", when->valuestring);
        err = ZK_OK;
    }
    cJSON_Delete(j);
    return err;
}

zk_err lesson_zkml_rate_save(const lesson_zkml_rate *r)
{
    char path[3200];
    zk_err err = rate_path(path, sizeof path, true);
    if (err)
        return err;
    cJSON *j = cJSON_CreateObject();
    if (!j)
        return ZK_ENOMEM;
    cJSON_AddNumberToObject(j, "constraints", (double)r->constraints);
    cJSON_AddNumberToObject(j, "log_domain", r->log_domain);
    cJSON_AddNumberToObject(j, "prove_seconds", r->seconds);
    cJSON_AddNumberToObject(j, "cpu_seconds", r->cpu_seconds);
    cJSON_AddStringToObject(j, "circuit", r->what);
    cJSON_AddStringToObject(j, "kernels", r->kernels);
    cJSON_AddStringToObject(j, "when", r->when);
    char *text = cJSON_Print(j);
    cJSON_Delete(j);
    if (!text)
        return ZK_ENOMEM;
    err = zk_file_write_atomic(path, text, strlen(text));
    cJSON_free(text);
    return err;
}

/* ---- memory ---- */

void lesson_zkml_memory_estimate(lesson_zkml_memory *m, const zkml_counts *k)
{
    double wires = k->n_wires, pub = k->n_public, domain = ldexp(1, (int)k->log_domain);
    m->witness = 32 * wires;
    m->key = 64 * (2 * wires + (wires - pub - 1) + domain + pub + 1) + 128 * wires +
             ZKEY_COEF_BYTES * (double)k->total.terms;
    m->domain = 3 * 32 * domain;
    m->total = m->witness + m->key + m->domain;
}

char *lesson_zkml_bytes(char *out, size_t len, double b)
{
    static const char *const units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (b >= 1000 && u < 5) {
        b /= 1000;
        u++;
    }
    snprintf(out, len, b < 10 && u ? "%.1f %s" : "%.0f %s", b, units[u]);
    return out;
}

char *lesson_zkml_duration(char *out, size_t len, double t)
{
    static const struct {
        double s;
        const char *unit;
    } units[] = {{86400 * 365.25, "years"}, {86400, "days"}, {3600, "h"}, {60, "min"}, {1, "s"}};
    size_t u = 0;
    while (u + 1 < ZK_ARRAY_LEN(units) && t < units[u].s)
        u++;
    double v = t / units[u].s;
    snprintf(out, len, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u].unit);
    return out;
}
