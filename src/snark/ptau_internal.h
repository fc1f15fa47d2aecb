/* Pieces of the powers-of-tau code shared by its files (not a public API). */
#ifndef ZK_SNARK_PTAU_INTERNAL_H
#define ZK_SNARK_PTAU_INTERNAL_H

#include "core/binfile.h"
#include "snark/blake2b.h"
#include "snark/ptau.h"

/* Every point of sections 2-6 uncompressed into h (the next challenge). */
void ptau_hash_points(blake2b_state *h, const ptau *t);
/* A public key as the response hash takes it. */
void ptau_hash_pubkey(blake2b_state *h, const ptau_pubkey key[3]);
/* A contribution's response hash, finished from its saved state. */
void ptau_response_hash(uint8_t out[64], const ptau_contribution *c);
/* pts[i] ← (first·inc^i)·pts[i], constant-time; *done counts points for
 * "contribute" progress out of total. */
zk_err ptau_apply_key(void *pts, bool g2, size_t n, const fr_t *first, const fr_t *inc,
                      uint64_t *done, uint64_t total, const zk_events *ev);
/* The secrets and public keys a beacon determines. */
zk_err ptau_beacon_key(fr_t s[3], ptau_pubkey key[3], const uint8_t challenge[64],
                       const uint8_t *beacon, size_t len, unsigned exp, const zk_events *ev);

/* misc.js sameRatio: e(a, d) = e(b, c), i.e. b/a = d/c in the exponent;
 * false for any point at infinity. */
bool ptau_same_ratio(const g1_aff *a, const g1_aff *b, const g2_aff *c, const g2_aff *d);
/* ZK_EVERIFY, with the formatted one-line reason in why (if not NULL). */
zk_err ptau_fail(char why[160], const char *fmt, ...);

zk_err ptau_read_header(const zk_binfile *b, unsigned *power, unsigned *ceremony_power);
void ptau_write_header(zk_binwriter *w, unsigned power, unsigned ceremony_power);

/* A prepared section (12-15): which powers it holds in Lagrange form, in
 * blocks of 2^0 ... 2^top points, from the first `have` points of series. */
typedef struct ptau_prepared_section {
    uint32_t type;
    const void *series;
    size_t have;
    bool g2;
    unsigned top;
} ptau_prepared_section;

/* The four prepared sections of t, in file order. */
void ptau_prepared_sections(ptau_prepared_section sec[4], const ptau *t);

/* Writes sections 12-15 of t block by block ("prepare" progress), fill
 * putting block k of section sec (2^k points, G1 or G2 as sec says) into
 * out: the group NTT of ptau_write_lagrange (ptau_lagrange.c), or, from t's
 * secrets s = (τ, α, β) with fixed-base tables, ptau_write_lagrange_known
 * (ptau_known.c). */
typedef zk_err (*ptau_block_fn)(void *ctx, void *out, const ptau_prepared_section *sec, unsigned k);
zk_err ptau_write_blocks(zk_binwriter *w, const ptau *t, ptau_block_fn fill, void *ctx,
                         const zk_events *ev);
zk_err ptau_write_lagrange(zk_binwriter *w, const ptau *t, const zk_events *ev);
zk_err ptau_write_lagrange_known(zk_binwriter *w, const ptau *t, const fr_t s[3],
                                 const zk_events *ev);
/* Sections 2-5 of a fresh file (every point a generator) multiplied by the
 * secrets s = (τ, α, β) as a contribution would, from fixed-base tables
 * (ptau_known.c). */
zk_err ptau_known_series(ptau *t, const fr_t s[3], const zk_events *ev);

/* In place: n = 2^log_n points P_j (coefficients in the exponent) become
 * L_i = (1/n)·Σ_j ω^(−ij)·P_j, the Lagrange form: an inverse NTT in the
 * group, about (n/2)·log n variable-time scalar multiplications by public
 * twiddles (group_ntt_impl.h). The G2 points must lie in G2 (the
 * multiplications go through ψ; ptau_check_g2). */
zk_err g1_lagrange_var(g1_aff *p, unsigned log_n);
zk_err g2_lagrange_var(g2_aff *p, unsigned log_n);

/* Checks block log_k of a prepared section (Lagrange points L, 2^log_k of
 * them) against the powers P it came from (the first 2^log_k of the series;
 * for τ in G1 at log_k = power + 1 the last one is missing, as in snarkjs):
 * for a random ρ, Σ_j ρ^j·P_j = Σ_i (ρ^n − 1)/(ρ·ω^i − 1)·L_i. */
zk_err ptau_check_lagrange_g1(bool *ok, const g1_aff *lagrange, const g1_aff *powers,
                              size_t n_powers, unsigned log_k);
zk_err ptau_check_lagrange_g2(bool *ok, const g2_aff *lagrange, const g2_aff *powers,
                              size_t n_powers, unsigned log_k);

#endif
