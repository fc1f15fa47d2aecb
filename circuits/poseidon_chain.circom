// PoseidonChain(n), for lesson 12: n Poseidon hashes in a row over BN254, h_i = Poseidon(h_(i-1)),
// h_0 = x; the same chain the STARK proves with Goldilocks Poseidon as an AIR.
pragma circom 2.0.0;

include "poseidon.circom";

template PoseidonChain(n) {
    signal input x;
    signal output out;
    component h[n];
    for (var i = 0; i < n; i++) {
        h[i] = Poseidon(1);
        if (i == 0) {
            h[i].inputs[0] <== x;
        } else {
            h[i].inputs[0] <== h[i - 1].out;
        }
    }
    out <== h[n - 1].out;
}
