// Lesson 05-06: x^3 + x + 5 = out, the arithmetic circuit of Vitalik
// Buterin's "Quadratic Arithmetic Programs: from Zero to Hero". With out
// public and x = 3 private, the proof says "I know an x with x^3 + x + 5 =
// 35" without telling x.
pragma circom 2.0.0;

template Cubic() {
    signal input x;
    signal output out;
    signal x2;
    signal x3;
    x2 <== x * x;
    x3 <== x2 * x;
    out <== x3 + x + 5;
}

component main = Cubic();
