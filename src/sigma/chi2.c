#include "sigma/chi2.h"

#include <math.h>

/* Q(a, x) = Γ(a, x)/Γ(a), computed as 1 - P(a, x) by the power series
 * P(a, x) = e^-x x^a / Γ(a+1) · Σ_n x^n / ((a+1)···(a+n)) when x < a + 1,
 * and by Lentz's continued fraction for Γ(a, x) otherwise, where each
 * converges fast (Numerical Recipes, 3rd ed., 6.2). */
static double gamma_q(double a, double x)
{
    if (x <= 0)
        return 1.0;
    double lead = exp(-x + a * log(x) - lgamma(a));
    if (x < a + 1) {
        double term = 1.0 / a, sum = term;
        for (int n = 1; n < 1000; n++) {
            term *= x / (a + n);
            sum += term;
            if (fabs(term) < fabs(sum) * 1e-15)
                break;
        }
        double q = 1.0 - sum * lead;
        return q < 0 ? 0 : q;
    }
    const double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 1000; i++) {
        double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (fabs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1) < 1e-15)
            break;
    }
    return lead * h;
}

double chi2_sf(double x, unsigned df)
{
    if (df == 0)
        return 1.0;
    return gamma_q(df / 2.0, x / 2.0);
}

chi2_result chi2_two_sample(const uint32_t *a, const uint32_t *b, size_t bins)
{
    chi2_result r = {0.0, 0, 1.0};
    double ta = 0, tb = 0;
    for (size_t i = 0; i < bins; i++) {
        ta += a[i];
        tb += b[i];
    }
    if (ta == 0 || tb == 0)
        return r;
    double ka = sqrt(tb / ta), kb = sqrt(ta / tb);
    unsigned used = 0;
    for (size_t i = 0; i < bins; i++) {
        double n = (double)a[i] + b[i];
        if (n == 0)
            continue;
        double d = ka * a[i] - kb * b[i];
        r.stat += d * d / n;
        used++;
    }
    r.df = used > 0 ? used - 1 : 0;
    r.p_value = chi2_sf(r.stat, r.df);
    return r;
}
