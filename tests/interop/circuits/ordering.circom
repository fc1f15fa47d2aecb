pragma circom 2.0.0;
// Signal numbering: subcomponents are numbered by name then index, whatever
// the order they are created or run in; arrays of signals and components.
include "comparators.circom";
template Pair() {
    signal input a;
    signal input b[2][2];
    signal output s;
    signal t;
    t <== a * b[1][0];
    s <== t + b[0][1] * b[1][1];
}
template Top(n) {
    signal input x[n];
    signal input y;
    signal output z[2];
    signal mid;
    component zeta = IsZero();
    component alpha[n];
    component beta = Pair();
    for (var i = n - 1; i >= 0; i--) {
        alpha[i] = Pair();
        alpha[i].a <== x[i];
        for (var j = 0; j < 2; j++) {
            for (var k = 0; k < 2; k++) {
                alpha[i].b[j][k] <== x[(i + j + k) % n] + j;
            }
        }
    }
    zeta.in <== y;
    mid <== alpha[n - 1].s * alpha[0].s;
    beta.a <== mid;
    for (var j = 0; j < 2; j++) {
        for (var k = 0; k < 2; k++) {
            beta.b[j][k] <== y * (j + k);
        }
    }
    z[0] <== beta.s + zeta.out;
    z[1] <== alpha[2].s;
}
component main {public [y]} = Top(11);
