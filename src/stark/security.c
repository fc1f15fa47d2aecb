/* Security estimates, as Winterfell (facebook/winterfell, air/src/proof/
 * security.rs) computes them at commit fb28289c (January 2025, the first
 * with the unique-decoding figure), for linear batching, which is what this
 * STARK does (an independent random coefficient per constraint and per
 * DEEP term).
 *
 * Conjectured: ethSTARK Documentation (ePrint 2021/582), Conjecture 1 and
 * Eq. (19) as Winterfell modifies it: the field caps security at
 * ext_bits - log2|D|; each query adds log2(1/ρ) bits; grinding adds its bits
 * only once the queries alone give at least 80 (a proof that is weak
 * without grinding is not made strong by it); the result is one less than
 * the smaller of the two, and at most the hash's collision resistance.
 *
 * Proven: ePrint 2024/1553, Theorems 2 (list decoding, optimised over the
 * proximity parameter m) and 3 (unique decoding), the round-by-round
 * soundness of each step (ALI, DEEP, FRI commit, FRI queries), as Winterfell
 * evaluates them, including its approximations (the constraint degree is
 * bounded by the blowup factor plus one; two openings). These always count
 * the grinding, so below 80 query bits the proven figures can exceed the
 * conjectured one.
 *
 * Later Winterfell releases (0.12 on) drop the - log2|D| from the field cap
 * and write the list-decoding FRI commit term with 1/3 where this has 1/2;
 * both give more bits, so the older form here is the more cautious one.
 *
 * One change: Winterfell takes the rate ρ = 1/blowup. With zero knowledge
 * the polynomials' degree bound is d = N + c rather than N, so here
 * ρ = d/|D|, which equals 1/blowup without zero knowledge. */
#include <math.h>

#include "stark/stark.h"

static unsigned clamp_bits(double v)
{
    return v <= 0 ? 0 : (unsigned)v;
}

static double ldr_bits(double ext_bits, double n, double lde, double rho, double queries,
                       double grinding, double blowup, double m)
{
    double alpha = (1.0 + 0.5 / m) * sqrt(rho);
    double max_deg = blowup + 1.0, openings = 2.0;
    double list = m / (rho - 2.0 * m / lde);
    double e1 = ext_bits - log2(list);
    double e2 = ext_bits - log2(list * list * (max_deg * (n + openings - 1.0) + (n - 1.0)));
    double e3 = ext_bits - log2(0.5 * pow(m + 0.5, 7.0) / pow(rho, 1.5) * lde * lde);
    double ek = grinding - queries * log2(alpha);
    return fmin(fmin(e1, e2), fmin(e3, ek));
}

static double udr_bits(double ext_bits, double n, double lde, double d, double queries,
                       double grinding, double blowup, double folding, unsigned fri_layers)
{
    double openings = 2.0, max_deg = blowup + 1.0;
    double rho_plus = (d + openings) / lde;
    double alpha = (1.0 + rho_plus) * 0.5;
    double e1 = ext_bits;
    double e2 = ext_bits - log2(max_deg * (n + openings - 1.0) + (n - 1.0));
    double e3 = ext_bits - log2(lde);
    double best = fmin(fmin(e1, e2), e3);
    if (fri_layers > 0)
        best = fmin(best, ext_bits - log2((folding - 1.0) * (lde + 1.0)));
    return fmin(best, grinding - queries * log2(alpha));
}

void stark_security_compute(stark_security *s, unsigned ext_bits, unsigned log_n,
                            unsigned log_lde, size_t d, unsigned queries, unsigned grinding,
                            unsigned folding, unsigned fri_layers, unsigned collision_bits)
{
    double n = ldexp(1.0, (int)log_n), lde = ldexp(1.0, (int)log_lde);
    double rho = (double)d / lde, blowup = lde / n;

    long field = (long)ext_bits - (long)log_lde;
    long query = (long)floor(queries * -log2(rho) + 1e-9);
    s->query_bits = query < 0 ? 0 : (unsigned)query;
    s->grinding_dropped = grinding > 0 && query < (long)STARK_GRINDING_FLOOR;
    if (query >= (long)STARK_GRINDING_FLOOR)
        query += grinding;
    long conj = (field < query ? field : query) - 1;
    if (conj > (long)collision_bits)
        conj = collision_bits;
    s->conjectured = conj < 0 ? 0 : (unsigned)conj;

    double udr = udr_bits(ext_bits, n, lde, (double)d, queries, grinding, blowup, folding,
                          fri_layers);
    s->proven_udr = clamp_bits(fmin(udr, collision_bits));

    /* m ranges from 3 up to where the slack in the distance bound stays
     * positive, at most 1000 (larger m only loses in the commit phase). */
    double ratio = (n + 2.0) / n;
    double m_max = ceil(1.0 / (2.0 * (sqrt(ratio) - 1.0)));
    if (m_max > 1000)
        m_max = 1000;
    double best = -INFINITY;
    for (double m = 3; m < m_max; m++) {
        double b = ldr_bits(ext_bits, n, lde, rho, queries, grinding, blowup, m);
        if (b > best)
            best = b;
    }
    s->proven_ldr = clamp_bits(fmin(best, collision_bits));
}

void stark_security_of(stark_security *s, const stark_layout *l, const stark_options *o)
{
    stark_security_compute(s, 128, l->log_n, l->log_lde, l->d, o->queries, o->grinding,
                           1u << o->log_folding, l->fri_layers, 128);
}
