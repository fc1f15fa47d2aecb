pragma circom 2.0.0;
include "neurons.circom";
component main = ReLU();
