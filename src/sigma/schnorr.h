/* Schnorr's identification protocol, piece by piece, over any sg_group.
 *
 * The prover knows x with y = g^x and convinces a verifier in three moves
 * (Schnorr, "Efficient signature generation by smart cards", J. Cryptology
 * 1991):
 *
 *   prover                                  verifier
 *   r uniform in [0, q), t = g^r   --t-->
 *                                  <--c--   c uniform in [0, q)
 *   s = r + c·x mod q              --s-->   accept iff g^s = t·y^c
 *
 * Each piece is a separate function so that a lesson can stop after any
 * move, show the numbers, and let the student play either side:
 *
 *   keys           schnorr_keygen, schnorr_keypair_set
 *   prover         schnorr_commit (or schnorr_commit_with a typed r),
 *                  schnorr_respond
 *   verifier       schnorr_challenge, schnorr_verify (both sides of the
 *                  equation exposed in a schnorr_check)
 *   the student    schnorr_check_student: reads typed r, c, s and says which
 *                  equation failed
 *   soundness      schnorr_extract: two accepting transcripts with the same t
 *                  and different c give x = (s1 - s2)/(c1 - c2) mod q. The
 *                  same computation is the nonce-reuse attack: a prover who
 *                  answers two challenges with one r has handed over x.
 *   zero knowledge schnorr_simulate: accepting transcripts made from y alone
 *                  (pick c and s, set t = g^s·y^-c);
 *                  schnorr_simulate_rewind: the same against a verifier that
 *                  chooses c after seeing t, by guessing and rewinding.
 *
 * Exact and statistical comparisons of real and simulated transcripts are in
 * schnorr_dist.h, the non-interactive version in fiat_shamir.h.
 *
 * Usage in the toy group of the lesson screens (x = 8, so y = 4^8 = 9):
 *
 *   sg_group g;            sg_init_toy11(&g);
 *   schnorr_keypair kp;    schnorr_keypair_init(&kp);
 *   mpz_set_ui(x, 8);      schnorr_keypair_set(&g, &kp, x);     // y = 9
 *   schnorr_prover pr;     schnorr_prover_init(&pr);
 *   mpz_set_ui(r, 3);      schnorr_commit_with(&g, &pr, r);     // t = 18
 *   mpz_set_ui(c, 7);      schnorr_respond(&g, s, &pr, &kp, c); // s = 4
 *   schnorr_transcript_set(&tr, &pr.t, c, s);
 *   schnorr_check chk;     schnorr_check_init(&chk);
 *   schnorr_verify(&g, &chk, &kp.y, &tr);  // chk.lhs = 4^4 = 3, chk.rhs = 18·9^7 = 3
 *
 * Every struct has an _init and a _clear; _clear wipes secrets (x, r).
 * Scalars are GMP integers; texts for the screen come from sg_to_str and
 * mpz_get_str. */
#ifndef ZK_SIGMA_SCHNORR_H
#define ZK_SIGMA_SCHNORR_H

#include "sigma/group.h"

/* ---- keys -------------------------------------------------------------- */

typedef struct schnorr_keypair {
    mpz_t x;      /* the secret, in [0, q) */
    sg_elt y;     /* the statement y = g^x */
} schnorr_keypair;

void schnorr_keypair_init(schnorr_keypair *kp);
void schnorr_keypair_clear(schnorr_keypair *kp);   /* wipes x */
/* x uniform in [1, q). */
void schnorr_keygen(const sg_group *g, schnorr_keypair *kp, zk_rng *rng);
/* A chosen secret: ZK_ENONCANONICAL unless 0 <= x < q. */
zk_err schnorr_keypair_set(const sg_group *g, schnorr_keypair *kp, const mpz_t x);

/* ---- one round ------------------------------------------------------- */

/* The prover between its first and last move. */
typedef struct schnorr_prover {
    mpz_t r;      /* the nonce, secret: knowing r and s gives x */
    sg_elt t;     /* the commitment t = g^r */
} schnorr_prover;

void schnorr_prover_init(schnorr_prover *pr);
void schnorr_prover_clear(schnorr_prover *pr);     /* wipes r */

/* Move 1: r uniform in [0, q), t = g^r. */
void schnorr_commit(const sg_group *g, schnorr_prover *pr, zk_rng *rng);
/* Move 1 with a chosen r (a student's, or a replayed one):
 * ZK_ENONCANONICAL unless 0 <= r < q. */
zk_err schnorr_commit_with(const sg_group *g, schnorr_prover *pr, const mpz_t r);
/* Move 2: c uniform in [0, q). */
void schnorr_challenge(const sg_group *g, mpz_t c, zk_rng *rng);
/* Move 3: s = r + c·x mod q. c is reduced mod q first. */
void schnorr_respond(const sg_group *g, mpz_t s, const schnorr_prover *pr,
                     const schnorr_keypair *kp, const mpz_t c);

/* What the verifier sees. */
typedef struct schnorr_transcript {
    sg_elt t;
    mpz_t c;
    mpz_t s;
} schnorr_transcript;

void schnorr_transcript_init(schnorr_transcript *tr);
void schnorr_transcript_clear(schnorr_transcript *tr);
void schnorr_transcript_set(schnorr_transcript *tr, const sg_elt *t, const mpz_t c,
                            const mpz_t s);
/* A whole honest round with fresh r and c; the nonce is wiped. */
void schnorr_prove_round(const sg_group *g, schnorr_transcript *tr, const schnorr_keypair *kp,
                         zk_rng *rng);

/* Both sides of the verifier's equation g^s = t·y^c, for display. */
typedef struct schnorr_check {
    sg_elt lhs;   /* g^s */
    sg_elt y_c;   /* y^c */
    sg_elt rhs;   /* t·y^c */
    bool ok;      /* lhs == rhs */
} schnorr_check;

void schnorr_check_init(schnorr_check *chk);
void schnorr_check_clear(schnorr_check *chk);

/* The verifier's decision. ZK_OK accepts, ZK_EVERIFY rejects (g^s != t·y^c).
 * Before the equation: ZK_ENONCANONICAL if c or s is not in [0, q), and
 * sg_check's code if y or t is not a group element (a transcript from outside
 * is never trusted). chk may be NULL; when given it is filled whenever the
 * equation was evaluated, and chk->ok mirrors the result. */
zk_err schnorr_verify(const sg_group *g, schnorr_check *chk, const sg_elt *y,
                      const schnorr_transcript *tr);

/* ---- the student's transcript ---------------------------------------- */

typedef enum schnorr_step {
    SCHNORR_STEP_NONE,       /* every equation held */
    SCHNORR_STEP_INPUT,      /* a number could not be read or is not in [0, q) */
    SCHNORR_STEP_RESPONSE,   /* s != r + c·x mod q */
    SCHNORR_STEP_VERIFY,     /* g^s != t·y^c */
} schnorr_step;

typedef struct schnorr_student {
    schnorr_step failed;     /* the first equation that failed */
    char bad_input;          /* 'r', 'c' or 's' when failed is SCHNORR_STEP_INPUT */
    mpz_t r, c, s;           /* the numbers as read */
    sg_elt t;                /* t = g^r */
    mpz_t s_expected;        /* r + c·x mod q */
    bool response_ok;        /* s == s_expected */
    schnorr_check check;     /* g^s against t·y^c */
    char message[256];       /* one sentence for the screen */
} schnorr_student;

void schnorr_student_init(schnorr_student *st);
void schnorr_student_clear(schnorr_student *st);

/* Checks a transcript a student typed as text (decimal or 0x-hex) for the
 * key kp: t = g^r, the response equation s = r + c·x mod q, and the
 * verifier's equation g^s = t·y^c, in that order. Since t and y are honest
 * here, the two equations hold or fail together; the response equation is
 * the one that names the mistake ("s should be 6"). Returns ZK_OK when all
 * hold, ZK_EVERIFY when an equation failed, or the parse error (ZK_EPARSE,
 * ZK_ENONCANONICAL) of the first bad number; st says which in every case. */
zk_err schnorr_check_student(const sg_group *g, schnorr_student *st, const schnorr_keypair *kp,
                             const char *r_text, const char *c_text, const char *s_text);

/* ---- special soundness ----------------------------------------------- */

typedef struct schnorr_extraction {
    mpz_t ds;       /* s1 - s2 mod q */
    mpz_t dc;       /* c1 - c2 mod q */
    mpz_t dc_inv;   /* (c1 - c2)^-1 mod q */
    mpz_t x;        /* ds · dc_inv mod q: the secret */
} schnorr_extraction;

void schnorr_extraction_init(schnorr_extraction *ex);
void schnorr_extraction_clear(schnorr_extraction *ex);   /* wipes x */

/* The extractor of special soundness: from two accepting transcripts for y
 * with the same commitment t and different challenges,
 *   g^s1 = t·y^c1 and g^s2 = t·y^c2  =>  g^(s1-s2) = y^(c1-c2)
 *   =>  x = (s1 - s2)/(c1 - c2) mod q.
 * ZK_EVERIFY if either transcript does not verify (schnorr_verify's codes for
 * malformed ones), ZK_EINVAL if the commitments differ or the challenges are
 * equal (nothing to extract). On success g^ex->x = y holds. */
zk_err schnorr_extract(const sg_group *g, schnorr_extraction *ex, const sg_elt *y,
                       const schnorr_transcript *tr1, const schnorr_transcript *tr2);

/* ---- honest-verifier zero knowledge ---------------------------------- */

/* The HVZK simulator: c and s uniform in [0, q), t = g^s·y^-c. The output
 * verifies for y and, for an honest verifier, has exactly the distribution
 * of real transcripts — without x. */
void schnorr_simulate(const sg_group *g, schnorr_transcript *tr, const sg_elt *y, zk_rng *rng);
/* The same with chosen c and s (reduced mod q): for hand-made examples. */
void schnorr_simulate_with(const sg_group *g, schnorr_transcript *tr, const sg_elt *y,
                           const mpz_t c, const mpz_t s);

/* A verifier that picks its challenge after seeing t, perhaps as a function
 * of t. It must write some c in [0, c_bound) and return ZK_OK (another code
 * aborts the simulation with that code). */
typedef zk_err (*schnorr_verifier_fn)(void *user, mpz_t c, const sg_elt *t);

/* The rewinding simulator for a verifier restricted to challenges in
 * [0, c_bound): guess c', make t = g^s·y^-c' as schnorr_simulate does, ask the
 * verifier; if it says c = c', output the transcript, otherwise rewind (throw
 * everything away) and try again. Each try succeeds with probability
 * 1/c_bound whatever the verifier does, because t is independent of c'. So
 * this works for small challenge sets (the toy group, or a one-bit
 * challenge) and is hopeless for c_bound = 2^256 — the reason Schnorr is
 * proven only honest-verifier zero knowledge.
 * 1 <= c_bound <= q (else ZK_EINVAL). *tries gets the number of tries. Emits
 * under phase "rewind" one ZK_EV_PROGRESS (done = try) and one ZK_EV_NOTE
 * ("guessed c' = 3, verifier asked c = 7: rewind") per try. ZK_EOVERFLOW after
 * max_tries failed tries, ZK_EINVAL if the verifier answers outside
 * [0, c_bound), ZK_ECANCELLED if the subscriber stops. */
zk_err schnorr_simulate_rewind(const sg_group *g, schnorr_transcript *tr, uint64_t *tries,
                               const sg_elt *y, uint64_t c_bound, schnorr_verifier_fn verifier,
                               void *user, uint64_t max_tries, zk_rng *rng,
                               const zk_events *ev);

#endif
