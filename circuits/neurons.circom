// The article's neuron circuits, written for zkcave (lesson 19).
pragma circom 2.0.0;

include "bitify.circom";

// out = sum of in[i] * weights[i]: n products, one constraint each, and one
// linear constraint for the sum. With private weights nothing ties them to a
// model: for in = [1, 2, 3] the weights (17, 0, 0) give the same out as any
// other weights summing to 17. A real proof commits to the model.
template DotProduct(n) {
    signal input in[n];
    signal input weights[n];
    signal output out;
    signal prod[n];
    var sum = 0;
    for (var i = 0; i < n; i++) {
        prod[i] <== in[i] * weights[i];
        sum += prod[i];
    }
    out <== sum;
}

// out = max(in, 0) for -2^31 <= in < 2^31 (as field elements, negative
// means r - |in|). Shifting by 2^31 makes the value non-negative; its bit 31
// is then 1 exactly when in >= 0. (The article tested that bit the other
// way round, which zeroes positives and passes negatives: lesson 19.)
template ReLU() {
    signal input in;
    signal output out;
    component bits = Num2Bits(32);
    bits.in <== in + (1 << 31);
    signal isPositive;
    isPositive <== bits.out[31];
    out <== in * isPositive;
}

// out[j] = ReLU(sum_i in[i] * weights[j][i] + bias[j]), j < nOut.
template LinearLayerWithReLU(nIn, nOut) {
    signal input in[nIn];
    signal input weights[nOut][nIn];
    signal input bias[nOut];
    signal output out[nOut];
    component dot[nOut];
    component relu[nOut];
    for (var j = 0; j < nOut; j++) {
        dot[j] = DotProduct(nIn);
        for (var i = 0; i < nIn; i++) {
            dot[j].in[i] <== in[i];
            dot[j].weights[i] <== weights[j][i];
        }
        relu[j] = ReLU();
        relu[j].in <== dot[j].out + bias[j];
        out[j] <== relu[j].out;
    }
}
