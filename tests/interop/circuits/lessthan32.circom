pragma circom 2.0.0;
include "comparators.circom";
component main = LessThan(32);
