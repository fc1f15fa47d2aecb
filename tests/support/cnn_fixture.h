/* The fixture of the CNN AIR tests (test_stark_cnn*.c): the shipped model
 * quantized with the shipped settings (assets/), as `zkcave stark prove
 * cnn` and `mnist predict --settings` take it, and the MNIST test set. */
#ifndef ZK_TEST_CNN_FIXTURE_H
#define ZK_TEST_CNN_FIXTURE_H

#include "nn/idx.h"
#include "nn/quant.h"

extern nn_qmodel *cf_qm;
extern nn_dataset cf_test;

/* Loads both (0), or says why not on stderr (-1). */
int cf_setup(void);
void cf_teardown(void);

#endif
