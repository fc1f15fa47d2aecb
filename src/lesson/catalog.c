#include "lesson/catalog.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"

const char *const lesson_part_names[LESSON_PARTS] = {
    "FOUNDATIONS",
    "PROVING COMPUTATION",
    "ZK MEETS AI",
};

const lesson_info lesson_curriculum[LESSON_COUNT] = {
    {1, 0, "The cave", "Run the Ali Baba cave with honest and cheating provers; cheating fails as 2^-k."},
    {2, 0, "ZK properties", "Completeness, soundness, zero knowledge: real and simulated transcripts side by side."},
    {3, 0, "Schnorr", "Prove you know x with g^x = y; extract x from two answers; watch nonce reuse leak it."},
    {4, 0, "Fiat-Shamir", "Hash instead of a verifier: BIP-340 signatures, and the forgery when the hash binds too little."},
    {5, 1, "Arithmetic circuits", "Flatten x^3 + x + 5 = 35 into gates and evaluate them."},
    {6, 1, "R1CS", "A, B, C and a witness; edit a value and watch the failing row light up."},
    {7, 1, "QAP", "Interpolate the columns, divide by t(x), check at a random point."},
    {8, 1, "KZG", "Commit to a polynomial and open it with one pairing check."},
    {9, 1, "Trusted setup", "A powers-of-tau ceremony, and what knowing tau lets you forge."},
    {10, 1, "Groth16", "Setup, prove and verify on BN254; the proof snarkjs accepts too."},
    {11, 1, "STARKs", "Trace, AIR, low-degree extension, FRI folding, step by step."},
    {12, 1, "SNARK vs STARK", "One Poseidon chain in both backends, measured side by side."},
    {13, 1, "ZK rollups", "A batch of transfers proven as one state-root update."},
    {14, 2, "Floats vs fields", "Fixed-point quantization of a CNN and the error it brings."},
    {15, 2, "Activations", "What a ReLU costs in constraints, and cheaper activations."},
    {16, 2, "Scale and memory", "Constraint counts per layer, extrapolated to bigger models."},
    {17, 2, "The zkML workflow", "Settings, calibrate, compile, setup, witness, prove, verify."},
    {18, 2, "Proving MNIST", "A proof that a committed CNN read this digit."},
    {19, 2, "Circuits for neurons", "DotProduct and ReLU in Circom, a bug found and fixed."},
    {20, 2, "The frontier", "Aggregation, acceleration, ZK-friendly networks, optimistic zkML."},
};

zk_err lesson_catalog_find_dir(char *out, size_t len)
{
    return zk_data_dir(out, len, "lessons", "ZKCAVE_LESSONS");
}

/* "03-schnorr.md" → 3; 0 for names that are not lesson files. */
static int lesson_number(const char *name)
{
    size_t len = strlen(name);
    if (len < 7 || name[0] < '0' || name[0] > '9' || name[1] < '0' || name[1] > '9' ||
        name[2] != '-' || strcmp(name + len - 3, ".md") != 0)
        return 0;
    return (name[0] - '0') * 10 + (name[1] - '0');
}

zk_err lesson_catalog_open(lesson_catalog *c, const char *dir)
{
    memset(c, 0, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "%s", dir);
    for (int i = 0; i < LESSON_COUNT; i++)
        c->slots[i].info = &lesson_curriculum[i];
    DIR *d = opendir(dir);
    if (!d)
        return ZK_EIO;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        int number = lesson_number(ent->d_name);
        lesson_slot *s = lesson_catalog_slot(c, number);
        /* Two files for one number: the first in name order wins, stably. */
        if (!s || (s->path[0] && strcmp(s->path + strlen(dir) + 1, ent->d_name) < 0))
            continue;
        snprintf(s->path, sizeof s->path, "%s/%s", dir, ent->d_name);
    }
    closedir(d);
    for (int i = 0; i < LESSON_COUNT; i++) {
        lesson_slot *s = &c->slots[i];
        if (!s->path[0])
            continue;
        char why[200];
        zk_err err = lesson_doc_load(&s->doc, s->path, why, sizeof why);
        s->loaded = err == ZK_OK;
        if (err) {
            const char *base = strrchr(s->path, '/');
            snprintf(s->error, sizeof s->error, "%s: %s", base ? base + 1 : s->path,
                     why[0] ? why : zk_strerror(err));
        }
    }
    return ZK_OK;
}

void lesson_catalog_free(lesson_catalog *c)
{
    for (int i = 0; i < LESSON_COUNT; i++)
        if (c->slots[i].loaded)
            lesson_doc_free(&c->slots[i].doc);
    memset(c, 0, sizeof *c);
}

lesson_slot *lesson_catalog_slot(lesson_catalog *c, int number)
{
    return number >= 1 && number <= LESSON_COUNT ? &c->slots[number - 1] : NULL;
}

size_t lesson_slot_solved(const lesson_slot *s, const lesson_progress *p)
{
    if (!s->loaded)
        return 0;
    const lesson_progress_entry *e =
        lesson_progress_entry_get((lesson_progress *)p, s->doc.slug, false);
    size_t n = 0;
    for (size_t i = 0; i < s->doc.nexercises; i++)
        n += lesson_progress_is_solved(e, s->doc.exercises[i]->id);
    return n;
}

lesson_status lesson_slot_status(const lesson_slot *s, const lesson_progress *p)
{
    if (!s->path[0])
        return LESSON_MISSING;
    if (!s->loaded)
        return LESSON_BROKEN;
    const lesson_progress_entry *e =
        lesson_progress_entry_get((lesson_progress *)p, s->doc.slug, false);
    if (!e)
        return LESSON_NEW;
    size_t solved = lesson_slot_solved(s, p);
    if (solved == s->doc.nexercises && (size_t)e->seen >= s->doc.nsteps)
        return LESSON_DONE;
    return e->seen > 0 || solved ? LESSON_STARTED : LESSON_NEW;
}

int lesson_catalog_next(const lesson_catalog *c, const lesson_progress *p)
{
    /* From the lesson opened last: itself while unfinished, else the next
     * unfinished one after it, wrapping round to earlier ones. */
    int last = -1;
    for (int i = 0; i < LESSON_COUNT; i++)
        if (c->slots[i].loaded && strcmp(c->slots[i].doc.slug, p->last) == 0)
            last = i;
    int start = last < 0 ? 0 : last;
    for (int k = 0; k < LESSON_COUNT; k++) {
        int i = (start + k) % LESSON_COUNT;
        lesson_status st = lesson_slot_status(&c->slots[i], p);
        if (st == LESSON_NEW || st == LESSON_STARTED)
            return i + 1;
    }
    return 0;
}
