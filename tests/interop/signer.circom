// Not a test circuit: circomlib.sh compiles it with circom2 (to WebAssembly)
// to make real inputs for circomlib's EdDSA-Poseidon and sparse-Merkle-tree
// verifiers without circomlibjs, and without zkcave, whose witnesses they
// check. Public keys and nonce points are a·Base8 (circomlib's BabyPbk),
// the signed hash and the tree's nodes circomlib's Poseidon;
// circomlib_inputs.mjs does the rest (S = r + 8·h·a mod the subgroup
// order).
pragma circom 2.0.0;
include "babyjub.circom";
include "poseidon.circom";

template Signer() {
    signal input a;          // private key scalar
    signal input r;          // nonce
    signal input m;          // message
    signal input k[2];       // two leaves of a tree: keys
    signal input v[2];       // and values
    signal output A[2];
    signal output R8[2];
    signal output h;
    signal output leaf[2];   // Poseidon(key, value, 1)
    signal output root;      // Poseidon(leaf[1], leaf[0]): key 2 left, key 1 right

    component pa = BabyPbk();
    pa.in <== a;
    component pr = BabyPbk();
    pr.in <== r;
    A[0] <== pa.Ax;
    A[1] <== pa.Ay;
    R8[0] <== pr.Ax;
    R8[1] <== pr.Ay;
    component hm = Poseidon(5);
    hm.inputs[0] <== pr.Ax;
    hm.inputs[1] <== pr.Ay;
    hm.inputs[2] <== pa.Ax;
    hm.inputs[3] <== pa.Ay;
    hm.inputs[4] <== m;
    h <== hm.out;

    component lh[2];
    for (var i = 0; i < 2; i++) {
        lh[i] = Poseidon(3);
        lh[i].inputs[0] <== k[i];
        lh[i].inputs[1] <== v[i];
        lh[i].inputs[2] <== 1;
        leaf[i] <== lh[i].out;
    }
    component node = Poseidon(2);
    node.inputs[0] <== leaf[1];
    node.inputs[1] <== leaf[0];
    root <== node.out;
}
component main = Signer();
