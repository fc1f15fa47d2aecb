/* Options, and the proof shape both sides derive from the AIR and them. */
#include <limits.h>

#include "hash/merkle.h"
#include "stark/stark.h"

void stark_options_default(stark_options *o)
{
    o->log_blowup = 3;
    o->queries = 28;
    o->grinding = 20;
    o->log_folding = 3;
    o->fri_remainder = 32;
    o->zk = true;
}

zk_err stark_options_check(const stark_options *o, const char **why)
{
    const char *w = NULL;
    if (o->log_blowup < 1 || o->log_blowup > 6)
        w = "the blowup factor must be 2, 4, 8, 16, 32 or 64";
    else if (o->queries < 1 || o->queries > 200)
        w = "the number of queries must be 1 to 200";
    else if (o->grinding > 32)
        w = "grinding must be 0 to 32 bits";
    else if (o->log_folding < 1 || o->log_folding > 4)
        w = "the FRI folding factor must be 2, 4, 8 or 16";
    else if (o->fri_remainder < 1 || o->fri_remainder > (1u << 20))
        w = "the FRI remainder size must be 1 to 2^20";
    if (why)
        *why = w;
    return w ? ZK_EINVAL : ZK_OK;
}

static unsigned log2_exact(size_t n)
{
    unsigned k = 0;
    while (((size_t)1 << k) < n)
        k++;
    return k;
}

zk_err stark_layout_make(stark_layout *l, const stark_air *air, const stark_options *o,
                         const char **why)
{
    const char *w_dummy;
    if (!why)
        why = &w_dummy;
    *why = NULL;
    zk_err err = stark_options_check(o, why);
    if (err)
        return err;
    size_t n = air->n_rows;
    l->n = n;
    l->log_n = log2_exact(n);
    l->blowup = (size_t)1 << o->log_blowup;
    l->log_lde = l->log_n + o->log_blowup;
    if (l->log_lde > GL_TWO_ADICITY || l->log_lde > 30) {
        *why = "the trace is too long for this blowup factor";
        return ZK_EINVAL;
    }
    l->lde = (size_t)1 << l->log_lde;

    /* FRI folds by F while the remainder keeps at least fri_remainder
     * coefficients of a degree-N polynomial. With zero knowledge the
     * degree bound N + c must stay a multiple of F^r, so that every folded
     * layer has an exact degree bound: c is the randomness needed rounded
     * up to a multiple of F^r. */
    size_t fold = (size_t)1 << o->log_folding;
    size_t target = o->fri_remainder < n ? o->fri_remainder : n;
    size_t step = 1;
    unsigned r = 0;
    while (step * fold <= n / target) {
        step *= fold;
        r++;
    }
    l->k_rand = o->zk ? 2 * (size_t)o->queries + 2 : 0;
    l->c = o->zk ? step * ((l->k_rand + step - 1) / step) : 0;
    if (l->c > n / 2) {
        *why = "the trace is too short for zero knowledge with this many queries (use fewer "
               "queries, a smaller FRI remainder, or a longer trace)";
        return ZK_EINVAL;
    }
    l->d = n + l->c;
    l->fri_layers = r;
    l->fri_rem = l->d / step;

    if (air->pub_column && air->n_pub > n) {
        *why = "more public values than rows for the public-input column";
        return ZK_EINVAL;
    }
    /* The quotient's degree: each constraint C_i of degree D_i in the trace
     * polynomials (degree < d) and k_i in the known columns (degree <= K)
     * divided by its vanishing polynomial (air.h, Degree). */
    long long qdeg = 0, kdeg = (long long)stark_air_known_degree(air);
    for (size_t i = 0; i < air->n_cons; i++) {
        const stark_constraint *c = &air->cons[i];
        long long div = c->kind == STARK_TRANSITION ? (long long)n - 1
                        : c->kind == STARK_ROW      ? 1
                                                    : (long long)n;
        long long deg = (long long)c->degree * ((long long)l->d - 1) +
                        (long long)c->known * kdeg - div;
        if (deg > qdeg)
            qdeg = deg;
    }
    l->q_len = (size_t)qdeg + 1;
    if (l->q_len > l->lde) {
        *why = "the blowup factor is too small for the constraints' degree";
        return ZK_EINVAL;
    }
    l->n_chunks = l->q_len <= l->d ? 1 : 1 + (l->q_len - l->d + n - 1) / n;
    /* With zero knowledge the chunks mask each other: at least two. */
    if (o->zk && l->n_chunks < 2)
        l->n_chunks = 2;
    l->n_comp = l->n_chunks + (o->zk ? 1 : 0);
    l->main_width = air->n_main;
    l->fixed_width = air->n_fixed;
    l->aux_width = 2 * air->n_aux;
    l->comp_width = 2 * l->n_comp;
    l->salt_len = o->zk ? MERKLE_SALT_BYTES : 0;
    l->shift = GL_GENERATOR;
    gl_root_of_unity(&l->omega_n, l->log_n);
    gl_root_of_unity(&l->omega_lde, l->log_lde);
    if (o->queries > l->lde) {
        *why = "more queries than points in the evaluation domain";
        return ZK_EINVAL;
    }
    return ZK_OK;
}

/* The first shape from o's (blowup from o's up; queries from o's up, or
 * with fewer, down from o's) that has a layout for air reaching min_bits. */
static bool fit_pass(stark_options *o, const stark_air *air, unsigned min_bits, bool fewer)
{
    stark_options t = *o;
    for (t.log_blowup = o->log_blowup; t.log_blowup <= 6; t.log_blowup++) {
        for (t.queries = fewer ? o->queries - 1 : o->queries; t.queries >= 1 && t.queries <= 200;
             fewer ? t.queries-- : t.queries++) {
            stark_layout l;
            if (stark_layout_make(&l, air, &t, NULL))
                continue;
            stark_security s;
            stark_security_of(&s, &l, &t);
            if (s.conjectured >= min_bits) {
                *o = t;
                return true;
            }
        }
    }
    return false;
}

zk_err stark_options_fit(stark_options *o, const stark_air *air, unsigned min_bits)
{
    return fit_pass(o, air, min_bits, false) || fit_pass(o, air, min_bits, true) ? ZK_OK
                                                                                 : ZK_EINVAL;
}

size_t stark_options_min_rows(const stark_options *o, const stark_air *air, unsigned min_bits)
{
    /* The layout and the estimate read only the shape of the AIR (its rows,
     * columns and constraints' kinds and degrees), never its values. */
    stark_air shape = *air;
    for (unsigned log_n = 2; log_n <= 26; log_n++) {
        shape.n_rows = (size_t)1 << log_n;
        stark_options t = *o;
        if (stark_options_fit(&t, &shape, min_bits) == ZK_OK)
            return shape.n_rows;
    }
    return 0;
}
