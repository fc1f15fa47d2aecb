/* Pearson's chi-squared test for two samples, for "can these two
 * histograms be told apart?" (real versus simulated transcripts).
 *
 * For counts a_i and b_i over the same k bins with totals A and B, the
 * statistic is (Press et al., Numerical Recipes, 3rd ed., 14.3.2)
 *
 *   X^2 = sum_i (sqrt(B/A)·a_i - sqrt(A/B)·b_i)^2 / (a_i + b_i)
 *
 * over bins where a_i + b_i > 0, with k' - 1 degrees of freedom (k' such
 * bins) when the two samples have the same size. Under the hypothesis that
 * both come from one distribution X^2 is approximately chi-squared; the
 * p-value is the chance of a statistic at least this large, P(chi2_df >= X^2)
 * = Q(df/2, X^2/2), the regularized upper incomplete gamma function. */
#ifndef ZK_SIGMA_CHI2_H
#define ZK_SIGMA_CHI2_H

#include "core/types.h"

typedef struct chi2_result {
    double stat;        /* X^2 */
    unsigned df;        /* degrees of freedom */
    double p_value;     /* P(chi2_df >= stat); 1 when df = 0 */
} chi2_result;

/* Two histograms of `bins` counts each. Bins empty in both are skipped. */
chi2_result chi2_two_sample(const uint32_t *a, const uint32_t *b, size_t bins);

/* P(chi2_df >= x) for df >= 1 and x >= 0. */
double chi2_sf(double x, unsigned df);

#endif
