// Lesson 19: one layer of 2 neurons over 3 inputs, as the article series builds it (src/nn/cnn.h names it).
pragma circom 2.0.0;

include "neurons.circom";

component main {public [in]} = LinearLayerWithReLU(3, 2);
