/* Sigma-protocol benchmarks: BIP-340 signing and verification and one
 * interactive Schnorr round, all on the GMP reference code of src/sigma
 * (affine secp256k1, variable time): the figures lessons wait for, not a
 * contest with libsecp256k1. */
#include <stdio.h>

#include "cli/bench.h"
#include "core/core.h"
#include "sigma/bip340.h"
#include "sigma/schnorr.h"

typedef struct sigma_ctx {
    sg_group g;
    uint8_t sk[32], pk[32], aux[32], msg[32], sig[64];
    schnorr_keypair kp;
    schnorr_transcript tr;
    zk_rng rng;
} sigma_ctx;

static volatile uint32_t g_sink;

static void run_sign(void *p, uint64_t n)
{
    sigma_ctx *c = p;
    for (uint64_t i = 0; i < n; i++) {
        c->msg[0] = (uint8_t)i;
        g_sink += bip340_sign(&c->g, c->sig, NULL, c->sk, c->msg, sizeof c->msg, c->aux, NULL);
    }
}

static void run_verify(void *p, uint64_t n)
{
    sigma_ctx *c = p;
    for (uint64_t i = 0; i < n; i++)
        g_sink += bip340_verify(&c->g, NULL, c->pk, c->msg, sizeof c->msg, c->sig);
}

static void run_round(void *p, uint64_t n)
{
    sigma_ctx *c = p;
    for (uint64_t i = 0; i < n; i++) {
        schnorr_prove_round(&c->g, &c->tr, &c->kp, &c->rng);
        g_sink += schnorr_verify(&c->g, NULL, &c->kp.y, &c->tr);
    }
}

void bench_sigma(void)
{
    sigma_ctx c;
    if (sg_init_secp256k1(&c.g) != ZK_OK) {
        fprintf(stderr, "zkcave: bench: cannot set up secp256k1\n");
        return;
    }
    zk_rng_seed_u64(&c.rng, 1);
    mpz_t d;
    mpz_init(d);
    sg_scalar_random_nonzero(&c.g, d, &c.rng);
    sg_export_be(c.sk, 32, d);
    mpz_clear(d);
    zk_random_bytes(&c.rng, c.aux, sizeof c.aux);
    zk_random_bytes(&c.rng, c.msg, sizeof c.msg);
    schnorr_keypair_init(&c.kp);
    schnorr_transcript_init(&c.tr);
    schnorr_keygen(&c.g, &c.kp, &c.rng);
    if (bip340_pubkey(&c.g, c.pk, c.sk) == ZK_OK &&
        bip340_sign(&c.g, c.sig, NULL, c.sk, c.msg, sizeof c.msg, c.aux, NULL) == ZK_OK) {
        /* Sign includes the verification the BIP recommends. */
        bench_line("bip340_sign", bench_ns_per_iter(run_sign, &c, 0.3) / 1e3, "us/op");
        bench_line("bip340_verify", bench_ns_per_iter(run_verify, &c, 0.3) / 1e3, "us/op");
    }
    bench_line("schnorr_round_secp256k1", bench_ns_per_iter(run_round, &c, 0.3) / 1e3, "us/op");
    schnorr_keypair_clear(&c.kp);
    schnorr_transcript_clear(&c.tr);
    sg_clear(&c.g);
}
