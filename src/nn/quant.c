#include "nn/quant.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"

void nn_qparams_uniform(nn_qparams *q, int s)
{
    memset(q, 0, sizeof *q);
    q->in_exp = s;
    for (int l = 0; l < NN_LAYERS; l++)
        q->w_exp[l] = q->out_exp[l] = s;
}

static bool exp_ok(int e)
{
    return e >= NN_QEXP_MIN && e <= NN_QEXP_MAX;
}

zk_err nn_qparams_check(const nn_qparams *q)
{
    if (!exp_ok(q->in_exp) || (unsigned)q->act >= NN_ACTIVATIONS)
        return ZK_EINVAL;
    for (int l = 0; l < NN_LAYERS; l++)
        if (!exp_ok(q->w_exp[l]) || !exp_ok(q->out_exp[l]) || q->acc_bits[l] < 0 ||
            q->acc_bits[l] > 62)
            return ZK_EINVAL;
    return ZK_OK;
}

int nn_qparams_layer_in(const nn_qparams *q, int l)
{
    return l == 0 ? q->in_exp : q->out_exp[l - 1];
}

static const size_t bias_start[NN_LAYERS] = {0, NN_C1, NN_C1 + NN_C2,
                                             NN_C1 + NN_C2 + NN_FC_HIDDEN};

zk_err nn_quantize_value(int32_t *out, double v, int e)
{
    /* Multiplying by 2^e is exact in binary floating point; llround
     * rounds halves away from zero. */
    double scaled = ldexp(v, e);
    if (!(fabs(scaled) < 2147483647.0))
        return ZK_EOVERFLOW;
    *out = (int32_t)llround(scaled);
    return ZK_OK;
}

int32_t nn_quantize_pixel(uint8_t p, int e)
{
    return (int32_t)((((int64_t)p << (e + 1)) + 255) / 510);
}

int64_t nn_rescale(int64_t acc, int r)
{
    if (r <= 0)
        return acc * ((int64_t)1 << -r);
    int64_t t = acc + ((int64_t)1 << (r - 1));
    /* Floor division by 2^r without relying on how >> treats negatives. */
    int64_t d = (int64_t)1 << r;
    int64_t q = t / d;
    return (t % d != 0 && t < 0) ? q - 1 : q;
}

int64_t nn_qactivate(int64_t y, nn_activation act, int e)
{
    /* beyond sqrt(2^63) the square saturates rather than wrap (the callers
     * refuse anything past 32 bits before it matters) */
    if (act == NN_ACT_SQUARE)
        return y > 3037000499 || y < -3037000499 ? INT64_MAX : nn_rescale(y * y, e);
    return y < 0 ? 0 : y;
}

void nn_qmodel_free(nn_qmodel *qm)
{
    if (!qm)
        return;
    zk_free(qm->w);
    zk_free(qm->wf);
    zk_free(qm);
}

zk_err nn_qmodel_init(nn_qmodel **out, const nn_cnn *m, const nn_qparams *q)
{
    *out = NULL;
    zk_err err = nn_qparams_check(q);
    if (err)
        return err;
    nn_qmodel *qm = zk_calloc(1, sizeof *qm);
    if (!qm)
        return ZK_ENOMEM;
    qm->q = *q;
    qm->q.act = m->act;
    qm->w = zk_calloc(NN_PARAMS, sizeof *qm->w);
    qm->wf = zk_calloc(NN_PARAMS, sizeof *qm->wf);
    if (!qm->w || !qm->wf) {
        nn_qmodel_free(qm);
        return ZK_ENOMEM;
    }
    for (int l = 0; l < NN_LAYERS && !err; l++) {
        const nn_layer_info *L = &nn_layers[l];
        for (size_t i = 0; i < L->weights && !err; i++)
            err = nn_quantize_value(&qm->w[L->weight_off + i], m->p[L->weight_off + i],
                                    q->w_exp[l]);
        int be = nn_qparams_layer_in(q, l) + q->w_exp[l];
        for (size_t o = 0; o < L->biases; o++) {
            double scaled = ldexp(m->p[L->bias_off + o], be);
            if (!(fabs(scaled) < 0x1p62)) {
                err = ZK_EOVERFLOW;
                break;
            }
            int64_t b = llround(scaled);
            qm->bias[bias_start[l] + o] = b;
            int64_t ab = b < 0 ? -b : b;
            if (ab > qm->bias_abs_max[l])
                qm->bias_abs_max[l] = ab;
        }
        for (size_t o = 0; o < L->biases; o++) {
            uint64_t sum = 0;
            const int32_t *row = qm->w + L->weight_off + o * L->fan_in;
            for (size_t k = 0; k < L->fan_in; k++)
                sum += (uint64_t)(row[k] < 0 ? -(int64_t)row[k] : row[k]);
            if (sum > qm->row_abs_max[l])
                qm->row_abs_max[l] = sum;
        }
    }
    if (err) {
        nn_qmodel_free(qm);
        return err;
    }
    for (size_t i = 0; i < NN_PARAMS; i++)
        qm->wf[i] = qm->w[i];
    *out = qm;
    return ZK_OK;
}

static void im2col3_i32(int32_t *col, const int32_t *x, size_t c, size_t h, size_t w)
{
    size_t hw = h * w;
    for (size_t ch = 0; ch < c; ch++)
        for (size_t ky = 0; ky < 3; ky++)
            for (size_t kx = 0; kx < 3; kx++) {
                int32_t *dst = col + (ch * 9 + ky * 3 + kx) * hw;
                for (size_t y = 0; y < h; y++)
                    for (size_t xx = 0; xx < w; xx++) {
                        size_t sy = y + ky, sx = xx + kx;   /* source + 1 */
                        bool in = sy >= 1 && sy <= h && sx >= 1 && sx <= w;
                        dst[y * w + xx] = in ? x[ch * hw + (sy - 1) * w + sx - 1] : 0;
                    }
            }
}

static void maxpool2_i32(int32_t *y, const int32_t *x, size_t planes, size_t h, size_t w)
{
    size_t oh = h / 2, ow = w / 2;
    for (size_t pl = 0; pl < planes; pl++)
        for (size_t i = 0; i < oh; i++)
            for (size_t j = 0; j < ow; j++) {
                const int32_t *q = x + pl * h * w + 2 * i * w + 2 * j;
                int32_t m = q[0];
                m = q[1] > m ? q[1] : m;
                m = q[w] > m ? q[w] : m;
                m = q[w + 1] > m ? q[w + 1] : m;
                y[pl * oh * ow + i * ow + j] = m;
            }
}

static zk_err overflow(nn_qoverflow *ov, int layer, size_t index, int64_t value, int bits,
                       const char *what)
{
    if (ov)
        *ov = (nn_qoverflow){layer, index, value, bits, what};
    return ZK_EOVERFLOW;
}

/* y[o][p] = act(rescale(bias[o] + Σ_k W[o][k]·col[k][p])) for layer l (the
 * model's activation when act, none else), with every bound checked; P
 * positions, K = fan-in. */
static zk_err dense(const nn_qmodel *qm, int l, const int32_t *col, size_t P, int32_t *y,
                    bool act, int64_t *acc, nn_qtrace *tr, nn_qoverflow *ov)
{
    const nn_layer_info *L = &nn_layers[l];
    size_t K = L->fan_in, O = L->biases;
    uint64_t xmax = 0;
    for (size_t i = 0; i < K * P; i++) {
        uint64_t a = (uint64_t)(col[i] < 0 ? -(int64_t)col[i] : col[i]);
        xmax = a > xmax ? a : xmax;
    }
    /* Every partial sum is at most Σ|w|·max|x| + |b| in size. */
    zk_u128 bound = (zk_u128)qm->row_abs_max[l] * xmax + (zk_u128)qm->bias_abs_max[l];
    if (bound >= (zk_u128)1 << 62)
        return overflow(ov, l, 0, bound > INT64_MAX ? INT64_MAX : (int64_t)bound, 62,
                        "62-bit bound");
    int r = nn_qparams_layer_in(&qm->q, l) + qm->q.w_exp[l] - qm->q.out_exp[l];
    int bits = qm->q.acc_bits[l];
    int64_t lim = bits ? (int64_t)1 << (bits - 1) : 0;
    int64_t amax = 0;
    bool exact_in_double = bound < (zk_u128)1 << 53;
    /* Rows of colf are padded to whole blocks of 8 so that the inner loops
     * have a constant length, which is what lets the compiler vectorise
     * them at -O2 (a linear layer's single column needs no padding). */
    size_t Pp = P == 1 ? 1 : (P + 7) & ~(size_t)7;
    if (exact_in_double)
        for (size_t k = 0; k < K; k++)
            for (size_t p = 0; p < Pp; p++)
                tr->colf[k * Pp + p] = p < P ? col[k * P + p] : 0;
    for (size_t o = 0; o < O; o++) {
        const int32_t *wrow = qm->w + L->weight_off + o * K;
        int64_t b = qm->bias[bias_start[l] + o];
        if (exact_in_double && P == 1 && K % 8 == 0) {
            /* A linear layer: one dot product, in eight interleaved partial
             * sums (any order gives the same exact integer). */
            const double *restrict wf = qm->wf + L->weight_off + o * K;
            const double *restrict xf = tr->colf;
            double part[8] = {0};
            for (size_t k = 0; k < K; k += 8)
                for (size_t j = 0; j < 8; j++)
                    part[j] += wf[k + j] * xf[k + j];
            double sum = (double)b;
            for (size_t j = 0; j < 8; j++)
                sum += part[j];
            acc[0] = (int64_t)sum;
        } else if (exact_in_double) {
            /* One output row at a time, in chunks that fit accf. */
            for (size_t p0 = 0; p0 < Pp; p0 += NN_PIXELS) {
                size_t np = Pp - p0 < NN_PIXELS ? Pp - p0 : NN_PIXELS;
                double *restrict af = tr->accf;
                for (size_t p = 0; p < np; p++)
                    af[p] = (double)b;
                for (size_t k = 0; k < K; k++) {
                    double wk = wrow[k];
                    if (wk == 0)
                        continue;
                    const double *restrict ck = tr->colf + k * Pp + p0;
                    for (size_t p = 0; p < np; p += 8)
                        for (size_t j = 0; j < 8; j++)
                            af[p + j] += wk * ck[p + j];
                }
                for (size_t p = 0; p < np && p0 + p < P; p++)
                    acc[p0 + p] = (int64_t)af[p];
            }
        } else {
            for (size_t p = 0; p < P; p++)
                acc[p] = b;
            for (size_t k = 0; k < K; k++) {
                int64_t wk = wrow[k];
                if (wk == 0)
                    continue;
                const int32_t *ck = col + k * P;
                for (size_t p = 0; p < P; p++)
                    acc[p] += wk * ck[p];
            }
        }
        for (size_t p = 0; p < P; p++) {
            int64_t a = acc[p], mag = a < 0 ? -a : a;
            amax = mag > amax ? mag : amax;
            if (bits && (a >= lim || a < -lim))
                return overflow(ov, l, o * P + p, a, bits, "accumulator");
            int64_t v = nn_rescale(a, r);
            if (act && qm->q.act == NN_ACT_SQUARE && (v > INT32_MAX || v < -INT32_MAX))
                return overflow(ov, l, o * P + p, v, 32, "activation");
            if (act)
                v = nn_qactivate(v, qm->q.act, qm->q.out_exp[l]);
            if (v > INT32_MAX || v < -INT32_MAX)
                return overflow(ov, l, o * P + p, v, 32, "activation");
            y[o * P + p] = (int32_t)v;
        }
    }
    tr->acc_max[l] = amax;
    return ZK_OK;
}

zk_err nn_qinfer(const nn_qmodel *qm, const uint8_t image[NN_PIXELS], nn_qtrace *tr, int *pred,
                 nn_qoverflow *ov)
{
    if (ov)
        *ov = (nn_qoverflow){-1, 0, 0, 0, NULL};
    for (size_t i = 0; i < NN_PIXELS; i++)
        tr->x[i] = nn_quantize_pixel(image[i], qm->q.in_exp);
    im2col3_i32(tr->col, tr->x, 1, NN_SIDE, NN_SIDE);
    zk_err err = dense(qm, 0, tr->col, NN_PIXELS, tr->a1, true, tr->acc, tr, ov);
    if (err)
        return err;
    maxpool2_i32(tr->p1, tr->a1, NN_C1, NN_SIDE, NN_SIDE);
    im2col3_i32(tr->col, tr->p1, NN_C1, 14, 14);
    if ((err = dense(qm, 1, tr->col, 196, tr->a2, true, tr->acc, tr, ov)))
        return err;
    maxpool2_i32(tr->p2, tr->a2, NN_C2, 14, 14);
    if ((err = dense(qm, 2, tr->p2, 1, tr->f1, true, tr->acc, tr, ov)))
        return err;
    int32_t z[NN_CLASSES];
    if ((err = dense(qm, 3, tr->f1, 1, z, false, tr->acc, tr, ov)))
        return err;
    int best = 0;
    for (int k = 0; k < NN_CLASSES; k++) {
        tr->z[k] = z[k];
        if (z[k] > z[best])
            best = k;
    }
    if (pred)
        *pred = best;
    return ZK_OK;
}
