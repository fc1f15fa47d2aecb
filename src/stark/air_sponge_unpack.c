/* Unpack lanes (air_sponge_unpack.h): parameters as range-checked slots,
 * written to the CNN's memory and packed into the sponge's elements. */
#include <string.h>

#include "stark/air_sponge_unpack.h"

static size_t up_slots(unsigned b)
{
    return (size_t)(63 / b);
}

static size_t up_tensor_elems(const air_unpack_tensor *t)
{
    return (t->len + up_slots(t->bits) - 1) / up_slots(t->bits);
}

size_t air_unpack_elements(const air_unpack *u)
{
    size_t n = u->n_header;
    for (size_t t = 0; t < u->n_tensors; t++)
        n += up_tensor_elems(&u->t[t]);
    return n;
}

bool air_unpack_ok(const air_unpack *u)
{
    if (u->n_tensors > AIR_UNPACK_TENSORS_MAX || u->n_header > AIR_UNPACK_HEADER_MAX ||
        u->range_bits < 1 || u->range_bits > 32 || u->row0 < 1 || u->lanes < 1 ||
        u->lanes > AIR_UNPACK_LANES_MAX)
        return false;
    for (size_t t = 0; t < u->n_tensors; t++)
        if (u->t[t].bits < 1 || u->t[t].bits > u->range_bits || u->t[t].len == 0)
            return false;
    return true;
}

/* One slot's place: lane and row (from row0), tensor t, parameter i, slot
 * j of element k whose highest slot is top. */
typedef struct up_slot {
    size_t lane, row, t, i, k;
    unsigned j, top;
} up_slot;

typedef void (*up_visit)(void *ctx, const air_unpack *u, const up_slot *s);

/* Places the elements in lanes of height h (air_sponge_unpack.h, Lanes),
 * calling visit for every slot (visit may be NULL); false if they do not
 * fit. */
static bool up_walk(const air_unpack *u, size_t h, up_visit visit, void *ctx)
{
    size_t lane = 0, row = 0, k = u->n_header;
    for (size_t t = 0; t < u->n_tensors; t++) {
        const air_unpack_tensor *tt = &u->t[t];
        size_t per = up_slots(tt->bits);
        for (size_t e = 0; e * per < tt->len; e++, k++) {
            size_t have = tt->len - e * per < per ? tt->len - e * per : per;
            if (row + have > h) {
                lane++;
                row = 0;
            }
            if (lane >= u->lanes)
                return false;
            for (size_t s = 0; s < have; s++, row++) {
                up_slot sl = {lane, row, t, e * per + have - 1 - s, k,
                              (unsigned)(have - 1 - s), (unsigned)(have - 1)};
                if (visit)
                    visit(ctx, u, &sl);
            }
        }
    }
    return true;
}

size_t air_unpack_rows(const air_unpack *u)
{
    size_t slots = 0;
    for (size_t t = 0; t < u->n_tensors; t++)
        slots += u->t[t].len;
    size_t h = (slots + u->lanes - 1) / u->lanes;
    if (h < u->n_header)
        h = u->n_header;
    while (!up_walk(u, h, NULL, NULL))
        h++;
    return h;
}

typedef struct up_fixed_ctx {
    gl_t *fixed;
    size_t n_fixed, off;
} up_fixed_ctx;

static void up_fixed_slot(void *ctx, const air_unpack *u, const up_slot *s)
{
    up_fixed_ctx *c = ctx;
    const air_unpack_tensor *t = &u->t[s->t];
    gl_t *f = c->fixed + (u->row0 + s->row) * c->n_fixed + c->off + UF_LANE(s->lane);
    f[UF_SH] = s->j == s->top ? 0 : (gl_t)1 << t->bits;
    f[UF_RS] = (gl_t)1 << (u->range_bits - t->bits);
    f[UF_OFF] = (gl_t)1 << (t->bits - 1);
    f[UF_PA] = (gl_t)(t->addr + s->i);
    f[UF_PM] = (gl_t)t->uses;
    f[UF_EA] = (gl_t)(u->elem_base + s->k);
    f[UF_EM] = s->j == 0;
}

void air_unpack_fixed(const air_unpack *u, gl_t *fixed, size_t n_main, size_t n_fixed)
{
    size_t h = air_unpack_rows(u);
    up_fixed_ctx c = {fixed, n_fixed, u->fcol - n_main};
    for (size_t r = 0; r < h; r++)
        memset(fixed + (u->row0 + r) * n_fixed + c.off, 0,
               AIR_UNPACK_FIXED(u->lanes) * sizeof *fixed);
    for (size_t k = 0; k < u->n_header; k++) {
        gl_t *f = fixed + (u->row0 + k) * n_fixed + c.off;
        f[UF_HA(u->lanes)] = (gl_t)(u->elem_base + k);
        f[UF_HV(u->lanes)] = (gl_t)u->header[k];
        f[UF_HM(u->lanes)] = 1;
    }
    up_walk(u, h, up_fixed_slot, &c);
}

typedef struct up_trace_ctx {
    gl_t *trace;
    size_t width;
    const int64_t *const *values;
} up_trace_ctx;

static void up_trace_slot(void *ctx, const air_unpack *u, const up_slot *s)
{
    up_trace_ctx *c = ctx;
    const air_unpack_tensor *t = &u->t[s->t];
    gl_t *m = c->trace + (u->row0 + s->row) * c->width + u->col + UP_LANE(s->lane);
    /* u = v + 2^(b-1), as the field element of that integer (a value out
     * of its width gives a slot the range lookup refuses). */
    int64_t v = c->values[s->t][s->i] + ((int64_t)1 << (t->bits - 1));
    m[UP_U] = v < 0 ? gl_neg((gl_t)-v) : (gl_t)v;
    m[UP_U2] = gl_mul(m[UP_U], (gl_t)1 << (u->range_bits - t->bits));
}

void air_unpack_trace(const air_unpack *u, gl_t *trace, size_t width,
                      const int64_t *const *values)
{
    size_t h = air_unpack_rows(u);
    for (size_t r = 0; r < h; r++)
        memset(trace + (u->row0 + r) * width + u->col, 0,
               AIR_UNPACK_MAIN(u->lanes) * sizeof *trace);
    up_trace_ctx c = {trace, width, values};
    up_walk(u, h, up_trace_slot, &c);
    /* Horner down each lane: SH = 0 starts an element. */
    for (size_t l = 0; l < u->lanes; l++) {
        gl_t pack = 0;
        for (size_t r = 0; r < h; r++) {
            gl_t *row = trace + (u->row0 + r) * width;
            gl_t *m = row + u->col + UP_LANE(l);
            pack = gl_add(gl_mul(row[u->fcol + UF_LANE(l) + UF_SH], pack), m[UP_U]);
            m[UP_PACK] = pack;
        }
    }
}

void air_unpack_pack(gl_t *e, const air_unpack *u, const int64_t *const *values)
{
    size_t at = 0;
    for (size_t k = 0; k < u->n_header; k++)
        e[at++] = u->header[k];
    for (size_t t = 0; t < u->n_tensors; t++) {
        unsigned b = u->t[t].bits;
        size_t per = up_slots(b), n = up_tensor_elems(&u->t[t]);
        memset(e + at, 0, n * sizeof *e);
        for (size_t i = 0; i < u->t[t].len; i++) {
            uint64_t s = (uint64_t)(values[t][i] + ((int64_t)1 << (b - 1)));
            e[at + i / per] |= (s & (((uint64_t)1 << b) - 1)) << (b * (i % per));
        }
        at += n;
    }
}

bool air_unpack_range_counts(const air_unpack *u, const gl_t *trace, size_t width,
                             size_t n_rows, gl_t *counts)
{
    bool ok = true;
    uint64_t table = (uint64_t)1 << u->range_bits;
    for (size_t r = 0; r < n_rows; r++)
        for (size_t l = 0; l < u->lanes; l++) {
            const gl_t *m = trace + r * width + u->col + UP_LANE(l);
            for (int k = 0; k < 2; k++) {
                gl_t v = m[k == 0 ? UP_U : UP_U2];
                if (v < table)
                    counts[v]++;
                else
                    ok = false;
            }
        }
    return ok;
}

/* A row's denominators: per lane γ - U, γ - U2, dP, dE; then dH (at
 * UD_PER_LANE·lanes). */
enum { UD_PER_LANE = 4, UD_MAX = UD_PER_LANE * AIR_UNPACK_LANES_MAX + 1 };

static gl2_t up_mem(const gl2_t *chal, gl2_t addr, gl2_t v)
{
    return gl2_sub(gl2_sub(chal[0], addr), gl2_mul(chal[1], v));
}

static void up_denominators(gl2_t d[UD_MAX], const air_unpack *u, const gl2_t *cur,
                            const gl2_t *chal)
{
    for (size_t l = 0; l < u->lanes; l++) {
        const gl2_t *m = cur + u->col + UP_LANE(l), *f = cur + u->fcol + UF_LANE(l);
        gl2_t *dl = d + UD_PER_LANE * l;
        dl[0] = gl2_sub(chal[2], m[UP_U]);
        dl[1] = gl2_sub(chal[2], m[UP_U2]);
        dl[2] = up_mem(chal, f[UF_PA], gl2_sub(m[UP_U], f[UF_OFF]));
        dl[3] = up_mem(chal, f[UF_EA], m[UP_PACK]);
    }
    d[UD_PER_LANE * u->lanes] =
        up_mem(chal, cur[u->fcol + UF_HA(u->lanes)], cur[u->fcol + UF_HV(u->lanes)]);
}

void air_unpack_eval_aux(const air_unpack *u, gl2_t *out, const gl2_t *cur, const gl2_t *acur,
                         const gl2_t *chal)
{
    gl2_t d[UD_MAX];
    up_denominators(d, u, cur, chal);
    const gl2_t *h = acur + u->aux;
    for (size_t l = 0; l < u->lanes; l++) {
        const gl2_t *dl = d + UD_PER_LANE * l, *f = cur + u->fcol + UF_LANE(l);
        out[2 * l] = gl2_sub(gl2_mul(gl2_mul(h[2 * l], dl[0]), dl[1]), gl2_add(dl[0], dl[1]));
        gl2_t w = gl2_add(gl2_mul(f[UF_PM], dl[3]), gl2_mul(f[UF_EM], dl[2]));
        out[2 * l + 1] = gl2_add(gl2_mul(gl2_mul(h[2 * l + 1], dl[2]), dl[3]), w);
    }
    out[2 * u->lanes] = gl2_add(gl2_mul(h[2 * u->lanes], d[UD_PER_LANE * u->lanes]),
                                cur[u->fcol + UF_HM(u->lanes)]);
}

zk_err air_unpack_aux(const air_unpack *u, gl2_t *aux, size_t aux_width, const gl_t *trace,
                      size_t width, size_t n_rows, const gl2_t *chal)
{
    /* A view of the row holding only the gadget's columns. */
    air_unpack v = *u;
    v.col = 0;
    size_t nm = AIR_UNPACK_MAIN(u->lanes), nf = AIR_UNPACK_FIXED(u->lanes);
    size_t nd = UD_PER_LANE * u->lanes + 1;
    v.fcol = nm;
    gl2_t cur[AIR_UNPACK_MAIN(AIR_UNPACK_LANES_MAX) + AIR_UNPACK_FIXED(AIR_UNPACK_LANES_MAX)];
    gl2_t d[UD_MAX], scratch[UD_MAX];
    for (size_t r = 0; r < n_rows; r++) {
        const gl_t *row = trace + r * width;
        for (size_t c = 0; c < nm; c++)
            cur[c] = gl2_from_base(row[u->col + c]);
        for (size_t c = 0; c < nf; c++)
            cur[nm + c] = gl2_from_base(row[u->fcol + c]);
        up_denominators(d, &v, cur, chal);
        if (gl2_batch_inv(d, nd, scratch))
            return ZK_EVERIFY;
        gl2_t *h = aux + r * aux_width + u->aux;
        for (size_t l = 0; l < u->lanes; l++) {
            const gl_t *f = row + u->fcol + UF_LANE(l);
            const gl2_t *dl = d + UD_PER_LANE * l;
            h[2 * l] = gl2_add(dl[0], dl[1]);
            h[2 * l + 1] = gl2_neg(gl2_add(gl2_mul_base(dl[2], f[UF_PM]), gl2_mul_base(dl[3], f[UF_EM])));
        }
        h[2 * u->lanes] =
            gl2_neg(gl2_mul_base(d[nd - 1], row[u->fcol + UF_HM(u->lanes)]));
    }
    return ZK_OK;
}

#define UP_EVAL(T, ADD, SUB, MUL)                                                                  \
    do {                                                                                           \
        for (size_t l = 0; l < u->lanes; l++) {                                                    \
            const T *m = cur + u->col + UP_LANE(l), *f = cur + u->fcol + UF_LANE(l);              \
            const T *nm = next + u->col + UP_LANE(l), *nf = next + u->fcol + UF_LANE(l);          \
            out[2 * l] = SUB(m[UP_U2], MUL(f[UF_RS], m[UP_U]));                                    \
            out[2 * l + 1] = SUB(nm[UP_PACK], ADD(MUL(nf[UF_SH], m[UP_PACK]), nm[UP_U]));          \
        }                                                                                          \
    } while (0)

void air_unpack_eval_base(const air_unpack *u, gl_t *out, const gl_t *cur, const gl_t *next)
{
    UP_EVAL(gl_t, gl_add, gl_sub, gl_mul);
}

void air_unpack_eval_ext(const air_unpack *u, gl2_t *out, const gl2_t *cur, const gl2_t *next)
{
    UP_EVAL(gl2_t, gl2_add, gl2_sub, gl2_mul);
}

void air_unpack_constraints(const air_unpack *u, stark_air *a, size_t first, size_t first_aux)
{
    for (size_t l = 0; l < u->lanes; l++) {
        stark_air_set_constraint(a, first + 2 * l, STARK_EVERY_ROW, 0, 2, false,
                                 "unpack lane %zu U2 = RS U", l);
        stark_air_set_constraint(a, first + 2 * l + 1, STARK_TRANSITION, 0, 2, false,
                                 "unpack lane %zu PACK' = SH' PACK + U'", l);
        stark_air_set_constraint(a, first_aux + 2 * l, STARK_EVERY_ROW, 0, 3, true,
                                 "unpack lane %zu range reads", l);
        stark_air_set_constraint(a, first_aux + 2 * l + 1, STARK_EVERY_ROW, 0, 3, true,
                                 "unpack lane %zu parameter and element writes", l);
    }
    stark_air_set_constraint(a, first_aux + 2 * u->lanes, STARK_EVERY_ROW, 0, 2, true,
                             "unpack header writes");
}
