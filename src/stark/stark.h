/* The STARK prover and verifier.
 *
 * The protocol (DEEP-ALI with FRI, as in ethSTARK, StarkWare's "ethSTARK
 * Documentation" ePrint 2021/582, and Winterfell):
 *   1. The prover builds the trace, checks it against the AIR (a broken
 *      trace is reported with its failing row and constraint), interpolates
 *      each column over the trace domain H (N points) and evaluates it on
 *      the LDE domain D = s·<ω_D>, |D| = blowup·N, s = 7; it commits to the
 *      rows of that table in a Merkle tree. Fixed columns (air.h) are
 *      extended with it and committed in a tree of their own, whose root
 *      (the AIR's, never read from the proof) the transcript absorbs
 *      after the main root.
 *   2. With an auxiliary segment: challenges are drawn, the auxiliary
 *      columns built, extended and committed the same way.
 *   3. Constraint coefficients α are drawn; the quotient
 *      Q = Σ α_i·C_i/Z_i (C_i the constraint, Z_i the vanishing polynomial
 *      of the rows it applies to) is evaluated on D, interpolated, split into
 *      chunks H_k of degree < d with Q(x) = Σ x^{kN}·H_k(x), and committed.
 *   4. An out-of-domain point z is drawn in the extension; the prover sends
 *      every column at z and ω·z and every chunk at z; the verifier checks
 *      Σ α_i·C_i(z)/Z_i(z) = Σ z^{kN}·H_k(z).
 *   5. The DEEP composition f(x) = Σ γ_i (T_i(x) - T_i(z))/(x - z) +
 *      λ·Σ γ_i (T_i(x) - T_i(ωz))/(x - ωz) + Σ δ_k (H_k(x) - H_k(z))/(x - z)
 *      is a polynomial of degree < d exactly when the openings were honest;
 *      FRI proves that, folding by the folding factor down to a small
 *      remainder polynomial sent in the clear.
 *   6. After a proof of work (grinding), query positions are drawn and
 *      every committed table is opened there; the verifier recomputes f at
 *      those points from the openings and runs the FRI checks.
 * All challenges come from a Fiat-Shamir transcript (hash/transcript.h)
 * over Goldilocks' quadratic extension gl2 (128 bits), so soundness is not
 * capped at 64 bits.
 *
 * Zero knowledge (on by default): every trace column T is replaced by
 * T + Z_H·r, with r random of degree < 2q + 2 (q queries, each reading a row
 * and its successor, and the two out-of-domain points), which leaves T on H
 * unchanged; the composition chunks are re-randomised so that they still
 * sum to Q (H_k + x^N·u_k, H_{k+1} - u_k); the FRI input gets a random
 * polynomial R of full degree, committed with the chunks; and every Merkle
 * leaf is salted. The degree bound grows from N to d = N + c; the
 * security estimate uses the true rate d/|D|. */
#ifndef ZK_STARK_STARK_H
#define ZK_STARK_STARK_H

#include "core/event.h"
#include "hash/merkle.h"
#include "stark/air.h"

/* ---- options --------------------------------------------------------------- */

typedef struct stark_options {
    unsigned log_blowup;     /* blowup 2^log_blowup, 1..6 */
    unsigned queries;        /* 1..200 */
    unsigned grinding;       /* proof-of-work bits, 0..32 */
    unsigned log_folding;    /* FRI folding factor 2^log_folding, 1..4 */
    unsigned fri_remainder;  /* fold while the remainder keeps at least this many coefficients */
    bool zk;
} stark_options;

/* blowup 8, 28 queries, 20 grinding bits, folding 8, remainder >= 32, zero
 * knowledge: 102-103 bits conjectured for the benchmark's chains. */
void stark_options_default(stark_options *o);
/* ZK_EINVAL with a reason in why (may be NULL) for out-of-range options. */
zk_err stark_options_check(const stark_options *o, const char **why);

/* ---- the shape of a proof -------------------------------------------------- */

/* Everything both sides derive from the AIR and the options. */
typedef struct stark_layout {
    size_t n;             /* trace rows N */
    unsigned log_n;
    size_t blowup;
    size_t lde;           /* |D| = blowup·N */
    unsigned log_lde;
    size_t k_rand;        /* random coefficients per trace column (0 without zk) */
    size_t c;             /* degree slack: d = N + c */
    size_t d;             /* degree bound of every committed polynomial */
    size_t q_len;         /* coefficients of the quotient Q */
    size_t n_chunks;      /* m: Q = Σ x^{kN} H_k */
    size_t n_comp;        /* committed composition columns: m, plus R with zk */
    size_t main_width;    /* base-field columns per committed row */
    size_t fixed_width;   /* fixed columns (their own tree, unsalted) */
    size_t aux_width;     /* 2 per auxiliary (extension) column */
    size_t comp_width;    /* 2 per composition column */
    unsigned fri_layers;  /* committed FRI layers */
    size_t fri_rem;       /* remainder polynomial: coefficients */
    size_t salt_len;      /* MERKLE_SALT_BYTES with zk, else 0 */
    gl_t shift;           /* s */
    gl_t omega_n;         /* generator of H */
    gl_t omega_lde;       /* generator of <ω_D> */
} stark_layout;

/* ZK_EINVAL (why says which limit) when the AIR and the options do not
 * make a proof: blowup too small for the constraint degree, a trace too
 * short for the zero-knowledge slack, ... */
zk_err stark_layout_make(stark_layout *l, const stark_air *air, const stark_options *o,
                         const char **why);

/* ---- security -------------------------------------------------------------- */

/* The conjectured level `zkcave stark verify` asks for unless told otherwise:
 * what the default options give on the default 1024-row traces (100 bits;
 * 101-102 on longer ones). */
#define STARK_MIN_BITS_DEFAULT 100u
/* Winterfell's rule: grinding counts toward the conjectured level only once
 * the queries alone give this many bits. */
#define STARK_GRINDING_FLOOR 80u

typedef struct stark_security {
    unsigned conjectured;   /* ethSTARK Conjecture 1, Winterfell's formula */
    unsigned proven_udr;    /* proven, unique-decoding regime */
    unsigned proven_ldr;    /* proven, list-decoding regime */
    unsigned query_bits;    /* the queries' share of the conjectured level */
    /* grinding > 0 but query_bits < STARK_GRINDING_FLOOR, so the conjectured
     * level leaves the grinding out (the proven ones always count it) */
    bool grinding_dropped;
} stark_security;

/* The general form (for tests against Winterfell's own figures): ext_bits
 * the challenge field's size in bits, log2 of trace and LDE sizes, the
 * degree bound d (N without zero knowledge), queries, grinding bits, folding
 * factor, FRI layers, and the hash's collision resistance (128). */
void stark_security_compute(stark_security *s, unsigned ext_bits, unsigned log_n,
                            unsigned log_lde, size_t d, unsigned queries, unsigned grinding,
                            unsigned folding, unsigned fri_layers, unsigned collision_bits);
/* The estimate for a layout and the options that made it. The challenge
 * field (gl2, 128 bits) and the hash are fixed by the code, never read from
 * a proof. */
void stark_security_of(stark_security *s, const stark_layout *l, const stark_options *o);

/* Raises o's blowup, then its queries, to the smallest pair (blowup first,
 * from o's own up to 64; then queries, from o's own up to 200) whose
 * layout for air exists and reaches min_bits conjectured. With zero
 * knowledge a short trace loses bits to its masks (their degree grows with
 * the queries), so the defaults alone give 67 bits at 128 rows; this is how
 * `stark prove` keeps its promise of a proof the default verifier accepts.
 * When no pair does, the same with fewer queries than o's (most first):
 * below 128 rows the masks (2·queries + 2 coefficients, at most rows/2)
 * leave room for fewer than the default, and 64 rows reach 100 bits with
 * blowup 64 and 15 queries. ZK_EINVAL, o unchanged, when nothing reaches
 * min_bits. */
zk_err stark_options_fit(stark_options *o, const stark_air *air, unsigned min_bits);
/* The fewest rows (a power of two, 4 to 2^26) at which stark_options_fit
 * succeeds from o for an AIR of air's shape; 0 when none does. */
size_t stark_options_min_rows(const stark_options *o, const stark_air *air, unsigned min_bits);

/* ---- proofs ---------------------------------------------------------------- */

/* One Merkle tree's answers at the query positions: the distinct leaves
 * opened (in increasing position order), their salts, and the batched
 * authentication nodes. */
typedef struct stark_opening {
    size_t n;
    size_t width;
    size_t salt_len;
    gl_t *values;         /* n × width */
    uint8_t *salts;       /* n × salt_len */
    size_t n_nodes;
    hash_digest *nodes;
} stark_opening;

typedef struct stark_proof {
    /* the statement */
    char air[STARK_AIR_NAME_MAX];
    uint64_t params[STARK_AIR_MAX_PARAMS];
    size_t n_params;
    gl_t pub[STARK_AIR_MAX_PUB];
    size_t n_pub;
    stark_options opt;
    stark_security sec;    /* as the prover computed it; the verifier recomputes */

    hash_digest main_root, aux_root, comp_root;
    /* 2·(n_main + n_fixed): every main then fixed column at z, the same at
     * ω·z (the fixed root is the AIR's, never in the proof) */
    gl2_t *ood_main;
    gl2_t *ood_aux;        /* 2·n_aux */
    gl2_t *ood_comp;       /* n_comp: every composition column at z */
    size_t n_fri;
    hash_digest *fri_roots;
    size_t n_rem;
    gl2_t *fri_rem;        /* remainder coefficients, constant term first */
    uint64_t pow_nonce;
    stark_opening main, fixed, aux, comp;   /* fixed: only with fixed columns */
    stark_opening *fri;    /* n_fri */
} stark_proof;

void stark_proof_free(stark_proof *p);

/* Proves the AIR's statement (air built with a witness). rng NULL uses the
 * operating system's randomness for the zero-knowledge masks and salts; a
 * seeded rng makes the proof reproducible (tests). Events: BEGIN/END of the
 * phases "trace", "trace_check", "lde" (extension and commitment), "aux",
 * "constraints", "composition", "deep", "fri" (with a NOTE "fri_fold" per
 * layer, its data a fri_layer_info), "grinding", "queries"; a subscriber
 * that returns false stops the prover with ZK_ECANCELLED.
 * A trace that fails its constraints returns ZK_ETRACE with the report in
 * *check (may be NULL). */
zk_err stark_prove(stark_proof *proof, const stark_air *air, const stark_options *opt,
                   zk_rng *rng, const zk_events *ev, stark_check_report *check);

/* Test hook: the same without the trace check, so a proof of a broken trace
 * can be made and shown to fail verification. */
zk_err stark_prove_unchecked(stark_proof *proof, const stark_air *air, const stark_options *opt,
                             zk_rng *rng, const zk_events *ev);

/* The verifier's own estimate of a proof's security: the layout from the
 * AIR and the proof's options, each checked against the verifier's ranges
 * (blowup, queries, grinding, folding, FRI remainder; the number of FRI
 * layers and the remainder's length follow from them, the challenge field
 * and hash are fixed). The figures recorded in the proof are never used.
 * ZK_EINVAL (why says what) when the statement is not the AIR's, an option
 * is out of range, or the proof's shape (FRI layers, remainder length,
 * recorded security) disagrees with what the options imply. */
zk_err stark_proof_security(stark_security *s, const stark_proof *proof, const stark_air *air,
                            const char **why);

/* Verifies a proof against an AIR built from its statement, accepting it
 * only if its conjectured security, as stark_proof_security computes it, is
 * at least min_bits (STARK_MIN_BITS_DEFAULT unless the caller deliberately
 * shows weak parameters). ZK_OK when valid; ZK_EVERIFY when the level is
 * below min_bits ("conjectured security below the minimum", checked before
 * anything else is) or any check fails (why, if not NULL, names the first:
 * "out-of-domain check", "main trace Merkle path", "FRI layer 2", ...);
 * ZK_EINVAL as stark_proof_security. */
zk_err stark_verify(const stark_proof *proof, const stark_air *air, unsigned min_bits,
                    const char **why);

/* ---- proof files ----------------------------------------------------------- */

/* Files larger than this are refused before parsing. */
#define STARK_PROOF_MAX_BYTES ((size_t)64 << 20)

/* Serialises into a buffer the caller frees with zk_free. */
zk_err stark_proof_encode(const stark_proof *p, const stark_air *air, uint8_t **buf,
                          size_t *len);
/* Reads the statement at the head of a proof file (AIR name, parameters,
 * public inputs), so the caller can build the AIR to decode against.
 * ZK_EFORMAT on a malformed or truncated header. */
zk_err stark_proof_peek(const uint8_t *buf, size_t len, char name[STARK_AIR_NAME_MAX],
                        uint64_t *params, size_t *n_params, gl_t *pub, size_t *n_pub);
/* Parses a whole proof for the given AIR, checking every count and every
 * field element; ZK_EFORMAT (truncated, trailing bytes, bad magic or
 * version, non-canonical values, sizes that do not match the AIR and the
 * options), ZK_EINVAL (options out of range), ZK_ENOMEM. */
zk_err stark_proof_decode(stark_proof *p, const uint8_t *buf, size_t len, const stark_air *air);

/* Which step of stark_proof_open refused a file. */
typedef enum stark_open_stage {
    STARK_OPEN_STATEMENT,   /* the head is no zkcave STARK statement */
    STARK_OPEN_AIR,         /* it names an unknown AIR, or one that refuses the statement */
    STARK_OPEN_PROOF,       /* the proof does not parse against that AIR */
} stark_open_stage;

/* A proof file's bytes read as a verifier must: the statement at its head
 * (stark_proof_peek), the AIR that statement names (stark_air_from_statement),
 * then the whole proof against that AIR (stark_proof_decode). name gets the
 * statement's AIR name ("" when the head does not parse): the prover's text,
 * to be escaped before it is shown. On failure *stage says which step
 * refused and nothing needs freeing; on success the caller frees p and a. */
zk_err stark_proof_open(stark_air *a, stark_proof *p, char name[STARK_AIR_NAME_MAX],
                        stark_open_stage *stage, const uint8_t *buf, size_t len);

#endif
