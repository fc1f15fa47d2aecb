/* The Groth16 lab's pipeline on a compiled circuit: setup from fresh
 * secrets, the witness of the form's inputs, the proof, its verification,
 * each timed; and the verification of the same proof against a public
 * signal changed by one, which must fail. In memory, with the functions
 * `zkcave groth16 setup --secrets`, `prove` and `verify` use. */
#include <string.h>

#include <sodium.h>

#include "core/alloc.h"
#include "lesson/actions_snark.h"
#include "lesson/lab.h"
#include "snark/groth16_setup.h"

void lesson_lab_groth16_init(lesson_lab_groth16 *g)
{
    memset(g, 0, sizeof *g);
}

static void forget_proof(lesson_lab_groth16 *g)
{
    zk_free(g->pub);
    g->pub = NULL;
    g->n_pub = 0;
    if (g->proof_json)
        cJSON_free(g->proof_json);
    g->proof_json = NULL;
    g->proved = g->valid = false;
}

void lesson_lab_groth16_free(lesson_lab_groth16 *g)
{
    forget_proof(g);
    if (g->have_key)
        groth16_demo_key_free(&g->key);
    memset(g, 0, sizeof *g);
}

zk_err lesson_lab_groth16_setup(lesson_lab_groth16 *g, const lesson_lab_circuit *lc,
                                const zk_events *ev, char *why, size_t why_len)
{
    lesson_lab_groth16_free(g);
    double t0 = lesson_snark_now();
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "lab_setup", 0, 0, "setup from secrets");
    if (!err)
        err = groth16_demo_key_make(&g->key, &lc->c.sys, NULL, true, ev);
    g->log_domain = g->key.log_domain;
    if (err) {
        if (err == ZK_EOVERFLOW)
            snprintf(why, why_len, "the circuit needs a domain of 2^%u, more than BN254 has",
                     g->log_domain);
        else
            snprintf(why, why_len, "setup: %s", zk_strerror(err));
        return err;
    }
    g->setup_seconds = lesson_snark_now() - t0;
    g->have_key = true;
    return ZK_OK;
}

zk_err lesson_lab_groth16_prove(lesson_lab_groth16 *g, const lesson_lab_circuit *lc,
                                const zk_events *ev, char *why, size_t why_len)
{
    forget_proof(g);
    if (!g->have_key) {
        snprintf(why, why_len, "no key: run the setup first");
        return ZK_EINVAL;
    }
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "lab_witness", 0, 0, "witness");
    if (err)
        return err;
    fr_t *w;
    double t0 = lesson_snark_now();
    if ((err = lesson_lab_circuit_witness(&w, lc, why, why_len)))
        return err;
    size_t n_w = lc->c.sys.n_wires;
    g->witness_seconds = lesson_snark_now() - t0;
    g->n_pub = g->key.vk.n_public;
    g->pub = zk_alloc(g->n_pub ? g->n_pub : 1, sizeof *g->pub);
    if (!g->pub)
        err = ZK_ENOMEM;
    else
        memcpy(g->pub, w + 1, g->n_pub * sizeof *g->pub);
    if (!err && !(err = zk_emit(ev, ZK_EV_BEGIN, "lab_prove", 0, 0, "prove"))) {
        t0 = lesson_snark_now();
        err = groth16_prove(&g->proof, &g->key.pk, w, n_w, NULL, ev);
        g->prove_seconds = lesson_snark_now() - t0;
    }
    sodium_memzero(w, n_w * sizeof *w);
    zk_free(w);
    if (!err && !(err = zk_emit(ev, ZK_EV_BEGIN, "lab_verify", 0, 0, "verify"))) {
        t0 = lesson_snark_now();
        err = groth16_verify(&g->valid, &g->key.vk, g->pub, g->n_pub, &g->proof);
        g->verify_seconds = lesson_snark_now() - t0;
    }
    if (!err) {
        cJSON *j = groth16_proof_to_json(&g->proof);
        g->proof_json = j ? cJSON_Print(j) : NULL;
        cJSON_Delete(j);
        if (!g->proof_json)
            err = ZK_ENOMEM;
    }
    if (err) {
        if (err != ZK_ECANCELLED)
            snprintf(why, why_len, "%s", zk_strerror(err));
        forget_proof(g);
        return err;
    }
    g->proved = true;
    return ZK_OK;
}

zk_err lesson_lab_groth16_verify_tampered(bool *ok, fr_t *changed, const lesson_lab_groth16 *g,
                                          size_t which)
{
    *ok = false;
    if (!g->proved || which >= g->n_pub)
        return ZK_EINVAL;
    fr_t *pub = zk_alloc(g->n_pub, sizeof *pub);
    if (!pub)
        return ZK_ENOMEM;
    memcpy(pub, g->pub, g->n_pub * sizeof *pub);
    fr_t one;
    fr_one(&one);
    fr_add(&pub[which], &pub[which], &one);
    *changed = pub[which];
    zk_err err = groth16_verify(ok, &g->key.vk, pub, g->n_pub, &g->proof);
    zk_free(pub);
    return err;
}
