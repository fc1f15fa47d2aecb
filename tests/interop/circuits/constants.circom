pragma circom 2.0.0;
// Simplification cases: signal = signal chains, signal = constant, linear
// constraints, products that turn linear once a constant is known, and an
// intermediate that nothing uses.
template Inner() {
    signal input a;
    signal output b;
    b <== a;
}
template Consts() {
    signal input p;
    signal input q;
    signal output o1;
    signal output o2;
    signal k;
    signal k2;
    signal e1;
    signal e2;
    signal unused;
    component in1 = Inner();
    component in2 = Inner();
    k <== 7;
    k2 <== k * k;
    e1 <== p;
    e2 <== e1;
    in1.a <== e2;
    in2.a <== in1.b + q;
    o1 <== k2 * in2.b + 3 * q;
    o2 <== e2 * q - 2 * p + 1;
    unused <-- p * p;
}
component main {public [q]} = Consts();
