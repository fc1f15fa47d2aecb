/* The chart model and the scale computation both renderers share. */
#include "viz/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

static void copy_text(char *dst, size_t len, const char *src)
{
    snprintf(dst, len, "%s", src ? src : "");
}

void viz_chart_init(viz_chart *ch, viz_chart_kind kind, const char *title, const char *xlabel,
                    const char *ylabel)
{
    memset(ch, 0, sizeof *ch);
    ch->kind = kind;
    copy_text(ch->title, sizeof ch->title, title);
    copy_text(ch->xlabel, sizeof ch->xlabel, xlabel);
    copy_text(ch->ylabel, sizeof ch->ylabel, ylabel);
}

void viz_chart_free(viz_chart *ch)
{
    for (size_t i = 0; i < ch->nseries; i++) {
        zk_free(ch->series[i].x);
        zk_free(ch->series[i].y);
    }
    ch->nseries = 0;
}

static double *copy_doubles(const double *v, size_t n)
{
    double *out = zk_alloc(n, sizeof *out);
    if (out && n)
        memcpy(out, v, n * sizeof *out);
    return out;
}

static zk_err add_series(viz_chart *ch, const char *name, viz_color color, const double *x,
                         const double *y, size_t n)
{
    if (ch->nseries >= VIZ_MAX_SERIES || (unsigned)color >= VIZ_COLOR_COUNT || (n && !y))
        return ZK_EINVAL;
    viz_series *s = &ch->series[ch->nseries];
    memset(s, 0, sizeof *s);
    copy_text(s->name, sizeof s->name, name);
    s->color = (uint8_t)color;
    s->y = copy_doubles(y, n);
    if (x)
        s->x = copy_doubles(x, n);
    if (!s->y || (x && !s->x)) {
        zk_free(s->x);
        zk_free(s->y);
        return ZK_ENOMEM;
    }
    s->n = n;
    ch->nseries++;
    return ZK_OK;
}

zk_err viz_chart_add_line(viz_chart *ch, const char *name, viz_color color, const double *x,
                          const double *y, size_t n)
{
    if (ch->kind != VIZ_CHART_LINE || (n && !x))
        return ZK_EINVAL;
    return add_series(ch, name, color, x, y, n);
}

zk_err viz_chart_set_categories(viz_chart *ch, const char *const *labels, size_t n)
{
    if (ch->kind != VIZ_CHART_BARS || n == 0 || n > VIZ_MAX_CATEGORIES || ch->nseries)
        return ZK_EINVAL;
    for (size_t i = 0; i < n; i++)
        copy_text(ch->categories[i], sizeof ch->categories[i], labels[i]);
    ch->ncategories = n;
    return ZK_OK;
}

zk_err viz_chart_add_bars(viz_chart *ch, const char *name, viz_color color,
                          const double *values, size_t n)
{
    if (ch->kind != VIZ_CHART_BARS || n != ch->ncategories)
        return ZK_EINVAL;
    return add_series(ch, name, color, NULL, values, n);
}

zk_err viz_chart_set_bins(viz_chart *ch, double lo, double hi, size_t bins)
{
    if (ch->kind != VIZ_CHART_HIST || !(lo < hi) || !isfinite(lo) || !isfinite(hi) ||
        bins == 0 || bins > 4096)
        return ZK_EINVAL;
    ch->hist_lo = lo;
    ch->hist_hi = hi;
    ch->hist_bins = bins;
    return ZK_OK;
}

zk_err viz_chart_add_samples(viz_chart *ch, const char *name, viz_color color,
                             const double *samples, size_t n)
{
    if (ch->kind != VIZ_CHART_HIST || ch->hist_bins == 0)
        return ZK_EINVAL;
    return add_series(ch, name, color, NULL, samples, n);
}

/* Nice numbers after Heckbert, "Nice numbers for graph labels", Graphics
 * Gems (1990): the step is 1, 2 or 5 times a power of ten. */
void viz_nice_ticks(double lo, double hi, int max_ticks, double *first, double *step)
{
    if (max_ticks < 2)
        max_ticks = 2;
    double range = hi - lo;
    if (!(range > 0) || !isfinite(range)) {
        *first = lo;
        *step = 1;
        return;
    }
    double rough = range / (max_ticks - 1);
    double mag = pow(10, floor(log10(rough)));
    double norm = rough / mag;
    double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    *step = nice * mag;
    *first = ceil(lo / *step - 1e-9) * *step;
}

static void scale_linear(viz_scale *s, double lo, double hi, int max_ticks, bool expand)
{
    if (!(lo < hi)) {
        /* One value: show a unit-wide range around it. */
        double c = isfinite(lo) ? lo : 0;
        lo = c - 1;
        hi = c + 1;
        if (c >= 0 && c <= 1) {
            lo = 0;
            hi = c + 1;
        }
    }
    s->log = false;
    viz_nice_ticks(lo, hi, max_ticks, &s->first, &s->step);
    if (expand) {
        lo = floor(lo / s->step + 1e-9) * s->step;
        hi = ceil(hi / s->step - 1e-9) * s->step;
        s->first = lo;
    }
    s->lo = lo;
    s->hi = hi;
}

static void scale_log(viz_scale *s, double lo, double hi)
{
    s->log = true;
    if (!(lo > 0) || !(hi > 0)) {
        lo = 0.1;
        hi = 1;
    }
    s->lo = floor(log10(lo));
    s->hi = ceil(log10(hi));
    if (s->hi <= s->lo)
        s->hi = s->lo + 1;
    double decades = s->hi - s->lo;
    s->step = decades > 8 ? ceil(decades / 8) : 1;
    s->first = s->lo;
}

double viz_scale_frac(const viz_scale *s, double v)
{
    if (!isfinite(v))
        return NAN;
    if (s->log) {
        if (!(v > 0))
            return NAN;
        v = log10(v);
    }
    return s->hi > s->lo ? (v - s->lo) / (s->hi - s->lo) : 0.5;
}

void viz_format_tick(char *out, size_t len, const viz_scale *s, double v)
{
    if (s->log) {
        int e = (int)lround(v);
        if (e >= -3 && e <= 3)
            snprintf(out, len, "%.*f", e < 0 ? -e : 0, pow(10, e));
        else
            snprintf(out, len, "1e%d", e);
        return;
    }
    if (fabs(v) < s->step * 1e-6)
        v = 0;   /* no "-0" from rounding */
    if (fabs(v) >= 1e6 || (v != 0 && fabs(v) < 1e-4)) {
        snprintf(out, len, "%.3g", v);
        return;
    }
    int decimals = s->step >= 1 ? 0 : (int)ceil(-log10(s->step) - 1e-9);
    snprintf(out, len, "%.*f", decimals, v);
}

size_t viz_scale_ticks(const viz_scale *s, viz_tick *out, size_t max)
{
    size_t n = 0;
    if (!(s->step > 0) || !(s->hi >= s->lo))
        return 0;
    /* first + k·step, not repeated addition, so ticks do not drift. */
    for (int k = 0; n < max && k < 1000; k++) {
        double t = s->first + k * s->step;
        if (t > s->hi + s->step * 1e-6)
            break;
        double f = s->hi > s->lo ? (t - s->lo) / (s->hi - s->lo) : 0.5;
        if (f < -1e-9)
            continue;
        out[n].frac = f > 1 ? 1 : f < 0 ? 0 : f;
        viz_format_tick(out[n].label, sizeof out[n].label, s, t);
        n++;
    }
    return n;
}

static void data_range(const viz_chart *ch, bool want_x, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < ch->nseries; i++) {
        const viz_series *s = &ch->series[i];
        for (size_t k = 0; k < s->n; k++) {
            double v = want_x ? s->x[k] : s->y[k];
            if (!isfinite(v) || (!want_x && ch->log_y && !(v > 0)))
                continue;
            *lo = fmin(*lo, v);
            *hi = fmax(*hi, v);
        }
    }
}

/* Counts each series' samples into the chart's bins. */
static void count_bins(const viz_chart *ch, double *values)
{
    size_t bins = ch->hist_bins, ns = ch->nseries;
    double width = (ch->hist_hi - ch->hist_lo) / (double)bins;
    for (size_t s = 0; s < ns; s++)
        for (size_t k = 0; k < ch->series[s].n; k++) {
            double v = ch->series[s].y[k];
            if (!(v >= ch->hist_lo && v <= ch->hist_hi))
                continue;
            size_t b = (size_t)((v - ch->hist_lo) / width);
            if (b >= bins)
                b = bins - 1;
            values[b * ns + s] += 1;
        }
}

zk_err viz_plot_prepare(viz_plot *p, const viz_chart *ch)
{
    memset(p, 0, sizeof *p);
    double lo, hi;
    if (ch->kind == VIZ_CHART_LINE) {
        data_range(ch, true, &lo, &hi);
        scale_linear(&p->x, isfinite(lo) ? lo : 0, isfinite(hi) ? hi : 1, 8, false);
        data_range(ch, false, &lo, &hi);
        if (ch->y_fixed) {
            lo = ch->y_lo;
            hi = ch->y_hi;
        }
        if (ch->log_y)
            scale_log(&p->y, lo, hi);
        else
            scale_linear(&p->y, isfinite(lo) ? lo : 0, isfinite(hi) ? hi : 1, 6, !ch->y_fixed);
        return ZK_OK;
    }
    size_t ns = ch->nseries;
    p->ngroups = ch->kind == VIZ_CHART_BARS ? ch->ncategories : ch->hist_bins;
    p->values = zk_calloc(p->ngroups * (ns ? ns : 1), sizeof *p->values);
    if (!p->values)
        return ZK_ENOMEM;
    if (ch->kind == VIZ_CHART_BARS) {
        for (size_t g = 0; g < p->ngroups; g++)
            for (size_t s = 0; s < ns; s++)
                p->values[g * ns + s] = ch->series[s].y[g];
        scale_linear(&p->x, 0, (double)p->ngroups, 8, false);
    } else {
        count_bins(ch, p->values);
        scale_linear(&p->x, ch->hist_lo, ch->hist_hi, 8, false);
    }
    /* Bars grow from zero. */
    hi = 0;
    lo = 0;
    for (size_t i = 0; i < p->ngroups * ns; i++) {
        if (isfinite(p->values[i])) {
            hi = fmax(hi, p->values[i]);
            lo = fmin(lo, p->values[i]);
        }
    }
    if (ch->y_fixed) {
        lo = ch->y_lo;
        hi = ch->y_hi;
    }
    scale_linear(&p->y, lo, hi > lo ? hi : lo + 1, 6, !ch->y_fixed);
    return ZK_OK;
}

void viz_plot_free(viz_plot *p)
{
    zk_free(p->values);
    memset(p, 0, sizeof *p);
}

const char *viz_series_marker(size_t i)
{
    static const char *const m[VIZ_MAX_SERIES] = {"●", "○", "◆", "■"};
    return m[i % VIZ_MAX_SERIES];
}

const char *viz_series_fill(size_t i)
{
    static const char *const f[VIZ_MAX_SERIES] = {"█", "▒", "░", "▓"};
    return f[i % VIZ_MAX_SERIES];
}

uint32_t viz_color_rgb(viz_color c)
{
    /* Darker than terminal colours so they read on a white background. */
    static const uint32_t rgb[VIZ_COLOR_COUNT] = {
        0x333333, 0x000000, 0xD62728, 0x2CA02C, 0xC89000,
        0x1F77B4, 0x9B59B6, 0x17A2B8, 0x999999,
    };
    return (unsigned)c < VIZ_COLOR_COUNT ? rgb[c] : rgb[0];
}
