/* model-hash: "these private elements hash to this public 4-element
 * digest" (Plonky2's hash_no_pad, hash/poseidon_gl.h), the sponge gadget
 * of air_sponge.h standing alone. Its rows:
 *   0..n-1           ELEM: element k written to the element memory at
 *                    address k (fixed WA = k, WM = 1), -1/(α - k - β·e)
 *   1 .. 10·perms    the sponge, reading each element once
 * Columns: the gadget's 58 main, ELEM; its 36 fixed, WA, WM; aux: its 4
 * helpers, the write's, the running sum L (L_0 = 0, L' = L + Σh, closing
 * at 0 on the last row). N: the power of two holding both. */
#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "core/hex.h"
#include "stark/air_builtin.h"
#include "stark/air_sponge.h"

enum {
    MH_ELEM = AIR_SPONGE_MAIN,
    MH_MAIN,
    MH_WA = MH_MAIN + AIR_SPONGE_FIXED,
    MH_WM,
    MH_WIDTH,
    MH_FIXED = MH_WIDTH - MH_MAIN,
    MH_HW = AIR_SPONGE_AUX,   /* the write's helper */
    MH_L,
    MH_AUX,
    MH_CONS = AIR_SPONGE_CONS + AIR_SPONGE_AUX_CONS + 4,
};

static void mh_gadget(air_sponge *g, const stark_air *a)
{
    *g = (air_sponge){
        .n_elems = (size_t)a->params[0],
        .row0 = 1,
        .col = 0,
        .fcol = MH_MAIN,
        .aux = 0,
        .addr_base = 0,
        .digest = a->pub,
    };
}

static void mh_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                         const gl_t *per)
{
    (void)per;
    air_sponge g;
    mh_gadget(&g, a);
    air_sponge_eval_base(&g, out, cur, next);
}

static void mh_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *per)
{
    (void)per;
    air_sponge g;
    mh_gadget(&g, a);
    air_sponge_eval_ext(&g, out, cur, next);
}

static gl2_t mh_write_den(const gl2_t *cur, const gl2_t *chal)
{
    return gl2_sub(gl2_sub(chal[0], cur[MH_WA]), gl2_mul(chal[1], cur[MH_ELEM]));
}

static void mh_eval_aux(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *acur, const gl2_t *anext, const gl2_t *chal,
                        const gl2_t *per)
{
    (void)next;
    (void)per;
    air_sponge g;
    mh_gadget(&g, a);
    air_sponge_eval_aux(&g, out, cur, acur, chal);
    out[AIR_SPONGE_AUX_CONS] = gl2_add(gl2_mul(acur[MH_HW], mh_write_den(cur, chal)), cur[MH_WM]);
    stark_logup_sum_eval(out + AIR_SPONGE_AUX_CONS + 1, acur, anext, MH_L);
}

static zk_err mh_fixed(const stark_air *a, gl_t *f)
{
    air_sponge g;
    mh_gadget(&g, a);
    memset(f, 0, a->n_rows * MH_FIXED * sizeof *f);
    air_sponge_fixed(&g, f, a->n_rows, MH_MAIN, MH_FIXED);
    for (size_t r = 0; r < a->n_rows; r++) {
        f[r * MH_FIXED + MH_WA - MH_MAIN] = (gl_t)r;
        f[r * MH_FIXED + MH_WM - MH_MAIN] = r < g.n_elems;
    }
    return ZK_OK;
}

static zk_err mh_trace(const stark_air *a, gl_t *t)
{
    air_sponge g;
    mh_gadget(&g, a);
    const gl_t *e = a->witness;
    for (size_t r = 0; r < a->n_rows; r++) {
        memset(t + r * MH_WIDTH, 0, MH_MAIN * sizeof *t);
        t[r * MH_WIDTH + MH_ELEM] = r < g.n_elems ? e[r] : 0;
    }
    air_sponge_trace(&g, t, MH_WIDTH, e);
    return ZK_OK;
}

static zk_err mh_aux(const stark_air *a, gl2_t *aux, const gl_t *t, const gl2_t *chal)
{
    air_sponge g;
    mh_gadget(&g, a);
    memset(aux, 0, a->n_rows * MH_AUX * sizeof *aux);
    zk_err err = air_sponge_aux(&g, aux, MH_AUX, t, MH_WIDTH, chal);
    if (err)
        return err;
    gl2_t l = gl2_from_base(0);
    for (size_t r = 0; r < a->n_rows; r++) {
        const gl_t *row = t + r * MH_WIDTH;
        gl2_t *h = aux + r * MH_AUX;
        if (row[MH_WM]) {
            gl2_t cur[MH_WIDTH];
            cur[MH_WA] = gl2_from_base(row[MH_WA]);
            cur[MH_ELEM] = gl2_from_base(row[MH_ELEM]);
            gl2_t inv;
            if (gl2_inv(&inv, mh_write_den(cur, chal)))
                return ZK_EVERIFY;
            h[MH_HW] = gl2_neg(gl2_mul_base(inv, row[MH_WM]));
        }
        h[MH_L] = l;
        for (int k = 0; k < MH_L; k++)
            l = gl2_add(l, h[k]);
    }
    return ZK_OK;
}

static void mh_free(stark_air *a)
{
    zk_free_secret(a->witness, (size_t)a->params[0], sizeof(gl_t));
    a->witness = NULL;
}

static const stark_air_vt mh_vt = {mh_eval_base, mh_eval_ext, mh_eval_aux, mh_trace,
                                   mh_aux,       mh_free,     mh_fixed};

/* The fixed columns' root for the shipped model's 20,741 elements at the
 * default blowup 8 (they depend on the count alone): what the verifier
 * knows from the AIR, so that `stark verify` does not extend them again
 * (a second on this machine). test_stark_sponge recomputes it. */
static const struct {
    uint64_t elements;
    unsigned log_blowup;
    const char *root;
} mh_roots[] = {
    {20741, 3, "d706f0178b83fd32c7ea785df6353818b34bfaaa23a27b54086700a7e4a9e44e"},
};

static void mh_known_root(stark_air *a, uint64_t n)
{
    for (size_t k = 0; k < sizeof mh_roots / sizeof mh_roots[0]; k++)
        if (mh_roots[k].elements == n &&
            zk_hex_decode_exact(a->fixed_root.b, HASH_BYTES, mh_roots[k].root) == ZK_OK)
            a->fixed_root_log_blowup = mh_roots[k].log_blowup;
}

static size_t mh_rows(uint64_t n)
{
    size_t need = 1 + air_sponge_rows((size_t)n), rows = 4;
    while (rows < need)
        rows *= 2;
    return rows;
}

static bool mh_n_ok(uint64_t n)
{
    return n >= 1 && n <= ((uint64_t)1 << (AIR_MAX_LOG_ROWS - 2)) &&
           air_rows_ok(mh_rows(n));
}

static zk_err mh_shape(stark_air *a, uint64_t n)
{
    size_t rows = mh_rows(n);
    zk_err err = stark_air_init(a, "model-hash", rows, MH_MAIN);
    if (!err)
        err = stark_air_alloc_constraints(a, MH_CONS);
    if (err)
        return err;
    a->vt = &mh_vt;
    a->n_fixed = MH_FIXED;
    a->n_aux = MH_AUX;
    a->n_challenges = 2;
    a->n_main_cons = AIR_SPONGE_CONS;
    a->params[0] = n;
    a->n_params = 1;
    a->n_pub = POSEIDON_GL_DIGEST;
    air_sponge g;
    mh_gadget(&g, a);
    size_t k = AIR_SPONGE_CONS + AIR_SPONGE_AUX_CONS;
    air_sponge_constraints(&g, a, 0, AIR_SPONGE_CONS);
    stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 2, true, "element writes");
    stark_logup_sum_constraints(a, k, rows);
    mh_known_root(a, n);
    return ZK_OK;
}

zk_err air_model_hash_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                                size_t npub)
{
    if (np != 1 || npub != POSEIDON_GL_DIGEST || !mh_n_ok(params[0]))
        return ZK_EINVAL;
    zk_err err = mh_shape(a, params[0]);
    if (err)
        return err;
    memcpy(a->pub, pub, POSEIDON_GL_DIGEST * sizeof *pub);
    return ZK_OK;
}

zk_err air_model_hash_new(stark_air *a, const gl_t *elems, size_t n)
{
    memset(a, 0, sizeof *a);
    if (!mh_n_ok(n))
        return ZK_EINVAL;
    zk_err err = mh_shape(a, n);
    if (err)
        return err;
    gl_t *w = zk_alloc(n, sizeof *w);
    if (!w) {
        stark_air_free(a);
        return ZK_ENOMEM;
    }
    memcpy(w, elems, n * sizeof *w);
    a->witness = w;
    poseidon_gl_hash_no_pad(a->pub, w, n);
    return ZK_OK;
}
