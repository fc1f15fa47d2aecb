// Comparisons, written for zkcave, with the template names of circomlib's
// comparators.circom.
pragma circom 2.0.0;

include "bitify.circom";

// out = 1 when in = 0, else 0. The prover supplies inv = 1/in (or 0);
// in * out = 0 and out = 1 - in * inv leave no other choice.
template IsZero() {
    signal input in;
    signal output out;
    signal inv;
    inv <-- in != 0 ? 1 / in : 0;
    out <== 1 - in * inv;
    in * out === 0;
}

// out = 1 when in[0] = in[1].
template IsEqual() {
    signal input in[2];
    signal output out;
    component isz = IsZero();
    isz.in <== in[1] - in[0];
    out <== isz.out;
}

// out = 1 when in[0] < in[1], for inputs below 2^n (n <= 252). Bit n of
// in[0] + 2^n - in[1] is set exactly when in[0] >= in[1].
template LessThan(n) {
    assert(n <= 252);
    signal input in[2];
    signal output out;
    component bits = Num2Bits(n + 1);
    bits.in <== in[0] + (1 << n) - in[1];
    out <== 1 - bits.out[n];
}

// out = 1 when in[0] <= in[1].
template LessEqThan(n) {
    signal input in[2];
    signal output out;
    component lt = LessThan(n);
    lt.in[0] <== in[0];
    lt.in[1] <== in[1] + 1;
    out <== lt.out;
}

// out = 1 when in[0] > in[1].
template GreaterThan(n) {
    signal input in[2];
    signal output out;
    component lt = LessThan(n);
    lt.in[0] <== in[1];
    lt.in[1] <== in[0];
    out <== lt.out;
}

// out = 1 when in[0] >= in[1].
template GreaterEqThan(n) {
    signal input in[2];
    signal output out;
    component lt = LessThan(n);
    lt.in[0] <== in[1];
    lt.in[1] <== in[0] + 1;
    out <== lt.out;
}
