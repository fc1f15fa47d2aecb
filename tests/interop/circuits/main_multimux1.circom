pragma circom 2.0.0;
include "mux1.circom";
component main = MultiMux1(3);
