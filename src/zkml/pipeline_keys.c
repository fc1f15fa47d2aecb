/* The key cache of the zkML workflow (zkml/pipeline.h says what is where
 * and why a verifier uses the key pinned here). realpath(3) is XSI. */
#define _XOPEN_SOURCE 700

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/hex.h"
#include "core/json.h"
#include "snark/groth16_setup.h"
#include "snark/points_io.h"
#include "zkml/pipeline.h"

static const char meta_format[] = "zkcave mnist key 1";

static double wall_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

zk_err zkml_cache_root(char *out, size_t len)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    /* The XDG base directory specification ignores a relative path. */
    if (x && x[0] == '/')
        snprintf(out, len, "%s/zkcave/mnist", x);
    else if (home && *home)
        snprintf(out, len, "%s/.cache/zkcave/mnist", home);
    else
        return ZK_EINVAL;
    return ZK_OK;
}

zk_err zkml_file_sha256(char hex[65], const char *path)
{
    char *data;
    size_t len;
    /* a verification key: tens of MB at most (public visibility) */
    zk_err err = zk_file_read(path, (size_t)1 << 30, &data, &len);
    if (err)
        return err;
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, (const unsigned char *)data, len);
    zk_free(data);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return ZK_OK;
}

/* ---- meta.json ------------------------------------------------------------ */

typedef struct meta {
    char circuit[65], vk_sha256[65];
    char zkey[4096];          /* "key.zkey" (in the directory) or an absolute path */
    double setup_seconds;
} meta;

static bool get_str(char *out, size_t len, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v) || strlen(v->valuestring) >= len)
        return false;
    snprintf(out, len, "%s", v->valuestring);
    return true;
}

static zk_err meta_read(meta *mt, const char *path, char *why, size_t why_len)
{
    memset(mt, 0, sizeof *mt);
    char *text;
    size_t len;
    zk_err err = zk_file_read(path, 1 << 20, &text, &len);
    if (err)
        return err;
    cJSON *j = zk_json_parse(text, len);
    zk_free(text);
    char fmt[40] = "";
    const cJSON *secs = cJSON_GetObjectItemCaseSensitive(j, "setup_seconds");
    if (!j || !get_str(fmt, sizeof fmt, j, "format") || strcmp(fmt, meta_format) != 0 ||
        !get_str(mt->circuit, sizeof mt->circuit, j, "circuit") ||
        !get_str(mt->vk_sha256, sizeof mt->vk_sha256, j, "vk_sha256") ||
        !get_str(mt->zkey, sizeof mt->zkey, j, "zkey")) {
        snprintf(why, why_len, "%s is not a key record of this version", path);
        err = ZK_EFORMAT;
    }
    if (cJSON_IsNumber(secs))
        mt->setup_seconds = secs->valuedouble;
    cJSON_Delete(j);
    return err;
}

static zk_err meta_write(const char *path, const zkml_model *m, const char *vk_sha256,
                         const char *zkey, const char *how, double setup_seconds)
{
    cJSON *j = cJSON_CreateObject();
    if (!j)
        return ZK_ENOMEM;
    cJSON_AddStringToObject(j, "format", meta_format);
    cJSON_AddStringToObject(j, "circuit", m->id_hex);
    cJSON_AddStringToObject(j, "param_visibility", zkml_visibility_name(m->s.params));
    cJSON_AddStringToObject(j, "pixel_layout",
                            m->s.pixels == ZKML_PIXELS_PACKED ? "packed" : "each");
    cJSON_AddNumberToObject(j, "first_layer", m->s.first_layer);
    cJSON_AddBoolToObject(j, "salted", m->s.salted);
    cJSON_AddNumberToObject(j, "constraints", (double)m->counts.total.constraints);
    cJSON_AddNumberToObject(j, "wires", m->counts.n_wires);
    cJSON_AddNumberToObject(j, "public", m->counts.n_public);
    cJSON_AddNumberToObject(j, "log_domain", m->counts.log_domain);
    cJSON_AddStringToObject(j, "vk_sha256", vk_sha256);
    cJSON_AddStringToObject(j, "zkey", zkey);
    cJSON_AddStringToObject(j, "setup", how);
    cJSON_AddNumberToObject(j, "setup_seconds", setup_seconds);
    cJSON_AddNumberToObject(j, "created", (double)time(NULL));
    char *text = cJSON_Print(j);
    cJSON_Delete(j);
    if (!text)
        return ZK_ENOMEM;
    zk_err err = zk_file_write_atomic(path, text, strlen(text));
    free(text);
    return err;
}

/* ---- finding the pinned key ------------------------------------------------ */

/* Whether the .zkey at path is the key whose verification key is vk. */
static bool zkey_is(const char *path, const groth16_vk *vk)
{
    zkey_file zf;
    if (zkey_open(&zf, path) != ZK_OK)
        return false;
    const zkey_header *h = &zf.h;
    bool same = h->n_public == vk->n_public && g1_aff_eq(&h->alpha1, &vk->alpha1) &&
                g2_aff_eq(&h->beta2, &vk->beta2) && g2_aff_eq(&h->gamma2, &vk->gamma2) &&
                g2_aff_eq(&h->delta2, &vk->delta2);
    g1_aff *ic = NULL;
    if (same && snark_load_g1s(&ic, &zf.bf, ZKEY_SEC_IC, vk->n_public + 1) != ZK_OK)
        same = false;
    for (size_t i = 0; same && i <= vk->n_public; i++)
        same = g1_aff_eq(&ic[i], &vk->ic[i]);
    zk_free(ic);
    zkey_close(&zf);
    return same;
}

/* dir/name into out; false (out empty) when it does not fit. */
static bool path_join(char *out, size_t len, const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    out[0] = 0;
    if (a + 1 + b >= len)
        return false;
    memcpy(out, dir, a);
    out[a] = '/';
    memcpy(out + a + 1, name, b + 1);
    return true;
}

static zk_err key_dir(zkml_keys *k, const zkml_model *m, char *why, size_t why_len)
{
    char root[3800];
    if (zkml_cache_root(root, sizeof root)) {
        snprintf(why, why_len, "no cache directory: neither XDG_CACHE_HOME nor HOME is set");
        return ZK_EINVAL;
    }
    snprintf(k->dir, sizeof k->dir, "%s/%s", root, m->id_hex);
    path_join(k->vk_path, sizeof k->vk_path, k->dir, "vk.json");
    return ZK_OK;
}

/* Exactly n bytes of hex digits (no sign, blank or 0x, unlike sscanf's
 * %x), else ZK_EFORMAT. */
static zk_err hex_bytes(uint8_t *out, size_t n, const char *hex)
{
    return zk_hex_decode_exact(out, n, hex) ? ZK_EFORMAT : ZK_OK;
}

/* Whoever writes a circuit's keys holds an exclusive lock on DIR/lock
 * (fcntl(2), released when fd closes) from looking for the record until it
 * is written: two first proofs at once then make one key, the second
 * waiting for the first's setup and using its key, instead of each pinning
 * its own over the other's (the first's proof then no longer verified with
 * the pinned key). Readers take no lock: a setup may hold it for minutes.
 * -1 when the lock cannot be had (the writes then go unlocked, as before). */
static int keys_lock(const char *dir, const zk_events *ev)
{
    char path[4096];
    if (!path_join(path, sizeof path, dir, "lock"))
        return -1;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) == 0)
        return fd;
    zk_emit(ev, ZK_EV_NOTE, "pipeline_keys", 0, 0,
            "waiting for another zkcave making this circuit's key");
    while (fcntl(fd, F_SETLKW, &fl) != 0)
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    return fd;
}

static void keys_unlock(int fd)
{
    if (fd >= 0)
        close(fd);
}

/* Whoever can write a key directory chooses the key it pins: one another
 * user owns, or may write to (a shared XDG_CACHE_HOME, a symbolic link to
 * someone else's directory), pins nothing this user can trust. */
static zk_err dir_is_mine(const char *dir, char *why, size_t why_len)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return ZK_OK;   /* no directory, no record: said by the caller */
    bool other = st.st_uid != geteuid();
    if (!other && !(st.st_mode & (S_IWGRP | S_IWOTH)))
        return ZK_OK;
    snprintf(why, why_len, "%s %s: whoever can write there chooses the key it pins", dir,
             other ? "belongs to another user" : "is writable by other users");
    return ZK_EFORGEABLE;
}

zk_err zkml_keys_find(zkml_keys *k, const zkml_model *m, char *why, size_t why_len)
{
    memset(k, 0, sizeof *k);
    zk_err err = key_dir(k, m, why, why_len);
    if (err || (err = dir_is_mine(k->dir, why, why_len)))
        return err;
    char path[4096], sha[65];
    path_join(path, sizeof path, k->dir, "meta.json");
    meta mt;
    if ((err = meta_read(&mt, path, why, why_len))) {
        /* A record that cannot be read at all is no record. */
        if (err == ZK_ENOENT)
            snprintf(why, why_len, "no key is pinned for this circuit yet (%s)", k->dir);
        else if (err != ZK_EFORMAT)
            snprintf(why, why_len, "no key is pinned for this circuit (%s: %s)", path,
                     zk_file_why(err));
        return err == ZK_EFORMAT ? ZK_EFORMAT : ZK_ENOENT;
    }
    if (strcmp(mt.circuit, m->id_hex) != 0) {
        snprintf(why, why_len, "%s names another circuit", path);
        return ZK_EFORMAT;
    }
    if ((err = zkml_file_sha256(sha, k->vk_path)) || strcmp(sha, mt.vk_sha256) != 0) {
        snprintf(why, why_len, "%s is %s", k->vk_path,
                 err ? "missing" : "not the key meta.json pinned (another SHA-256)");
        return ZK_EFORMAT;
    }
    cJSON *j;
    if ((err = groth16_json_read(&j, k->vk_path)) == ZK_OK) {
        err = groth16_vk_from_json(&k->vk, j);
        cJSON_Delete(j);
    }
    char w160[160] = "";
    if (!err && groth16_vk_check(&k->vk, false, w160)) {
        snprintf(why, why_len, "the pinned key cannot be trusted: %s", w160);
        err = ZK_EFORMAT;
    } else if (err) {
        snprintf(why, why_len, "%s is not a verification key", k->vk_path);
        err = ZK_EFORMAT;
    } else if (k->vk.n_public != m->layout.n_public) {
        snprintf(why, why_len, "the pinned key has %zu public inputs, the circuit %u",
                 k->vk.n_public, m->layout.n_public);
        err = ZK_EFORMAT;
    }
    if (err) {
        zkml_keys_free(k);
        key_dir(k, m, why, 0);
        return err;
    }
    hex_bytes(k->vk_sha256, sizeof k->vk_sha256, sha);
    k->setup_seconds = mt.setup_seconds;
    if (mt.zkey[0] == '/')
        memcpy(path, mt.zkey, sizeof mt.zkey);
    else
        path_join(path, sizeof path, k->dir, mt.zkey);
    if (path[0] && zkey_is(path, &k->vk))
        memcpy(k->zkey, path, sizeof k->zkey);
    return ZK_OK;
}

void zkml_keys_free(zkml_keys *k)
{
    groth16_vk_free(&k->vk);
    if (k->pk) {
        groth16_pk_free(k->pk);
        zk_free(k->pk);
    }
    memset(k, 0, sizeof *k);
}

/* ---- making keys -------------------------------------------------------------------- */

zk_err zkml_setup(groth16_pk *pk, const groth16_cs *cs, const zk_events *ev)
{
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "pipeline_setup", 0, 1, NULL);
    if (err)
        return err;
    /* Fresh secrets, used in constant time and wiped: the single-machine
     * setup whose trust pipeline.h states. */
    err = groth16_setup_secrets(pk, cs, NULL, ev);
    if (!err)
        err = zk_emit(ev, ZK_EV_END, "pipeline_setup", 1, 1, NULL);
    return err;
}

static const char setup_how[] = "from secrets sampled by libsodium on this machine and wiped: "
                                "whoever ran it could have kept tau, which forges any proof";

/* vk.json and meta.json for vk into k->dir; zkey as meta.json records it. */
static zk_err write_pin(zkml_keys *k, const zkml_model *m, const groth16_vk *vk, const char *zkey,
                        double secs, char *why, size_t why_len)
{
    char sha[65], path[4096];
    cJSON *j = groth16_vk_to_json(vk);
    zk_err err = j ? groth16_json_write(j, k->vk_path) : ZK_ENOMEM;
    cJSON_Delete(j);
    if (!err)
        err = zkml_file_sha256(sha, k->vk_path);
    path_join(path, sizeof path, k->dir, "meta.json");
    if (!err)
        err = meta_write(path, m, sha, zkey, setup_how, secs);
    if (err)
        snprintf(why, why_len, "%s: %s", zk_file_which(err, k->dir), zk_file_why(err));
    return err;
}

/* zkml_keys_ensure with the directory made and locked: the record looked
 * for again (another process may have made it while this one waited), a
 * note when a new key replaces a pinned one, then compile, setup, write. */
static zk_err keys_make(zkml_keys *k, const zkml_model *m, const zk_events *ev, char *why,
                        size_t why_len)
{
    char note[600];
    zk_err err = zkml_keys_find(k, m, note, sizeof note);
    if (!err && k->zkey[0])
        return ZK_OK;
    if (err && err != ZK_EFORMAT && err != ZK_ENOENT) {
        snprintf(why, why_len, "%s", note);
        return err;
    }
    char line[800];
    if (err == ZK_EFORMAT) {
        snprintf(line, sizeof line, "the cached key is damaged (%.600s): a new key replaces it",
                 note);
        zk_emit(ev, ZK_EV_NOTE, "pipeline_keys", 0, 0, line);
    } else if (!err) {
        snprintf(line, sizeof line, "the key pinned for this circuit has no proving key any more "
                 "(moved or replaced): a new key replaces it, and proofs of the old one will no "
                 "longer verify with the pinned key");
        zk_emit(ev, ZK_EV_NOTE, "pipeline_keys", 0, 0, line);
    }
    zkml_keys_free(k);
    if ((err = key_dir(k, m, why, why_len)))
        return err;
    zkml_circuit c;
    if ((err = zk_emit(ev, ZK_EV_BEGIN, "pipeline_compile", 0, 1, NULL)) ||
        (err = zkml_compile(&c, &m->s, m->qm, ev, why, why_len)))
        return err;
    groth16_cs cs;
    err = groth16_cs_from_r1cs(&cs, &c.cs);
    zkml_circuit_free(&c);
    if (!err)
        err = zk_emit(ev, ZK_EV_END, "pipeline_compile", 1, 1, NULL);
    if (err) {
        groth16_cs_free(&cs);
        snprintf(why, why_len, "%s", zk_strerror(err));
        return err;
    }
    double t0 = wall_seconds();
    groth16_pk *pk = zk_calloc(1, sizeof *pk);
    err = pk ? zkml_setup(pk, &cs, ev) : ZK_ENOMEM;
    groth16_cs_free(&cs);
    char zkey[4096];
    path_join(zkey, sizeof zkey, k->dir, "key.zkey");
    if (!err && (err = zkey_write(pk, zkey)))
        snprintf(why, why_len, "%s: %s", zkey, zk_file_why(err));
    else if (err)
        snprintf(why, why_len, "setup: %s", zk_strerror(err));
    double secs = wall_seconds() - t0;
    groth16_vk vk = {0};
    if (!err && (err = groth16_vk_from_pk(&vk, pk)))
        snprintf(why, why_len, "%s", zk_strerror(err));
    if (!err)
        err = write_pin(k, m, &vk, "key.zkey", secs, why, why_len);
    groth16_vk_free(&vk);
    if (!err && !(err = zkml_keys_find(k, m, why, why_len)) && !k->zkey[0]) {
        snprintf(why, why_len, "%s was written but does not read back as the pinned key", zkey);
        err = ZK_EFORMAT;
    }
    /* Unlocked (keys_lock could not have the lock), another process may
     * have pinned its own key meanwhile: then that one is used, from its
     * file. */
    if (err || !g2_aff_eq(&k->vk.delta2, &pk->h.delta2)) {
        if (pk)
            groth16_pk_free(pk);
        zk_free(pk);
        if (err)
            zkml_keys_free(k);
        return err;
    }
    k->made = true;
    k->pk = pk;
    k->setup_seconds = secs;
    return ZK_OK;
}

/* The circuit's key directory, created (0700) and this user's alone. */
static zk_err key_dir_made(zkml_keys *k, const zkml_model *m, char *why, size_t why_len)
{
    zk_err err = key_dir(k, m, why, why_len);
    if (err)
        return err;
    if ((err = zk_mkdir_p(k->dir, 0700))) {
        snprintf(why, why_len, "cannot create %s: %s", k->dir, zk_file_why(err));
        return err;
    }
    return dir_is_mine(k->dir, why, why_len);
}

zk_err zkml_keys_ensure(zkml_keys *k, const zkml_model *m, const zk_events *ev, char *why,
                        size_t why_len)
{
    char note[600];
    zk_err err = zkml_keys_find(k, m, note, sizeof note);
    if (!err && k->zkey[0])
        return ZK_OK;
    zkml_keys_free(k);
    if ((err = key_dir_made(k, m, why, why_len)))
        return err;
    int lock = keys_lock(k->dir, ev);
    err = keys_make(k, m, ev, why, why_len);
    keys_unlock(lock);
    return err;
}

zk_err zkml_keys_pin(zkml_keys *k, const zkml_model *m, const groth16_vk *vk,
                     const char *zkey_path, double setup_seconds, char *why, size_t why_len)
{
    memset(k, 0, sizeof *k);
    zk_err err = key_dir_made(k, m, why, why_len);
    if (err)
        return err;
    char abs[PATH_MAX];
    if (!realpath(zkey_path, abs)) {
        snprintf(why, why_len, "%s: %s", zkey_path, strerror(errno));
        return ZK_ENOENT;
    }
    int lock = keys_lock(k->dir, NULL);
    if ((err = write_pin(k, m, vk, abs, setup_seconds, why, why_len))) {
        keys_unlock(lock);
        return err;
    }
    /* A proving key cached for an earlier pin is not this key's. */
    char old[4096];
    path_join(old, sizeof old, k->dir, "key.zkey");
    if (strcmp(old, abs) != 0)
        unlink(old);
    keys_unlock(lock);
    return zkml_keys_find(k, m, why, why_len);
}

/* ---- the circuit of a file ----------------------------------------------------------- */

zk_err zkml_same_circuit(const zkml_model *m, const groth16_cs *cs, const zk_events *ev,
                         char *why, size_t why_len)
{
    zkml_circuit c;
    zk_err err = zkml_compile(&c, &m->s, m->qm, ev, why, why_len);
    if (err)
        return err;
    groth16_cs mine;
    err = groth16_cs_from_r1cs(&mine, &c.cs);
    zkml_circuit_free(&c);
    if (err) {
        snprintf(why, why_len, "%s", zk_strerror(err));
        return err;
    }
    if (mine.n_wires != cs->n_wires || mine.n_public != cs->n_public ||
        mine.n_constraints != cs->n_constraints) {
        snprintf(why, why_len, "it has %u constraints, %u wires and %u public signals where "
                 "these settings make %u, %u and %u", cs->n_constraints, cs->n_wires,
                 cs->n_public, mine.n_constraints, mine.n_wires, mine.n_public);
        err = ZK_EVERIFY;
    }
    for (size_t i = 0; !err && i < mine.n_constraints; i++)
        for (int side = 0; side < 3 && !err; side++) {
            size_t na, nb;
            const groth16_term *a = groth16_cs_side(&mine, i, side, &na);
            const groth16_term *b = groth16_cs_side(cs, i, side, &nb);
            bool same = na == nb;
            for (size_t t = 0; same && t < na; t++)
                same = a[t].wire == b[t].wire && fr_eq(&a[t].coef, &b[t].coef);
            if (!same) {
                snprintf(why, why_len, "its constraint %zu differs from the one these settings "
                         "make", i);
                err = ZK_EVERIFY;
            }
        }
    groth16_cs_free(&mine);
    return err;
}
