/* The cnn AIR's layer schedule: which addresses each row reads and writes,
 * and its per-row constants, as fixed columns (a function of the statement's
 * shape alone, so the verifier derives them); and the prover's trace, which
 * runs the network row by row from that schedule and the memory it writes.
 * The trace never consults nn/: its integers are the schedule's own, which
 * is why tests can hold them against nn_qinfer's. */
#include <string.h>

#include "core/alloc.h"
#include "stark/air_cnn_rows.h"

/* The stages' first rows (air_cnn.h lists the row counts). */
enum {
    CN_C2_CHUNKS = 9 * AIR_CNN_C1 / CNN_SLOTS,                       /* 12 */
    CN_FC1_CHUNKS = (AIR_CNN_FC_IN + CNN_SLOTS - 1) / CNN_SLOTS,     /* 131 */
    CN_FC2_CHUNKS = (AIR_CNN_HIDDEN + CNN_SLOTS - 1) / CNN_SLOTS,    /* 11 */
    CN_FC2_QUADS = (AIR_CNN_CLASSES + CNN_GROUPS - 1) / CNN_GROUPS,  /* 3 */
    CN_R_QUANT = 0,
    CN_R_CONV1 = CN_R_QUANT + AIR_CNN_PIXELS,
    CN_R_CONV2 = CN_R_CONV1 + AIR_CNN_C1 * 196,
    CN_R_FC1 = CN_R_CONV2 + AIR_CNN_C2 * 49 * CN_C2_CHUNKS,
    CN_R_FC2 = CN_R_FC1 + AIR_CNN_HIDDEN / CNN_GROUPS * CN_FC1_CHUNKS,
    CN_R_END = CN_R_FC2 + CN_FC2_QUADS * CN_FC2_CHUNKS,
};
_Static_assert(CN_R_END <= 1 << AIR_CNN_LOG_ROWS, "the schedule fits the trace");

size_t air_cnn_stage_row(unsigned stage)
{
    static const size_t first[] = {CN_R_QUANT, CN_R_CONV1, CN_R_CONV2,
                                   CN_R_FC1,   CN_R_FC2,   CN_R_END};
    return stage < 6 ? first[stage] : CN_R_END;
}

/* What unit g does with its Y: nothing, a write (multiplicity: its reads)
 * or a read of a public logit (multiplicity -1). */
enum { Y_NONE, Y_WRITE, Y_PUBLIC };

typedef struct cn_plan {
    size_t aa[CNN_SLOTS], ga[CNN_GROUPS * CNN_SLOTS], ba[CNN_GROUPS], ya[CNN_GROUPS];
    int ykind[CNN_GROUPS];
    bool chain, pool, relu;
    gl_t sc, half, div, uoff, uoffh;
} cn_plan;

typedef struct cn_shape {
    unsigned e, r[AIR_CNN_LAYERS], s[AIR_CNN_LAYERS];
    size_t zero;   /* an address holding 0: the public table past the statement */
} cn_shape;

static void cn_shape_of(cn_shape *s, const stark_air *a)
{
    s->e = (unsigned)a->params[0];
    for (unsigned l = 0; l < AIR_CNN_LAYERS; l++) {
        s->r[l] = (unsigned)(a->params[1] >> (8 * l) & 0xff);
        s->s[l] = (unsigned)(a->params[2] >> (8 * l) & 0xff);
    }
    s->zero = AIR_CNN_A_PUB + AIR_CNN_PUB;
}

/* The post unit's constants: V·SC + HALF = DIV·Q + T, T < DIV, U < 2^s. */
static void cn_post(cn_plan *p, gl_t sc, gl_t half, gl_t div, unsigned sbits)
{
    p->sc = sc;
    p->half = half;
    p->div = div;
    /* U < 2^s as two limbs below 2^R, each bounded by a second read. */
    gl_t top = (gl_t)1 << AIR_CNN_LIMB_BITS;
    p->uoff = sbits <= AIR_CNN_LIMB_BITS ? top - ((gl_t)1 << sbits) : 0;
    p->uoffh = sbits <= AIR_CNN_LIMB_BITS ? top - 1
                                          : top - ((gl_t)1 << (sbits - AIR_CNN_LIMB_BITS));
}

static void cn_rescale(cn_plan *p, unsigned r, unsigned sbits)
{
    cn_post(p, 1, (gl_t)1 << (r - 1), (gl_t)1 << r, sbits);
}

/* The conv source (y, x) of a side × side map, or the zero address. */
static size_t cn_src(const cn_shape *s, size_t base, long y, long x, long side)
{
    return y >= 0 && y < side && x >= 0 && x < side ? base + (size_t)(y * side + x) : s->zero;
}

static void cn_plan_row(const cn_shape *s, size_t i, cn_plan *p)
{
    memset(p, 0, sizeof *p);
    for (int j = 0; j < CNN_SLOTS; j++)
        p->aa[j] = s->zero;
    for (int k = 0; k < CNN_GROUPS * CNN_SLOTS; k++)
        p->ga[k] = s->zero;
    for (int g = 0; g < CNN_GROUPS; g++)
        p->ba[g] = s->zero;
    p->relu = true;
    /* Idle post units: 0·0 + 0 = 1·Q + T forces Q = T = 0. */
    cn_post(p, 0, 0, 1, 0);
    if (i < CN_R_CONV1) {
        /* Quantization: B_0 reads the raw byte p, x = floor((p·2^(e+1) +
         * 255) / 510) (nn_quantize_pixel), written where conv1 reads it. */
        p->ba[0] = AIR_CNN_A_PUB + i;
        cn_post(p, (gl_t)1 << (s->e + 1), 255, 510, s->e + 1);
        p->ya[0] = AIR_CNN_A_X + i;
        p->ykind[0] = Y_WRITE;
    } else if (i < CN_R_CONV2) {
        /* conv1: one pool window a row, member g = (dy, dx) in group g, its
         * nine inputs in slots 0..8; the channel's weights (A) and bias
         * shared. */
        size_t w = i - CN_R_CONV1, o = w / 196, wy = w % 196 / 14, wx = w % 14;
        for (int t = 0; t < 9; t++)
            p->aa[t] = AIR_CNN_OFF_CONV1_W + 9 * o + (size_t)t;
        for (int g = 0; g < CNN_GROUPS; g++) {
            for (int t = 0; t < 9; t++)
                p->ga[g * CNN_SLOTS + t] =
                    cn_src(s, AIR_CNN_A_X, (long)(2 * wy) + g / 2 + t / 3 - 1,
                           (long)(2 * wx) + g % 2 + t % 3 - 1, AIR_CNN_SIDE);
            p->ba[g] = AIR_CNN_OFF_CONV1_B + o;
        }
        p->pool = true;
        cn_rescale(p, s->r[0], s->s[0]);
        p->ya[0] = AIR_CNN_A_P1 + w;
        p->ykind[0] = Y_WRITE;
    } else if (i < CN_R_FC1) {
        /* conv2: a pool window over 12 chained rows of 12 taps (k = 9·ch +
         * t, the weights shared) for each of its four members; pooled and
         * rescaled on the last. */
        size_t v = i - CN_R_CONV2, w = v / CN_C2_CHUNKS, c = v % CN_C2_CHUNKS;
        size_t o = w / 49, wy = w % 49 / 7, wx = w % 7;
        for (int j = 0; j < CNN_SLOTS; j++)
            p->aa[j] = AIR_CNN_OFF_CONV2_W + 9 * AIR_CNN_C1 * o + CNN_SLOTS * c + (size_t)j;
        for (int g = 0; g < CNN_GROUPS; g++) {
            for (int j = 0; j < CNN_SLOTS; j++) {
                size_t k = c * CNN_SLOTS + (size_t)j, ch = k / 9, t = k % 9;
                p->ga[g * CNN_SLOTS + j] =
                    cn_src(s, AIR_CNN_A_P1 + ch * 196, (long)(2 * wy + t / 3) + g / 2 - 1,
                           (long)(2 * wx + t % 3) + g % 2 - 1, 14);
            }
            if (c == 0)
                p->ba[g] = AIR_CNN_OFF_CONV2_B + o;
        }
        p->chain = c > 0;
        if (c == CN_C2_CHUNKS - 1) {
            p->pool = true;
            cn_rescale(p, s->r[1], s->s[1]);
            p->ya[0] = AIR_CNN_A_P2 + w;
            p->ykind[0] = Y_WRITE;
        }
    } else if (i < CN_R_FC2) {
        /* fc1: four outputs a row chain, sharing the input slice (A); the
         * last chunk's four spare slots read zeros. */
        size_t v = i - CN_R_FC1, q = v / CN_FC1_CHUNKS, c = v % CN_FC1_CHUNKS;
        for (int j = 0; j < CNN_SLOTS; j++)
            if (c * CNN_SLOTS + (size_t)j < AIR_CNN_FC_IN)
                p->aa[j] = AIR_CNN_A_P2 + c * CNN_SLOTS + (size_t)j;
        for (int g = 0; g < CNN_GROUPS; g++) {
            size_t o = CNN_GROUPS * q + (size_t)g;
            for (int j = 0; j < CNN_SLOTS; j++) {
                size_t k = c * CNN_SLOTS + (size_t)j;
                if (k < AIR_CNN_FC_IN)
                    p->ga[g * CNN_SLOTS + j] = AIR_CNN_OFF_FC1_W + AIR_CNN_FC_IN * o + k;
            }
            if (c == 0)
                p->ba[g] = AIR_CNN_OFF_FC1_B + o;
            if (c == CN_FC1_CHUNKS - 1) {
                p->ya[g] = AIR_CNN_A_F1 + o;
                p->ykind[g] = Y_WRITE;
            }
        }
        p->chain = c > 0;
        if (c == CN_FC1_CHUNKS - 1)
            cn_rescale(p, s->r[2], s->s[2]);
    } else if (i < CN_R_END) {
        /* fc2: as fc1, no ReLU; each logit read from the public table. The
         * last quad's two spare groups read zeros. */
        size_t v = i - CN_R_FC2, q = v / CN_FC2_CHUNKS, c = v % CN_FC2_CHUNKS;
        for (int j = 0; j < CNN_SLOTS; j++)
            if (c * CNN_SLOTS + (size_t)j < AIR_CNN_HIDDEN)
                p->aa[j] = AIR_CNN_A_F1 + c * CNN_SLOTS + (size_t)j;
        for (int g = 0; g < CNN_GROUPS; g++) {
            size_t o = CNN_GROUPS * q + (size_t)g;
            if (o >= AIR_CNN_CLASSES)
                continue;
            for (int j = 0; j < CNN_SLOTS; j++) {
                size_t k = c * CNN_SLOTS + (size_t)j;
                if (k < AIR_CNN_HIDDEN)
                    p->ga[g * CNN_SLOTS + j] = AIR_CNN_OFF_FC2_W + AIR_CNN_HIDDEN * o + k;
            }
            if (c == 0)
                p->ba[g] = AIR_CNN_OFF_FC2_B + o;
            if (c == CN_FC2_CHUNKS - 1) {
                p->ya[g] = AIR_CNN_A_PUB + AIR_CNN_PIXELS + o;
                p->ykind[g] = Y_PUBLIC;
            }
        }
        p->chain = c > 0;
        p->relu = false;
        if (c == CN_FC2_CHUNKS - 1)
            cn_rescale(p, s->r[3], s->s[3]);
    }
    /* Padding rows keep the defaults: every read of 0, no write. */
}

/* Reads per address over the whole schedule (size AIR_CNN_A_PUB + N). */
static uint32_t *cn_read_counts(const cn_shape *s, size_t rows)
{
    uint32_t *cnt = zk_calloc(AIR_CNN_A_PUB + rows, sizeof *cnt);
    if (!cnt)
        return NULL;
    cn_plan p;
    for (size_t i = 0; i < rows; i++) {
        cn_plan_row(s, i, &p);
        for (int j = 0; j < CNN_SLOTS; j++)
            cnt[p.aa[j]]++;
        for (int k = 0; k < CNN_GROUPS * CNN_SLOTS; k++)
            cnt[p.ga[k]]++;
        for (int g = 0; g < CNN_GROUPS; g++) {
            cnt[p.ba[g]]++;
            if (p.ykind[g] == Y_PUBLIC)
                cnt[p.ya[g]]++;
        }
    }
    return cnt;
}

void air_cnn_gadgets(const stark_air *a, air_sponge *g, air_unpack *u)
{
    static const size_t addr[2 * AIR_CNN_LAYERS] = {
        AIR_CNN_OFF_CONV1_W, AIR_CNN_OFF_CONV1_B, AIR_CNN_OFF_CONV2_W, AIR_CNN_OFF_CONV2_B,
        AIR_CNN_OFF_FC1_W,   AIR_CNN_OFF_FC1_B,   AIR_CNN_OFF_FC2_W,   AIR_CNN_OFF_FC2_B};
    const gl_t *h = a->pub + AIR_CNN_PUB_HEADER;
    memset(u, 0, sizeof *u);
    for (size_t l = 0; l < AIR_CNN_LAYERS; l++) {
        const gl_t *L = h + 4 + 8 * l;   /* fan-in, outputs, ..., b_w, b_b */
        u->t[2 * l] = (air_unpack_tensor){(size_t)(L[0] * L[1]), (unsigned)L[6], 0, addr[2 * l]};
        u->t[2 * l + 1] = (air_unpack_tensor){(size_t)L[1], (unsigned)L[7], 0, addr[2 * l + 1]};
    }
    u->n_tensors = 2 * AIR_CNN_LAYERS;
    for (size_t k = 0; k < AIR_CNN_HEADER; k++)
        u->header[k] = h[k];
    u->n_header = AIR_CNN_HEADER;
    u->lanes = CNN_LANES;
    u->range_bits = AIR_CNN_LIMB_BITS;
    u->elem_base = AIR_CNN_A_ELEM;
    u->row0 = 1;
    u->col = CNN_UP;
    u->fcol = CNN_UF;
    u->aux = CNN_AUX_UP;
    *g = (air_sponge){air_unpack_elements(u), 1, CNN_SP, CNN_SF, CNN_AUX_SP, AIR_CNN_A_ELEM,
                      a->pub + AIR_CNN_PUB_DIGEST};
}

zk_err air_cnn_rows_fixed(const stark_air *a, gl_t *f)
{
    cn_shape s;
    cn_shape_of(&s, a);
    size_t rows = a->n_rows;
    uint32_t *cnt = cn_read_counts(&s, rows);
    if (!cnt)
        return ZK_ENOMEM;
    memset(f, 0, rows * CNN_FIXED * sizeof *f);
    /* The lanes write each parameter as often as the schedule reads it:
     * the same count for a whole tensor (a conv1 weight 196 times, its
     * bias 784, a conv2 weight 49, its bias 196, an fc parameter once). */
    air_sponge sp;
    air_unpack u;
    air_cnn_gadgets(a, &sp, &u);
    for (size_t t = 0; t < u.n_tensors; t++) {
        u.t[t].uses = cnt[u.t[t].addr];
        for (size_t i = 0; i < u.t[t].len; i++)
            if (cnt[u.t[t].addr + i] != u.t[t].uses) {
                zk_free(cnt);
                return ZK_EINVAL;
            }
    }
    air_unpack_fixed(&u, f, CNN_MAIN, CNN_FIXED);
    air_sponge_fixed(&sp, f, rows, CNN_MAIN, CNN_FIXED);
    cn_plan p;
    for (size_t i = 0; i < rows; i++) {
        gl_t *fx = f + i * CNN_FIXED - CNN_MAIN;   /* fx[col] for a column of the row */
        cn_plan_row(&s, i, &p);
        for (int j = 0; j < CNN_SLOTS; j++)
            fx[CNN_AA + j] = (gl_t)p.aa[j];
        for (int k = 0; k < CNN_GROUPS * CNN_SLOTS; k++)
            fx[CNN_GA + k] = (gl_t)p.ga[k];
        for (int g = 0; g < CNN_GROUPS; g++) {
            fx[CNN_BA + g] = (gl_t)p.ba[g];
            fx[CNN_YA + g] = (gl_t)p.ya[g];
            fx[CNN_YM + g] = p.ykind[g] == Y_WRITE    ? (gl_t)cnt[p.ya[g]]
                             : p.ykind[g] == Y_PUBLIC ? gl_neg(1)
                                                      : 0;
        }
        fx[CNN_CHAIN] = p.chain;
        fx[CNN_POOL] = p.pool;
        fx[CNN_RELU] = p.relu;
        fx[CNN_SC] = p.sc;
        fx[CNN_HALF] = p.half;
        fx[CNN_DIV] = p.div;
        fx[CNN_UOFF] = p.uoff;
        fx[CNN_UOFFH] = p.uoffh;
        fx[CNN_IDX] = (gl_t)i;
        fx[CNN_MPUB] = (gl_t)cnt[AIR_CNN_A_PUB + i];
    }
    zk_free(cnt);
    return ZK_OK;
}

/* floor(v / d) for d > 0, without relying on how / rounds negatives. */
static int64_t cn_floor_div(int64_t v, int64_t d)
{
    int64_t q = v / d;
    return (v % d != 0 && v < 0) ? q - 1 : q;
}

/* One row of the trace from the memory so far; returns the range reads in
 * rr[32]. Sums wrap in uint64 (a bad witness gives a trace that fails its
 * constraints, never undefined behaviour). */
static void cn_row(gl_t *row, int64_t *mem, uint64_t rr[8 * CNN_GROUPS], const int64_t *prev)
{
    int64_t acc[CNN_GROUPS], m = 0, sh[CNN_SLOTS];
    for (int j = 0; j < CNN_SLOTS; j++) {
        sh[j] = mem[row[CNN_AA + j]];
        row[CNN_A + j] = air_cnn_field(sh[j]);
    }
    for (int g = 0; g < CNN_GROUPS; g++) {
        uint64_t sum = (uint64_t)mem[row[CNN_BA + g]] + (row[CNN_CHAIN] ? (uint64_t)prev[g] : 0);
        row[CNN_B + g] = air_cnn_field(mem[row[CNN_BA + g]]);
        for (int j = 0; j < CNN_SLOTS; j++) {
            int k = g * CNN_SLOTS + j;
            int64_t own = mem[row[CNN_GA + k]];
            row[CNN_G + k] = air_cnn_field(own);
            sum += (uint64_t)sh[j] * (uint64_t)own;
        }
        acc[g] = (int64_t)sum;
        row[CNN_ACC + g] = air_cnn_field(acc[g]);
        m = g == 0 || acc[g] > m ? acc[g] : m;
    }
    bool pool = row[CNN_POOL] != 0;
    gl_t d[CNN_GROUPS];
    for (int g = 0; g < CNN_GROUPS; g++) {
        uint64_t dg = pool ? (uint64_t)m - (uint64_t)acc[g] : 0;
        rr[8 * g] = dg & (((uint64_t)1 << AIR_CNN_LIMB_BITS) - 1);
        rr[8 * g + 1] = dg >> AIR_CNN_LIMB_BITS;
        row[CNN_DL + g] = rr[8 * g];
        row[CNN_DH + g] = air_cnn_field((int64_t)rr[8 * g + 1]);
        d[g] = air_cnn_field((int64_t)dg);
    }
    row[CNN_M] = pool ? air_cnn_field(m) : 0;
    row[CNN_E] = gl_mul(d[0], d[1]);
    row[CNN_E2] = gl_mul(row[CNN_E], d[2]);
    int64_t sc = (int64_t)row[CNN_SC], div = (int64_t)row[CNN_DIV];
    for (int g = 0; g < CNN_GROUPS; g++) {
        int64_t v = g == 0 && pool ? m : acc[g];
        int64_t num = (int64_t)((uint64_t)v * (uint64_t)sc + row[CNN_HALF]);
        int64_t q = cn_floor_div(num, div), t = num - q * div, u = q >= 0 ? q : -1 - q;
        row[CNN_Q + g] = air_cnn_field(q);
        row[CNN_T + g] = (gl_t)t;
        row[CNN_S + g] = q >= 0;
        row[CNN_U + g] = (uint64_t)u & (((uint64_t)1 << AIR_CNN_LIMB_BITS) - 1);
        row[CNN_UH + g] = air_cnn_field((int64_t)((uint64_t)u >> AIR_CNN_LIMB_BITS));
        int64_t y = row[CNN_RELU] && q < 0 ? 0 : q;
        row[CNN_Y + g] = air_cnn_field(y);
        gl_t ym = row[CNN_YM + g];
        if (ym != 0 && ym != gl_neg(1))
            mem[row[CNN_YA + g]] = y;
        rr[8 * g + 2] = (uint64_t)t;
        rr[8 * g + 3] = (uint64_t)t + ((uint64_t)1 << AIR_CNN_LIMB_BITS) - (uint64_t)div;
        rr[8 * g + 4] = row[CNN_U + g];
        rr[8 * g + 5] = row[CNN_U + g] + row[CNN_UOFF];
        rr[8 * g + 6] = (uint64_t)u >> AIR_CNN_LIMB_BITS;
        rr[8 * g + 7] = ((uint64_t)u >> AIR_CNN_LIMB_BITS) + row[CNN_UOFFH];
    }
}

zk_err air_cnn_pack(air_cnn_packing *p, const stark_air *a)
{
    air_cnn_gadgets(a, &p->g, &p->u);
    const int64_t *w = a->witness;
    for (size_t t = 0; t < p->u.n_tensors; t++)
        p->values[t] = w + p->u.t[t].addr;
    p->elems = zk_alloc(p->g.n_elems, sizeof *p->elems);
    if (!p->elems)
        return ZK_ENOMEM;
    air_unpack_pack(p->elems, &p->u, p->values);
    return ZK_OK;
}

void air_cnn_pack_free(air_cnn_packing *p)
{
    zk_free_secret(p->elems, p->g.n_elems, sizeof *p->elems);
    p->elems = NULL;
}

/* The unpack lanes from the parameters and the sponge over the elements
 * they pack (the fixed columns written). */
static zk_err cn_commitment_trace(const stark_air *a, gl_t *tr)
{
    air_cnn_packing p;
    if (air_cnn_pack(&p, a))
        return ZK_ENOMEM;
    air_unpack_trace(&p.u, tr, CNN_WIDTH, p.values);
    air_sponge_trace(&p.g, tr, CNN_WIDTH, p.elems);
    air_cnn_pack_free(&p);
    return ZK_OK;
}

/* The fixed columns are in the trace already (the engine wrote them). */
zk_err air_cnn_rows_trace(const stark_air *a, gl_t *tr)
{
    size_t rows = a->n_rows, table = (size_t)1 << AIR_CNN_LIMB_BITS;
    int64_t *mem = zk_calloc(AIR_CNN_A_PUB + rows, sizeof *mem);
    gl_t *rm = zk_calloc(table, sizeof *rm);
    zk_err err = mem && rm ? ZK_OK : ZK_ENOMEM;
    if (err)
        goto done;
    /* The gadgets' columns are zero outside their rows. */
    for (size_t i = 0; i < rows; i++)
        memset(tr + i * CNN_WIDTH, 0, CNN_MAIN * sizeof *tr);
    memcpy(mem, a->witness, AIR_CNN_PARAMS * sizeof *mem);
    for (size_t i = 0; i < a->n_pub; i++)
        mem[AIR_CNN_A_PUB + i] = air_cnn_signed(a->pub[i]);
    int64_t prev[CNN_GROUPS] = {0};
    uint64_t rr[8 * CNN_GROUPS];
    for (size_t i = 0; i < rows; i++) {
        gl_t *row = tr + i * CNN_WIDTH;
        cn_row(row, mem, rr, prev);
        for (int g = 0; g < CNN_GROUPS; g++)
            prev[g] = air_cnn_signed(row[CNN_ACC + g]);
        /* What leaves the range has no table row: the lookup fails, as it
         * must for a value wider than the statement allows. */
        for (int k = 0; k < 8 * CNN_GROUPS; k++)
            if (rr[k] < table)
                rm[rr[k]]++;
    }
    if ((err = cn_commitment_trace(a, tr)))
        goto done;
    air_sponge sp;
    air_unpack u;
    air_cnn_gadgets(a, &sp, &u);
    /* A slot out of its width likewise. */
    air_unpack_range_counts(&u, tr, CNN_WIDTH, rows, rm);
    for (size_t i = 0; i < rows; i++)
        tr[i * CNN_WIDTH + CNN_RM] = i < table ? rm[i] : 0;
done:
    zk_free_secret(mem, AIR_CNN_A_PUB + rows, sizeof *mem);
    zk_free(rm);
    return err;
}

void air_cnn_values_of(air_cnn_values *v, const stark_air *a, const gl_t *tr)
{
    (void)a;
    const gl_t *row;
    for (size_t i = 0; i < AIR_CNN_PIXELS; i++)
        v->x[i] = (int32_t)air_cnn_signed(tr[(CN_R_QUANT + i) * CNN_WIDTH + CNN_Y]);
    for (size_t i = 0; i < AIR_CNN_C1 * 196; i++)
        v->p1[i] = (int32_t)air_cnn_signed(tr[(CN_R_CONV1 + i) * CNN_WIDTH + CNN_Y]);
    for (size_t i = 0; i < AIR_CNN_FC_IN; i++) {
        row = tr + (CN_R_CONV2 + (i + 1) * CN_C2_CHUNKS - 1) * CNN_WIDTH;
        v->p2[i] = (int32_t)air_cnn_signed(row[CNN_Y]);
    }
    for (size_t o = 0; o < AIR_CNN_HIDDEN; o++) {
        row = tr + (CN_R_FC1 + (o / CNN_GROUPS + 1) * CN_FC1_CHUNKS - 1) * CNN_WIDTH;
        v->f1[o] = (int32_t)air_cnn_signed(row[CNN_Y + o % CNN_GROUPS]);
    }
    for (size_t o = 0; o < AIR_CNN_CLASSES; o++) {
        row = tr + (CN_R_FC2 + (o / CNN_GROUPS + 1) * CN_FC2_CHUNKS - 1) * CNN_WIDTH;
        v->z[o] = air_cnn_signed(row[CNN_Y + o % CNN_GROUPS]);
    }
}
