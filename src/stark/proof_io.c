/* The proof file format, version 1. All integers little-endian; a field
 * element is a u64 below p, an extension element two of them (c0, c1).
 *
 *   magic "ZKSTARK\0"  u16 version = 1
 *   u8 name length, name            the AIR (fibonacci, poseidon-chain, ...)
 *   u8 n, u64 × n                   its shape parameters
 *   u8 n, u64 × n                   public inputs; n = 255 is followed by
 *                                   a u16 with the true count (255 to
 *                                   STARK_AIR_MAX_PUB), for the public-input
 *                                   column's statements
 *   u8 log2 blowup, u8 queries, u8 grinding bits, u8 log2 folding factor,
 *   u32 FRI remainder target, u8 zero knowledge (0/1)
 *   u8 × 3                          security: conjectured, proven UDR, proven LDR
 *                                   (the verifier recomputes them; a proof whose
 *                                   figures differ is malformed)
 *   32-byte roots: main trace, auxiliary trace (only if the AIR has one),
 *                  composition
 *   out-of-domain values: main then fixed columns at z, the same at ω·z,
 *                  then the auxiliary columns at z and ω·z, composition
 *                  columns at z
 *   u8 r, r × 32-byte FRI layer roots
 *   u32 n, n extension elements     the FRI remainder polynomial
 *   u64                             proof-of-work nonce
 *   openings, for the main, fixed (if any; unsalted), auxiliary (if any),
 *   composition trees and each FRI layer: u16 leaves, leaves × width
 *              values, leaves × salt bytes, u32 nodes, nodes × 32 bytes
 * The fixed columns' root is not in the file: the verifier derives it from
 * the AIR. A proof of an AIR without public-input column, fixed columns or
 * more than 254 public values is laid out exactly as before they existed.
 * Nothing may follow. Every count is checked against what the AIR and the
 * options imply before anything is allocated. */
#include <string.h>

#include "core/alloc.h"
#include "core/bytes.h"
#include "stark/fri.h"

static const uint8_t MAGIC[8] = {'Z', 'K', 'S', 'T', 'A', 'R', 'K', 0};
#define PROOF_VERSION 1
/* A public-input count byte of this value announces a u16 count. */
#define PUB_ESCAPE 255

/* ---- writing --------------------------------------------------------------- */

/* The proof is written into core's byte buffer (core/bytes.h). */
typedef zk_bytes wbuf;

static void put(wbuf *w, const void *data, size_t n)
{
    zk_bytes_put(w, data, n);
}

static void put_uint(wbuf *w, uint64_t v, int bytes)
{
    zk_bytes_put_le(w, v, (unsigned)bytes);
}

static void put_gl(wbuf *w, const gl_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_uint(w, v[i], 8);
}

static void put_gl2(wbuf *w, const gl2_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_gl(w, v[i].c, 2);
}

static void put_opening(wbuf *w, const stark_opening *o)
{
    put_uint(w, o->n, 2);
    put_gl(w, o->values, o->n * o->width);
    put(w, o->salts, o->n * o->salt_len);
    put_uint(w, o->n_nodes, 4);
    for (size_t i = 0; i < o->n_nodes; i++)
        put(w, o->nodes[i].b, HASH_BYTES);
}

zk_err stark_proof_encode(const stark_proof *p, const stark_air *air, uint8_t **buf, size_t *len)
{
    stark_layout l;
    zk_err err = stark_layout_make(&l, air, &p->opt, NULL);
    if (err)
        return err;
    wbuf w;
    zk_bytes_init(&w, 0);
    put(&w, MAGIC, sizeof MAGIC);
    put_uint(&w, PROOF_VERSION, 2);
    size_t nl = strlen(p->air);
    put_uint(&w, nl, 1);
    put(&w, p->air, nl);
    put_uint(&w, p->n_params, 1);
    for (size_t i = 0; i < p->n_params; i++)
        put_uint(&w, p->params[i], 8);
    if (p->n_pub < PUB_ESCAPE) {
        put_uint(&w, p->n_pub, 1);
    } else {
        put_uint(&w, PUB_ESCAPE, 1);
        put_uint(&w, p->n_pub, 2);
    }
    put_gl(&w, p->pub, p->n_pub);
    put_uint(&w, p->opt.log_blowup, 1);
    put_uint(&w, p->opt.queries, 1);
    put_uint(&w, p->opt.grinding, 1);
    put_uint(&w, p->opt.log_folding, 1);
    put_uint(&w, p->opt.fri_remainder, 4);
    put_uint(&w, p->opt.zk, 1);
    put_uint(&w, p->sec.conjectured, 1);
    put_uint(&w, p->sec.proven_udr, 1);
    put_uint(&w, p->sec.proven_ldr, 1);
    put(&w, p->main_root.b, HASH_BYTES);
    if (air->n_aux)
        put(&w, p->aux_root.b, HASH_BYTES);
    put(&w, p->comp_root.b, HASH_BYTES);
    put_gl2(&w, p->ood_main, 2 * stark_air_row_width(air));
    put_gl2(&w, p->ood_aux, 2 * air->n_aux);
    put_gl2(&w, p->ood_comp, l.n_comp);
    put_uint(&w, p->n_fri, 1);
    for (size_t i = 0; i < p->n_fri; i++)
        put(&w, p->fri_roots[i].b, HASH_BYTES);
    put_uint(&w, p->n_rem, 4);
    put_gl2(&w, p->fri_rem, p->n_rem);
    put_uint(&w, p->pow_nonce, 8);
    put_opening(&w, &p->main);
    if (air->n_fixed)
        put_opening(&w, &p->fixed);
    if (air->n_aux)
        put_opening(&w, &p->aux);
    put_opening(&w, &p->comp);
    for (size_t i = 0; i < p->n_fri; i++)
        put_opening(&w, &p->fri[i]);
    if (w.failed) {
        zk_free(w.p);
        return ZK_ENOMEM;
    }
    *buf = w.p;
    *len = w.len;
    return ZK_OK;
}

/* ---- reading --------------------------------------------------------------- */

typedef struct rbuf {
    const uint8_t *p;
    size_t len, at;
    bool bad;
} rbuf;

static const uint8_t *take(rbuf *r, size_t n)
{
    if (r->bad || n > r->len - r->at) {
        r->bad = true;
        return NULL;
    }
    const uint8_t *q = r->p + r->at;
    r->at += n;
    return q;
}

static uint64_t get_uint(rbuf *r, int bytes)
{
    const uint8_t *b = take(r, (size_t)bytes);
    uint64_t v = 0;
    if (!b)
        return 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

static void get_gl(rbuf *r, gl_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        v[i] = get_uint(r, 8);
        if (v[i] >= GL_P)
            r->bad = true;
    }
}

static void get_gl2(rbuf *r, gl2_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        get_gl(r, v[i].c, 2);
}

static void get_digest(rbuf *r, hash_digest *d)
{
    const uint8_t *b = take(r, HASH_BYTES);
    if (b)
        memcpy(d->b, b, HASH_BYTES);
}

/* The statement and options: everything before the roots. */
static void get_head(rbuf *r, stark_proof *p)
{
    const uint8_t *m = take(r, sizeof MAGIC);
    if (!m || memcmp(m, MAGIC, sizeof MAGIC) != 0 || get_uint(r, 2) != PROOF_VERSION) {
        r->bad = true;
        return;
    }
    size_t nl = (size_t)get_uint(r, 1);
    const uint8_t *name = take(r, nl);
    if (!name || nl == 0 || nl >= STARK_AIR_NAME_MAX || memchr(name, 0, nl)) {
        r->bad = true;
        return;
    }
    memcpy(p->air, name, nl);
    p->air[nl] = 0;
    p->n_params = (size_t)get_uint(r, 1);
    if (p->n_params > STARK_AIR_MAX_PARAMS) {
        r->bad = true;
        return;
    }
    for (size_t i = 0; i < p->n_params; i++)
        p->params[i] = get_uint(r, 8);
    p->n_pub = (size_t)get_uint(r, 1);
    /* The long form only for counts the short one cannot say: one
     * encoding per statement. */
    if (p->n_pub == PUB_ESCAPE && ((p->n_pub = (size_t)get_uint(r, 2)) < PUB_ESCAPE))
        r->bad = true;
    if (r->bad || p->n_pub > STARK_AIR_MAX_PUB) {
        r->bad = true;
        return;
    }
    get_gl(r, p->pub, p->n_pub);
    p->opt.log_blowup = (unsigned)get_uint(r, 1);
    p->opt.queries = (unsigned)get_uint(r, 1);
    p->opt.grinding = (unsigned)get_uint(r, 1);
    p->opt.log_folding = (unsigned)get_uint(r, 1);
    p->opt.fri_remainder = (unsigned)get_uint(r, 4);
    uint64_t zk = get_uint(r, 1);
    if (zk > 1)
        r->bad = true;
    p->opt.zk = zk == 1;
    p->sec.conjectured = (unsigned)get_uint(r, 1);
    p->sec.proven_udr = (unsigned)get_uint(r, 1);
    p->sec.proven_ldr = (unsigned)get_uint(r, 1);
}

zk_err stark_proof_peek(const uint8_t *buf, size_t len, char name[STARK_AIR_NAME_MAX],
                        uint64_t *params, size_t *n_params, gl_t *pub, size_t *n_pub)
{
    stark_proof p;
    memset(&p, 0, sizeof p);
    rbuf r = {buf, len, 0, false};
    if (len > STARK_PROOF_MAX_BYTES)
        return ZK_EFORMAT;
    get_head(&r, &p);
    if (r.bad)
        return ZK_EFORMAT;
    memcpy(name, p.air, STARK_AIR_NAME_MAX);
    memcpy(params, p.params, p.n_params * sizeof *params);
    *n_params = p.n_params;
    memcpy(pub, p.pub, p.n_pub * sizeof *pub);
    *n_pub = p.n_pub;
    return ZK_OK;
}

static zk_err get_opening(rbuf *r, stark_opening *o, size_t width, size_t salt_len,
                          size_t max_leaves, unsigned depth)
{
    memset(o, 0, sizeof *o);
    o->n = (size_t)get_uint(r, 2);
    o->width = width;
    o->salt_len = salt_len;
    if (r->bad || o->n == 0 || o->n > max_leaves)
        return ZK_EFORMAT;
    /* Check the bytes are there before allocating for them. */
    if (o->n * (8 * width + salt_len) > r->len - r->at)
        return ZK_EFORMAT;
    o->values = zk_alloc(o->n * width + 1, sizeof *o->values);
    o->salts = zk_alloc(o->n * salt_len + 1, 1);
    if (!o->values || !o->salts)
        return ZK_ENOMEM;
    get_gl(r, o->values, o->n * width);
    const uint8_t *s = take(r, o->n * salt_len);
    if (s)
        memcpy(o->salts, s, o->n * salt_len);
    o->n_nodes = (size_t)get_uint(r, 4);
    if (r->bad || o->n_nodes > o->n * depth || o->n_nodes * HASH_BYTES > r->len - r->at)
        return ZK_EFORMAT;
    if (!(o->nodes = zk_alloc(o->n_nodes + 1, sizeof *o->nodes)))
        return ZK_ENOMEM;
    for (size_t i = 0; i < o->n_nodes; i++)
        get_digest(r, &o->nodes[i]);
    return r->bad ? ZK_EFORMAT : ZK_OK;
}

static zk_err decode(stark_proof *p, rbuf *r, const stark_air *air)
{
    get_head(r, p);
    if (r->bad)
        return ZK_EFORMAT;
    stark_layout l;
    zk_err err = stark_layout_make(&l, air, &p->opt, NULL);
    if (err)
        return err;
    get_digest(r, &p->main_root);
    if (air->n_aux)
        get_digest(r, &p->aux_root);
    get_digest(r, &p->comp_root);
    size_t w = stark_air_row_width(air);
    p->ood_main = zk_alloc(2 * w, sizeof *p->ood_main);
    p->ood_aux = zk_alloc(2 * air->n_aux + 1, sizeof *p->ood_aux);
    p->ood_comp = zk_alloc(l.n_comp, sizeof *p->ood_comp);
    if (!p->ood_main || !p->ood_aux || !p->ood_comp)
        return ZK_ENOMEM;
    get_gl2(r, p->ood_main, 2 * w);
    get_gl2(r, p->ood_aux, 2 * air->n_aux);
    get_gl2(r, p->ood_comp, l.n_comp);
    if (get_uint(r, 1) != l.fri_layers || r->bad)
        return ZK_EFORMAT;
    p->n_fri = l.fri_layers;
    p->fri_roots = zk_alloc(l.fri_layers + 1, sizeof *p->fri_roots);
    p->fri = zk_calloc(l.fri_layers + 1, sizeof *p->fri);
    if (!p->fri_roots || !p->fri)
        return ZK_ENOMEM;
    for (size_t i = 0; i < p->n_fri; i++)
        get_digest(r, &p->fri_roots[i]);
    /* The options can ask for a remainder of millions of coefficients: the
     * bytes must be there before anything is allocated for them. */
    if (get_uint(r, 4) != l.fri_rem || r->bad || l.fri_rem > (r->len - r->at) / 16)
        return ZK_EFORMAT;
    p->n_rem = l.fri_rem;
    if (!(p->fri_rem = zk_alloc(l.fri_rem, sizeof *p->fri_rem)))
        return ZK_ENOMEM;
    get_gl2(r, p->fri_rem, l.fri_rem);
    p->pow_nonce = get_uint(r, 8);
    if (r->bad)
        return ZK_EFORMAT;
    size_t q = p->opt.queries;
    if ((err = get_opening(r, &p->main, l.main_width, l.salt_len, q, l.log_lde)))
        return err;
    if (air->n_fixed && (err = get_opening(r, &p->fixed, l.fixed_width, 0, q, l.log_lde)))
        return err;
    if (air->n_aux && (err = get_opening(r, &p->aux, l.aux_width, l.salt_len, q, l.log_lde)))
        return err;
    if ((err = get_opening(r, &p->comp, l.comp_width, l.salt_len, q, l.log_lde)))
        return err;
    size_t f = (size_t)1 << p->opt.log_folding;
    for (size_t i = 0; i < p->n_fri; i++) {
        unsigned depth = l.log_lde - (unsigned)(i + 1) * p->opt.log_folding;
        if ((err = get_opening(r, &p->fri[i], 2 * f, l.salt_len, q, depth)))
            return err;
    }
    if (r->bad || r->at != r->len)
        return ZK_EFORMAT;
    return ZK_OK;
}

zk_err stark_proof_decode(stark_proof *p, const uint8_t *buf, size_t len, const stark_air *air)
{
    memset(p, 0, sizeof *p);
    if (len > STARK_PROOF_MAX_BYTES)
        return ZK_EFORMAT;
    rbuf r = {buf, len, 0, false};
    zk_err err = decode(p, &r, air);
    if (err)
        stark_proof_free(p);
    return err;
}

zk_err stark_proof_open(stark_air *a, stark_proof *p, char name[STARK_AIR_NAME_MAX],
                        stark_open_stage *stage, const uint8_t *buf, size_t len)
{
    uint64_t params[STARK_AIR_MAX_PARAMS];
    gl_t pub[STARK_AIR_MAX_PUB];
    size_t np, npub;
    name[0] = '\0';
    *stage = STARK_OPEN_STATEMENT;
    zk_err err = stark_proof_peek(buf, len, name, params, &np, pub, &npub);
    if (err)
        return err;
    *stage = STARK_OPEN_AIR;
    if ((err = stark_air_from_statement(a, name, params, np, pub, npub)))
        return err;
    *stage = STARK_OPEN_PROOF;
    if ((err = stark_proof_decode(p, buf, len, a)))
        stark_air_free(a);
    return err;
}
