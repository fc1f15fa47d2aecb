/* The fixture of the zkml tests: the shipped model at the calibrated scales
 * (2^5) with the worst-case accumulator widths, the bundled digits, and
 * the checks every zkml test makes. */
#ifndef ZK_TEST_ZKML_FIXTURE_H
#define ZK_TEST_ZKML_FIXTURE_H

#include "nn/cnn.h"
#include "zkml/zkml.h"

extern nn_cnn zf_model;
extern nn_qmodel *zf_qm;

/* Loads zf_model and zf_qm (0), or says why not (-1). */
int zf_setup(void);
void zf_teardown(void);
/* m at the calibrated scales, acc_bits the worst case. */
nn_qmodel *zf_quantize(const nn_cnn *m);
/* assets/digits/<name>.png. */
void zf_digit(uint8_t img[NN_PIXELS], const char *name);
zkml_settings zf_settings(zkml_visibility v, int first_layer);
/* The witness of img, every constraint checked as it is generated. */
void zf_checked_witness(zkml_witness *w, const zkml_settings *s, const nn_qmodel *m,
                        const uint8_t *img);
/* The circuit of s for zf_qm, and the witness of one digit with model m. */
void zf_prepare(zkml_circuit *c, zkml_witness *w, const zkml_settings *s, const nn_qmodel *m,
                const char *name);
/* c refuses w at the first constraint of gadget in (row, op); returns the
 * instance's index. */
uint64_t zf_assert_rejected(const zkml_circuit *c, const fr_t *w, size_t n, zkml_row row,
                            zkml_op op, const char *gadget);

#endif
