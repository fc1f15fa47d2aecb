pragma circom 2.0.0;
include "neurons.circom";
component main {public [in]} = LinearLayerWithReLU(3, 2);
