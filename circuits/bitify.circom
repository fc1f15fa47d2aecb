// Bit decomposition, written for zkcave. Template names and signals follow
// what Circom users expect from circomlib's bitify.circom.
pragma circom 2.0.0;

// out[0..n) are the bits of in, least significant first. Each bit is forced
// to 0 or 1, and their weighted sum must equal in: n + 1 constraints. For
// n >= 254 the decomposition is not unique (sums can wrap around r).
template Num2Bits(n) {
    signal input in;
    signal output out[n];
    var sum = 0;
    var weight = 1;
    for (var i = 0; i < n; i++) {
        out[i] <-- (in >> i) & 1;
        out[i] * (out[i] - 1) === 0;
        sum += out[i] * weight;
        weight += weight;
    }
    sum === in;
}

// out = sum of in[i] * 2^i. The caller must make sure the in[i] are bits.
template Bits2Num(n) {
    signal input in[n];
    signal output out;
    var sum = 0;
    var weight = 1;
    for (var i = 0; i < n; i++) {
        sum += in[i] * weight;
        weight += weight;
    }
    out <== sum;
}
