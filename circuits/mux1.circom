// One-bit multiplexers, written for zkcave, named as in circomlib's
// mux1.circom.
pragma circom 2.0.0;

// out[i] = c[i][s] for a selector bit s (the caller constrains s to a bit):
// out = c[0] + s * (c[1] - c[0]), one constraint per output.
template MultiMux1(n) {
    signal input c[n][2];
    signal input s;
    signal output out[n];
    for (var i = 0; i < n; i++) {
        out[i] <== (c[i][1] - c[i][0]) * s + c[i][0];
    }
}

// out = c[s].
template Mux1() {
    signal input c[2];
    signal input s;
    signal output out;
    out <== (c[1] - c[0]) * s + c[0];
}
