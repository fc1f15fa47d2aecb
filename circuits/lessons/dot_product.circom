// Lesson 19: the article's DotProduct with three inputs and private weights.
pragma circom 2.0.0;

include "neurons.circom";

component main {public [in]} = DotProduct(3);
