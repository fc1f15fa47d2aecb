/* Every file reader against malformed input: each truncation of a small
 * valid .r1cs, .wtns, .zkey, .ptau, STARK proof.bin, snarkjs JSON and PNG
 * (every length up to 512 bytes, then a stride), and a few hundred seeded
 * mutations of each (tests/support/zk_mutate.c: flips, boundary words,
 * section sizes and counts, duplicated and dropped sections, hostile JSON
 * tokens), .zkey and .ptau through their verifiers, proof.bin through the
 * STARK verifier. A reader must answer with an error code or a valid
 * result; under ASan/UBSan a crash, an overread or a leak fails the
 * program, and a header-driven giant allocation makes it slow (one test
 * times it). Then one regression test for each bug found by the CLI
 * mutation driver (tests/fuzz/mutate.sh), by longer runs of this program
 * (ZK_HARDEN_MUTATIONS=N) or by hand.
 *
 * The fixtures in tests/fixtures/harden are the multiplier lesson circuit:
 * its .r1cs and witness (a = 3, b = 11), a 2^2 ceremony with one
 * contribution, prepared, the key from it, a proof with its public signals
 * and verification key, and a 16-row Fibonacci STARK proof. */
#include "zk_test.h"

#include <dirent.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "circuit/r1cs_io.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"
#include "lesson/progress.h"
#include "nn/digit_png.h"
#include "nn/idx.h"
#include "nn/model_file.h"
#include "nn/quant.h"
#include "snark/groth16.h"
#include "snark/groth16_cs.h"
#include "snark/ptau.h"
#include "snark/zkey.h"
#include "snark/zkey_mpc.h"
#include "stark/stark.h"
#include "zk_mutate.h"

#define FIXTURES "tests/fixtures/harden/"
/* ZK_HARDEN_MUTATIONS=N runs N mutations of each file instead: a longer
 * search after changing a reader, outside `make test`. */
static uint64_t mutations(void)
{
    const char *env = getenv("ZK_HARDEN_MUTATIONS");
    return env && atoll(env) > 0 ? (uint64_t)atoll(env) : 300;
}

static char tmpdir[256];

/* A reader under test: decodes len bytes and frees whatever it built. */
typedef zk_err (*reader_fn)(const uint8_t *buf, size_t len);

static uint8_t *fixture(const char *path, size_t *len)
{
    char *data = NULL;
    assert_int_equal(zk_file_read(path, 1 << 20, &data, len), ZK_OK);
    return (uint8_t *)data;
}

/* Path-based readers read from this file. */
static const char *spill(const char *name, const uint8_t *buf, size_t len)
{
    static char path[300];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void assert_reader_code(zk_err e)
{
    /* Running out of memory on a file of a few kilobytes would mean an
     * allocation sized by a header field, not by the data. */
    assert_int_not_equal(e, ZK_ENOMEM);
    assert_true(e >= ZK_OK && e < ZK_ERR_COUNT);
}

/* The fixture reads; every shorter prefix (all up to 512 bytes, then every
 * stride-th) is refused when truncation_fails, and none crashes; then
 * seeded mutations. */
static void exercise(const char *name, reader_fn read, size_t stride, bool truncation_fails)
{
    size_t len;
    uint8_t *good = fixture(name, &len);
    assert_int_equal(read(good, len), ZK_OK);
    for (size_t cut = 0; cut < len; cut += cut < 512 ? 1 : stride) {
        zk_err e = read(good, cut);
        assert_reader_code(e);
        if (truncation_fails && e == ZK_OK)
            fail_msg("%s cut to %zu bytes was accepted", name, cut);
    }
    size_t cap = 2 * len + 4096;
    uint8_t *m = zk_alloc(cap, 1);
    assert_non_null(m);
    for (uint64_t seed = 1, n_mut = mutations(); seed <= n_mut; seed++) {
        memcpy(m, good, len);
        size_t n = zk_mutate(m, len, cap, seed);
        assert_reader_code(read(m, n));
    }
    zk_free(m);
    zk_free(good);
}

/* ---- the readers ------------------------------------------------------------ */

static zk_err read_r1cs(const uint8_t *buf, size_t len)
{
    r1cs s;
    zk_err e = r1cs_from_bytes(&s, buf, len);
    if (!e && (s.n_wires == 0 || s.n_rows == 0))
        e = ZK_EINVAL;
    r1cs_free(&s);
    return e;
}

/* The prover's own streaming reader of the same format. */
static zk_err read_r1cs_cs(const uint8_t *buf, size_t len)
{
    groth16_cs cs;
    zk_err e = groth16_cs_read(&cs, spill("c.r1cs", buf, len));
    if (!e)
        groth16_cs_free(&cs);
    return e;
}

static zk_err read_wtns(const uint8_t *buf, size_t len)
{
    fr_t *w = NULL;
    size_t n = 0;
    zk_err e = wtns_from_bytes(&w, &n, buf, len);
    zk_free(w);
    return e;
}

static void assert_one_line(const char *why)
{
    assert_null(strchr(why, '\n'));
}

/* As `zkey verify` does, against the fixtures' circuit and ceremony: the
 * key is read, then every check runs on whatever reads. */
static zk_err read_zkey(const uint8_t *buf, size_t len)
{
    groth16_pk pk;
    zk_err e = zkey_read(&pk, spill("k.zkey", buf, len), true);
    if (e)
        return e;
    groth16_cs cs;
    assert_int_equal(groth16_cs_read(&cs, FIXTURES "multiplier.r1cs"), ZK_OK);
    char why[160] = "";
    e = zkey_verify(&pk, &cs, FIXTURES "p.ptau", why, NULL);
    assert_one_line(why);
    groth16_cs_free(&cs);
    groth16_pk_free(&pk);
    return e;
}

/* As `ptau verify` does: read, then verify what reads. */
static zk_err read_ptau(const uint8_t *buf, size_t len)
{
    char why[160] = "";
    zk_err e = ptau_verify_file(spill("p.ptau", buf, len), why, NULL);
    assert_one_line(why);
    return e;
}

/* As `zkcave stark verify` does: the statement, its AIR, the proof, and
 * the verifier on whatever decodes. */
static zk_err read_stark(const uint8_t *buf, size_t len)
{
    char name[STARK_AIR_NAME_MAX];
    stark_open_stage stage;
    stark_air a;
    stark_proof p;
    zk_err e = stark_proof_open(&a, &p, name, &stage, buf, len);
    if (e)
        return e;
    const char *why = NULL;
    /* The fixture is a 16-row proof of 1 bit: with no minimum every
     * mutant that decodes runs through the whole verifier. */
    e = stark_verify(&p, &a, 0, &why);
    stark_proof_free(&p);
    stark_air_free(&a);
    return e;
}

static zk_err read_vk(const uint8_t *buf, size_t len)
{
    cJSON *j = zk_json_parse((const char *)buf, len);
    if (!j)
        return ZK_EFORMAT;
    groth16_vk vk;
    zk_err e = groth16_vk_from_json(&vk, j);
    if (!e)
        groth16_vk_free(&vk);
    cJSON_Delete(j);
    return e;
}

static zk_err read_proof(const uint8_t *buf, size_t len)
{
    cJSON *j = zk_json_parse((const char *)buf, len);
    if (!j)
        return ZK_EFORMAT;
    groth16_proof p;
    zk_err e = groth16_proof_from_json(&p, j);
    cJSON_Delete(j);
    return e;
}

static zk_err read_public(const uint8_t *buf, size_t len)
{
    cJSON *j = zk_json_parse((const char *)buf, len);
    if (!j)
        return ZK_EFORMAT;
    fr_t *pub = NULL;
    size_t n = 0;
    zk_err e = groth16_public_from_json(&pub, &n, j);
    zk_free(pub);
    cJSON_Delete(j);
    return e;
}

/* A PNG reader's reason must be one line: the CLI prints it after "zkcave:". */
static zk_err read_png(const uint8_t *buf, size_t len)
{
    uint8_t px[NN_PIXELS];
    char why[256] = "";
    zk_err e = nn_digit_from_png(px, buf, len, NULL, why, sizeof why);
    if (e) {
        assert_true(why[0] != 0);
        assert_one_line(why);
    }
    return e;
}

static void remove_all(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[600];
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
}

/* A damaged progress file is set aside with a one-line note, never fatal. */
static zk_err read_progress(const uint8_t *buf, size_t len)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/state", tmpdir);
    zk_mkdir_p(dir, 0700);
    const char *path = spill("state/progress.json", buf, len);
    lesson_progress p;
    char note[512] = "";
    zk_err e = lesson_progress_load(&p, path, note, sizeof note);
    assert_one_line(note);
    lesson_progress_free(&p);
    if (!e && note[0])
        e = ZK_EFORMAT;   /* set aside: the reader refused it */
    remove_all(dir);
    return e;
}

/* ---- every reader, every truncation, seeded mutations -------------------------- */

static void test_r1cs(void **state)
{
    (void)state;
    exercise(FIXTURES "multiplier.r1cs", read_r1cs, 1, true);
    exercise(FIXTURES "multiplier.r1cs", read_r1cs_cs, 1, true);
}

static void test_wtns(void **state)
{
    (void)state;
    exercise(FIXTURES "w.wtns", read_wtns, 1, true);
}

static void test_zkey(void **state)
{
    (void)state;
    exercise(FIXTURES "m.zkey", read_zkey, 7, true);
}

static void test_ptau(void **state)
{
    (void)state;
    exercise(FIXTURES "p.ptau", read_ptau, 13, true);
}

static void test_stark_proof(void **state)
{
    (void)state;
    exercise(FIXTURES "proof.bin", read_stark, 1, true);
}

/* A JSON file cut just before its final newline is still the whole
 * document, so here truncations need only not crash. */
static void test_json(void **state)
{
    (void)state;
    exercise(FIXTURES "vk.json", read_vk, 5, false);
    exercise(FIXTURES "proof.json", read_proof, 1, false);
    exercise(FIXTURES "public.json", read_public, 1, false);
}

/* A PNG cut short may still decode (libpng tolerates a missing IEND). */
static void test_png(void **state)
{
    (void)state;
    exercise("assets/digits/7_0000.png", read_png, 1, false);
    exercise("assets/digits/drawn_5_palette_36x44.png", read_png, 1, false);
    exercise("assets/digits/drawn_4_graya_48x64.png", read_png, 3, false);
}

static void test_progress(void **state)
{
    (void)state;
    const char *good = "{\"version\": 1, \"last\": \"03-schnorr\", \"lessons\": {\"01-the-cave\": "
                       "{\"step\": 3, \"seen\": 4, \"solved\": [\"1\", \"2\"]}, \"03-schnorr\": "
                       "{\"step\": 1, \"seen\": 2, \"solved\": []}}}\n";
    size_t len = strlen(good), cap = 2 * len + 4096;
    assert_int_equal(read_progress((const uint8_t *)good, len), ZK_OK);
    uint8_t *m = zk_alloc(cap, 1);
    assert_non_null(m);
    /* Every prefix short of the closing brace is damaged. */
    for (size_t cut = 0; cut + 1 < len; cut++)
        assert_int_not_equal(read_progress((const uint8_t *)good, cut), ZK_OK);
    for (uint64_t seed = 1, n_mut = mutations(); seed <= n_mut; seed++) {
        memcpy(m, good, len);
        assert_reader_code(read_progress(m, zk_mutate(m, len, cap, seed)));
    }
    zk_free(m);
}

/* ---- regressions ------------------------------------------------------------- */

/* Offset of the body of zk_binfile section type in buf (the first one). */
static size_t section_body(const uint8_t *buf, size_t len, uint32_t type)
{
    size_t o = 12;
    while (len - o >= 12) {
        uint32_t t = (uint32_t)buf[o] | (uint32_t)buf[o + 1] << 8 | (uint32_t)buf[o + 2] << 16 |
                     (uint32_t)buf[o + 3] << 24;
        uint64_t size = 0;
        for (int i = 7; i >= 0; i--)
            size = size << 8 | buf[o + 4 + i];
        if (t == type)
            return o + 12;
        o += 12 + (size_t)size;
    }
    fail_msg("no section %u", type);
    return 0;
}

/* A 6 KB .ptau whose header claims power 27 made ptau_read allocate for
 * 2^28 points (some 20 GB) before looking at the sections; under ASan
 * `zkcave ptau verify` ran for minutes. The sizes are checked first now. */
static void test_ptau_header_power_needs_its_sections(void **state)
{
    (void)state;
    size_t len;
    uint8_t *buf = fixture(FIXTURES "p.ptau", &len);
    size_t h = section_body(buf, len, 1);
    for (unsigned power = 3; power <= 27; power += 8) {
        buf[h + 36] = (uint8_t)power;   /* power, then ceremony power */
        buf[h + 40] = (uint8_t)power;
        /* Under ASan the old order took about a minute (it poisons and
         * unpoisons the shadow of every byte allocated); the right one
         * takes milliseconds, so the margin is wide. */
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(read_ptau(buf, len), ZK_EFORMAT);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
        if (s > 5)
            fail_msg("power %u: %.1f s to refuse (an allocation before the size check?)", power, s);
    }
    zk_free(buf);
}

/* Builds {"version":1,"lessons":{...}} with n_lessons lessons of n_ids ids. */
static char *progress_json(size_t n_lessons, size_t n_ids, size_t *len)
{
    size_t cap = 64 + n_lessons * (64 + 12 * n_ids);
    char *t = zk_alloc(cap, 1);
    assert_non_null(t);
    size_t n = (size_t)snprintf(t, cap, "{\"version\": 1, \"lessons\": {");
    for (size_t i = 0; i < n_lessons; i++) {
        n += (size_t)snprintf(t + n, cap - n, "%s\"l%zu\": {\"step\": 0, \"seen\": 1, \"solved\": [",
                              i ? ", " : "", i);
        for (size_t k = 0; k < n_ids; k++)
            n += (size_t)snprintf(t + n, cap - n, "%s\"e%zu\"", k ? "," : "", k);
        n += (size_t)snprintf(t + n, cap - n, "]}");
    }
    n += (size_t)snprintf(t + n, cap - n, "}}");
    *len = n;
    return t;
}

/* A progress.json of 300,000 exercise ids took minutes to load (each id
 * was looked up among all before it); now more lessons or ids than any
 * curriculum has mark the file as damaged, and it is set aside at once. */
static void test_progress_caps(void **state)
{
    (void)state;
    static const struct {
        size_t lessons, ids;
        zk_err want;
    } cases[] = {{1000, 1, ZK_OK},      {1025, 0, ZK_EFORMAT}, {1, 1024, ZK_OK},
                 {1, 1025, ZK_EFORMAT}, {16, 1024, ZK_OK},     {17, 1000, ZK_EFORMAT},
                 {1, 300000, ZK_EFORMAT}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len;
        char *t = progress_json(cases[i].lessons, cases[i].ids, &len);
        assert_int_equal(read_progress((const uint8_t *)t, len), cases[i].want);
        zk_free(t);
    }
}

/* cJSON took a document followed by anything, and a string with a NUL
 * (raw or \u0000) as the string up to it: a proof.json with trailing junk
 * verified, and "33\u0000junk" read as 33. */
static void test_json_strict(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;
        bool ok;
    } cases[] = {
        {"[\"33\"]", 6, true},        {"[\"33\"] \n\t\r\n", 11, true},
        {"[\"33\"]xyz", 9, false},    {"[\"33\"][]", 8, false},
        {"[\"3\0003\"]", 7, false},    {"[\"3\\u00003\"]", 12, false},
        {"[\"3\\\\u0000\"]", 12, true}, {"[\"3\\\\\\u0000\"]", 13, false},
        {"[\"33\"]\0", 7, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(strlen(cases[i].text) <= cases[i].len, true);
        cJSON *j = zk_json_parse(cases[i].text, cases[i].len);
        if ((j != NULL) != cases[i].ok)
            fail_msg("case %zu: %s", i, cases[i].ok ? "rejected" : "accepted");
        cJSON_Delete(j);
    }
    /* Nesting past cJSON's limit is a parse error, not a stack overflow. */
    size_t deep = 200000;
    char *t = zk_alloc(2 * deep, 1);
    assert_non_null(t);
    memset(t, '[', deep);
    memset(t + deep, ']', deep);
    assert_null(zk_json_parse(t, 2 * deep));
    zk_free(t);
    /* The CLI's reader agrees: a valid proof with junk after it is no
     * proof. */
    size_t len;
    uint8_t *proof = fixture(FIXTURES "proof.json", &len);
    uint8_t *junk = zk_alloc(len + 3, 1);
    assert_non_null(junk);
    memcpy(junk, proof, len);
    memcpy(junk + len, "xyz", 3);
    cJSON *j = NULL;
    assert_int_equal(groth16_json_read(&j, spill("proof.json", proof, len)), ZK_OK);
    cJSON_Delete(j);
    assert_int_equal(groth16_json_read(&j, spill("proof.json", junk, len + 3)), ZK_EFORMAT);
    zk_free(junk);
    zk_free(proof);
}

/* cJSON kept both members of {"pi_a": GOOD, "pi_a": BAD} and looked up the
 * first, JSON.parse (snarkjs) keeps the last: one proof file verified here
 * and failed there, and the reverse order flipped both. Every object, at
 * any depth, may name a key once. */
static void test_json_duplicate_keys(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        zk_err want;
    } cases[] = {
        {"{\"a\": 1, \"a\": 2}", ZK_EDUPKEY},
        {"{\"a\": 1, \"b\": 2, \"a\": 1}", ZK_EDUPKEY},
        {"{\"x\": {\"a\": 1, \"b\": 2, \"a\": 3}}", ZK_EDUPKEY},
        {"[1, [{\"k\": [{\"a\": 1, \"a\": 1}]}]]", ZK_EDUPKEY},
        {"{\"a\": 1, \"\\u0061\": 2}", ZK_EDUPKEY},     /* the same key once unescaped */
        {"{\"a\": 1, \"A\": 2, \"b\": {\"a\": 3}}", ZK_OK},
        {"[{\"a\": 1}, {\"a\": 1}]", ZK_OK},
        {"{}", ZK_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *j = (cJSON *)1;
        zk_err e = zk_json_parse_err(&j, cases[i].text, strlen(cases[i].text));
        if (e != cases[i].want)
            fail_msg("case %zu (%s): %s", i, cases[i].text, zk_errname(e));
        assert_true((j != NULL) == (e == ZK_OK));
        cJSON_Delete(j);
        j = zk_json_parse(cases[i].text, strlen(cases[i].text));
        assert_true((j != NULL) == (cases[i].want == ZK_OK));
        cJSON_Delete(j);
    }
    /* An object too big for the parser's stack buffer: 40 keys, the last
     * repeating the first, then all distinct. */
    char big[1024];
    for (int dup = 1; dup >= 0; dup--) {
        size_t n = 0;
        n += (size_t)snprintf(big + n, sizeof big - n, "{");
        for (int k = 0; k < 40; k++)
            n += (size_t)snprintf(big + n, sizeof big - n, "%s\"k%d\": %d", k ? ", " : "",
                                  k == 39 && dup ? 0 : k, k);
        n += (size_t)snprintf(big + n, sizeof big - n, "}");
        cJSON *j;
        assert_int_equal(zk_json_parse_err(&j, big, n), dup ? ZK_EDUPKEY : ZK_OK);
        cJSON_Delete(j);
    }
    /* The proof file with pi_a twice, a good and a bad value in either
     * order: refused whichever comes first. */
    size_t len;
    char *proof = (char *)fixture(FIXTURES "proof.json", &len);
    const char *a = strstr(proof, "\"pi_a\"");
    assert_non_null(a);
    size_t a_len = (size_t)(strchr(a, ']') + 1 - a);
    char *text = zk_alloc(len + 2 * a_len + 16, 1);
    assert_non_null(text);
    size_t rest = len - (size_t)(a - proof);   /* from the good pi_a to the end */
    /* The control names the extra member pi_z: the text is then valid. */
    for (int order = 0; order < 4; order++) {
        char bad[64];
        snprintf(bad, sizeof bad, "\"pi_%c\": [\"1\", \"2\", \"1\"], ", order < 2 ? 'a' : 'z');
        /* "{" then both pi_a members, then the rest of the file after its own. */
        size_t n = 0;
        text[n++] = '{';
        if (order % 2) {
            memcpy(text + n, bad, strlen(bad));
            n += strlen(bad);
        }
        memcpy(text + n, a, a_len);
        n += a_len;
        if (order % 2 == 0) {
            text[n++] = ',';
            memcpy(text + n, bad, strlen(bad) - 2);
            n += strlen(bad) - 2;
        }
        memcpy(text + n, a + a_len, rest - a_len);
        n += rest - a_len;
        cJSON *j = NULL;
        assert_int_equal(groth16_json_read(&j, spill("dup.json", (uint8_t *)text, n)),
                         order < 2 ? ZK_EDUPKEY : ZK_OK);
        assert_true((j == NULL) == (order < 2));
        cJSON_Delete(j);
    }
    zk_free(text);
    zk_free(proof);
}

static void png_chunk(uint8_t *out, size_t *n, const char type[4], const uint8_t *data,
                      size_t len)
{
    uint8_t *p = out + *n;
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(len >> (24 - 8 * i));
    memcpy(p + 4, type, 4);
    if (len)
        memcpy(p + 8, data, len);
    uLong crc = crc32(crc32(0, NULL, 0), p + 4, (uInt)(len + 4));
    for (int i = 0; i < 4; i++)
        p[8 + len + i] = (uint8_t)(crc >> (24 - 8 * i));
    *n += 12 + len;
}

/* A 257-byte PNG claiming 7900 x 7900 pixels made the loader allocate
 * 250 MB before libpng found the data missing. Deflate expands at most
 * 1032 times, so such a file is refused by its length first. */
static void test_png_dimensions_must_fit_the_file(void **state)
{
    (void)state;
    uint8_t png[512], ihdr[13] = {0, 0, 0x1e, 0xdc, 0, 0, 0x1e, 0xdc, 8, 0, 0, 0, 0};
    uint8_t row[64] = {0}, z[128];
    uLongf zlen = sizeof z;
    assert_int_equal(compress(z, &zlen, row, sizeof row), Z_OK);
    size_t n = 8;
    memcpy(png, "\x89PNG\r\n\x1a\n", 8);
    png_chunk(png, &n, "IHDR", ihdr, sizeof ihdr);
    png_chunk(png, &n, "IDAT", z, zlen);
    png_chunk(png, &n, "IEND", NULL, 0);
    uint8_t px[NN_PIXELS];
    char why[256];
    assert_int_equal(nn_digit_from_png(px, png, n, NULL, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "7900 × 7900 pixels cannot fit"));
}

/* A model file's checksum is unkeyed, so a NaN or infinite weight could
 * come with a valid one; `mnist predict --model` then printed an overflow
 * report from an uninitialised struct and crashed. The loader refuses
 * non-finite parameters; huge finite ones load and quantizing them says
 * ZK_EOVERFLOW (which the CLI now reports without a layer). */
static void test_model_parameters_must_be_finite(void **state)
{
    (void)state;
    size_t len;
    uint8_t *buf = fixture("assets/mnist-cnn.zkw", &len);
    size_t at = 16 + ((size_t)buf[8] | (size_t)buf[9] << 8 | (size_t)buf[10] << 16);
    static const float values[] = {NAN, INFINITY, -INFINITY, 1e30f};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        memcpy(buf + at + 4 * 1000, &values[i], 4);
        crypto_generichash(buf + len - 32, 32, buf, len - 32, NULL, 0);
        nn_cnn m;
        char why[600] = "";
        zk_err e = nn_model_load(&m, spill("m.zkw", buf, len), NULL, NULL, why, sizeof why);
        if (isfinite(values[i])) {
            assert_int_equal(e, ZK_OK);
            nn_qparams q;
            nn_qparams_uniform(&q, 8);
            nn_qmodel *qm = NULL;
            assert_int_equal(nn_qmodel_init(&qm, &m, &q), ZK_EOVERFLOW);
            assert_null(qm);
            nn_cnn_free(&m);
        } else {
            assert_int_equal(e, ZK_EFORMAT);
            assert_non_null(strstr(why, "parameter 1000 is not a finite number"));
        }
    }
    zk_free(buf);
}

/* An .r1cs without its label section could claim 2^32 - 1 wires; both
 * readers took it, and `groth16 setup` / `zkey verify` then allocated 300 GB
 * of per-wire points (2^26 wires: minutes of work) for a 200-byte file. */
static void test_r1cs_wire_count_needs_bytes(void **state)
{
    (void)state;
    size_t len;
    uint8_t *buf = fixture(FIXTURES "multiplier.r1cs", &len);
    /* The fixture's sections: header (64 bytes at 12), constraints, labels
     * last; drop the labels and set the count to 2. */
    size_t labels = section_body(buf, len, 3) - 12;
    len = labels;
    buf[8] = 2;
    size_t h = section_body(buf, len, 1) + 36;
    assert_int_equal(read_r1cs(buf, len), ZK_OK);
    assert_int_equal(read_r1cs_cs(buf, len), ZK_OK);
    static const uint32_t wires[] = {0xffffffffu, 1u << 26, 100};
    for (size_t i = 0; i < sizeof wires / sizeof *wires; i++) {
        for (int k = 0; k < 4; k++)
            buf[h + k] = (uint8_t)(wires[i] >> (8 * k));
        assert_int_equal(read_r1cs(buf, len), ZK_EFORMAT);
        assert_int_equal(read_r1cs_cs(buf, len), ZK_EFORMAT);
    }
    zk_free(buf);
}

/* A 16-byte IDX header promising a million 28 x 28 images made the MNIST
 * loader allocate 784 MB before reading a byte of them; the promise must
 * fit the file (at deflate's 1032:1 at most) first. */
static void test_idx_count_must_fit_the_file(void **state)
{
    (void)state;
    static const uint8_t images[16] = {0, 0, 8, 3, 0, 0x0f, 0x42, 0x40, 0, 0, 0, 28, 0, 0, 0, 28};
    static const uint8_t labels[8] = {0, 0, 8, 1, 0, 0, 0, 1};
    char img_path[300];
    snprintf(img_path, sizeof img_path, "%s", spill("i.idx", images, sizeof images));
    const char *lab_path = spill("l.idx", labels, sizeof labels);
    nn_dataset d;
    char why[300] = "";
    assert_int_equal(nn_idx_load(&d, img_path, lab_path, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "1000000 items cannot fit in its 16 bytes"));
}

/* The prover's .r1cs reader sized its terms array for the bytes left after
 * every constraint's 12 bytes of counts, but checked each count only
 * against the bytes left: a header claiming one more constraint than the
 * section holds let the last terms run past the array (heap overflow, found
 * by ZK_HARDEN_MUTATIONS=4000). The fixture's one constraint has a term in
 * each of A, B and C (120 bytes); claiming 2 constraints leaves room for 2. */
static void test_r1cs_terms_leave_room_for_counts(void **state)
{
    (void)state;
    size_t len;
    uint8_t *buf = fixture(FIXTURES "multiplier.r1cs", &len);
    assert_int_equal(read_r1cs_cs(buf, len), ZK_OK);
    buf[section_body(buf, len, 1) + 60] = 2;   /* the constraint count */
    assert_int_equal(read_r1cs_cs(buf, len), ZK_EFORMAT);
    assert_int_equal(read_r1cs(buf, len), ZK_EFORMAT);
    zk_free(buf);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s/zkcave-harden-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/state", tmpdir);
    remove_all(dir);
    rmdir(dir);
    remove_all(tmpdir);
    rmdir(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r1cs),        cmocka_unit_test(test_wtns),
        cmocka_unit_test(test_zkey),        cmocka_unit_test(test_ptau),
        cmocka_unit_test(test_stark_proof), cmocka_unit_test(test_json),
        cmocka_unit_test(test_png),         cmocka_unit_test(test_progress),
        cmocka_unit_test(test_ptau_header_power_needs_its_sections),
        cmocka_unit_test(test_progress_caps),
        cmocka_unit_test(test_json_strict),
        cmocka_unit_test(test_json_duplicate_keys),
        cmocka_unit_test(test_png_dimensions_must_fit_the_file),
        cmocka_unit_test(test_model_parameters_must_be_finite),
        cmocka_unit_test(test_r1cs_wire_count_needs_bytes),
        cmocka_unit_test(test_idx_count_must_fit_the_file),
        cmocka_unit_test(test_r1cs_terms_leave_room_for_counts),
    };
    if (setup(NULL) != 0)
        return 1;
    int failed = ZK_RUN_TESTS(tests);
    teardown(NULL);
    return failed;
}
