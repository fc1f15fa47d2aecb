// Lesson 19: the ReLU as the article series prints it (src/nn/cnn.h names it), kept deliberately wrong.
// With bits = 32, n2b.out[31] of in + 2^31 is 1 for in >= 0, so treating it
// as "is negative" zeroes the positives and passes the negatives through:
// in = 5 gives 0 and in = -5 gives -5. circuits/neurons.circom has the
// corrected template.
pragma circom 2.0.0;

include "bitify.circom";

template ReLU() {
    signal input in;
    signal output out;
    component n2b = Num2Bits(32);
    n2b.in <== in + (1 << 31);
    signal isNegative;
    isNegative <== n2b.out[31];
    out <== in * (1 - isNegative);
}

component main = ReLU();
