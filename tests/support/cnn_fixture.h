/* The fixture of the tests of the shipped model (test_stark_cnn*.c,
 * test_stark_unpack.c, test_zkml_hash_gl.c): the shipped model quantized
 * with the shipped settings (assets/), as `zkcave stark prove cnn` and
 * `mnist predict --settings` take it, and the MNIST test set. */
#ifndef ZK_TEST_CNN_FIXTURE_H
#define ZK_TEST_CNN_FIXTURE_H

#include "nn/idx.h"
#include "nn/quant.h"
#include "zkml/zkml.h"

extern nn_qmodel *cf_qm;
extern nn_dataset cf_test;
/* The shipped settings (cf_setup loads them). */
extern zkml_settings cf_settings;

/* Loads the model, its settings and the test set (0), or says why not on
 * stderr (-1). */
int cf_setup(void);
void cf_teardown(void);
/* The model alone into cf_qm, with the settings into *s when s is not
 * NULL (0), or says why not on stderr (-1); cf_model_teardown frees it. */
int cf_model_setup(zkml_settings *s);
void cf_model_teardown(void);

#endif
