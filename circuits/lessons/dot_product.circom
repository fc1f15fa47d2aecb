// Lesson 19: the DotProduct of the article series (src/nn/cnn.h names it) with three inputs and private weights.
pragma circom 2.0.0;

include "neurons.circom";

component main {public [in]} = DotProduct(3);
