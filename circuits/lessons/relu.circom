// Lesson 19: the corrected ReLU from circuits/neurons.circom as a main.
pragma circom 2.0.0;

include "neurons.circom";

component main = ReLU();
