pragma circom 2.0.0;
// A chain of 1,000 constraints: 998 products, the input and the output.
template Chain(n) {
    signal input in;
    signal output out;
    signal x[n + 1];
    x[0] <== in;
    for (var i = 0; i < n; i++) {
        x[i + 1] <== x[i] * x[i] + i;
    }
    out <== x[n];
}
component main = Chain(998);
