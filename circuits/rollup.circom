// A ZK rollup's state transition, written for zkcave (lesson 13): a batch
// of transfers between accounts kept in a Poseidon-Merkle tree, proven as
// one update of the tree's root.
//
//   account leaf  = Poseidon(key, balance, nonce)
//   inner node    = Poseidon(left, right)
//   batch hash    h_0 = 0, h_i+1 = Poseidon(h_i, from, to, amount, nonce)
//
// Leaves hash three inputs and nodes two: Poseidon permutations of
// different widths, so an inner node cannot pass for a leaf.
//
// Public: the root before the batch, the root after it, and the batch hash
// (the transfers themselves stay private inputs, so the verifier's work does
// not grow with the batch; whoever checks the proof recomputes the hash from
// the posted transfers). The witness comes from src/circuit/rollup.c.
//
// What is NOT here: signatures. The key in a leaf is only a name; a
// production rollup also checks, per transfer, a signature (EdDSA over Baby
// Jubjub) under that key, so that only the owner can spend.
pragma circom 2.0.0;

include "bitify.circom";
include "poseidon.circom";

// Balances and amounts are below 2^64. Every new balance is range-checked,
// so this holds for the whole tree once it holds for the first one.
function ROLLUP_BALANCE_BITS() {
    return 64;
}

// The root of a tree of the given depth from one leaf, the bits of its index
// (least significant = lowest level) and the siblings on its path. Each
// level costs one constraint to order the pair plus a Poseidon(2): the left
// child is cur or the sibling by the bit, and right = cur + sibling - left
// is linear.
template MerkleRoot(depth) {
    signal input leaf;
    signal input pathBits[depth];
    signal input siblings[depth];
    signal output root;
    signal left[depth];
    component h[depth];
    var cur = leaf;
    for (var i = 0; i < depth; i++) {
        left[i] <== pathBits[i] * (siblings[i] - cur) + cur;
        h[i] = Poseidon(2);
        h[i].inputs[0] <== left[i];
        h[i].inputs[1] <== cur + siblings[i] - left[i];
        cur = h[i].out;
    }
    root <== cur;
}

// One leaf replaced: the roots before and after, over the same path.
template MerkleUpdate(depth) {
    signal input oldLeaf;
    signal input newLeaf;
    signal input pathBits[depth];
    signal input siblings[depth];
    signal output oldRoot;
    signal output newRoot;
    component before = MerkleRoot(depth);
    component after = MerkleRoot(depth);
    before.leaf <== oldLeaf;
    after.leaf <== newLeaf;
    for (var i = 0; i < depth; i++) {
        before.pathBits[i] <== pathBits[i];
        before.siblings[i] <== siblings[i];
        after.pathBits[i] <== pathBits[i];
        after.siblings[i] <== siblings[i];
    }
    oldRoot <== before.root;
    newRoot <== after.root;
}

// Poseidon(key, balance, nonce).
template AccountLeaf() {
    signal input key;
    signal input balance;
    signal input nonce;
    signal output out;
    component h = Poseidon(3);
    h.inputs[0] <== key;
    h.inputs[1] <== balance;
    h.inputs[2] <== nonce;
    out <== h.out;
}

// One transfer of `amount` from account `from` to account `to` applied to
// the tree with root rootIn. The sender's leaf (with the transfer's nonce)
// must sit at `from` under rootIn; it becomes (key, balance - amount,
// nonce + 1). The receiver's leaf must sit at `to` under that intermediate
// root, and gains the amount. A transfer to oneself passes and only bumps
// the nonce, as it should.
template Transfer(depth) {
    signal input rootIn;
    signal input from;
    signal input to;
    signal input amount;
    signal input nonce;
    signal input senderKey;
    signal input senderBalance;
    signal input senderSiblings[depth];
    signal input receiverKey;
    signal input receiverBalance;
    signal input receiverNonce;
    signal input receiverSiblings[depth];
    signal output rootOut;

    var B = ROLLUP_BALANCE_BITS();
    // Indices below 2^depth, as bits for the paths.
    component fromBits = Num2Bits(depth);
    component toBits = Num2Bits(depth);
    fromBits.in <== from;
    toBits.in <== to;

    // amount < 2^B and balance - amount >= 0: without the first a
    // "negative" amount (r - k) would take k from the receiver; without the
    // second the sender's balance would wrap around r.
    component amountRange = Num2Bits(B);
    amountRange.in <== amount;
    component senderRange = Num2Bits(B);
    senderRange.in <== senderBalance - amount;
    component receiverRange = Num2Bits(B);
    receiverRange.in <== receiverBalance + amount;

    component senderOld = AccountLeaf();
    component senderNew = AccountLeaf();
    senderOld.key <== senderKey;
    senderOld.balance <== senderBalance;
    senderOld.nonce <== nonce;
    senderNew.key <== senderKey;
    senderNew.balance <== senderBalance - amount;
    senderNew.nonce <== nonce + 1;
    component senderPath = MerkleUpdate(depth);
    senderPath.oldLeaf <== senderOld.out;
    senderPath.newLeaf <== senderNew.out;
    for (var i = 0; i < depth; i++) {
        senderPath.pathBits[i] <== fromBits.out[i];
        senderPath.siblings[i] <== senderSiblings[i];
    }
    senderPath.oldRoot === rootIn;

    component receiverOld = AccountLeaf();
    component receiverNew = AccountLeaf();
    receiverOld.key <== receiverKey;
    receiverOld.balance <== receiverBalance;
    receiverOld.nonce <== receiverNonce;
    receiverNew.key <== receiverKey;
    receiverNew.balance <== receiverBalance + amount;
    receiverNew.nonce <== receiverNonce;
    component receiverPath = MerkleUpdate(depth);
    receiverPath.oldLeaf <== receiverOld.out;
    receiverPath.newLeaf <== receiverNew.out;
    for (var i = 0; i < depth; i++) {
        receiverPath.pathBits[i] <== toBits.out[i];
        receiverPath.siblings[i] <== receiverSiblings[i];
    }
    receiverPath.oldRoot === senderPath.newRoot;
    rootOut <== receiverPath.newRoot;
}

// nTx transfers applied in order to a tree of 2^depth accounts, the roots
// chained from oldRoot to newRoot, the transfers bound by txHash.
template RollupBatch(nTx, depth) {
    signal input oldRoot;
    signal input newRoot;
    signal input txHash;
    signal input from[nTx];
    signal input to[nTx];
    signal input amount[nTx];
    signal input nonce[nTx];
    signal input senderKey[nTx];
    signal input senderBalance[nTx];
    signal input senderSiblings[nTx][depth];
    signal input receiverKey[nTx];
    signal input receiverBalance[nTx];
    signal input receiverNonce[nTx];
    signal input receiverSiblings[nTx][depth];

    component tx[nTx];
    component chain[nTx];
    var root = oldRoot;
    var h = 0;
    for (var t = 0; t < nTx; t++) {
        tx[t] = Transfer(depth);
        tx[t].rootIn <== root;
        tx[t].from <== from[t];
        tx[t].to <== to[t];
        tx[t].amount <== amount[t];
        tx[t].nonce <== nonce[t];
        tx[t].senderKey <== senderKey[t];
        tx[t].senderBalance <== senderBalance[t];
        tx[t].receiverKey <== receiverKey[t];
        tx[t].receiverBalance <== receiverBalance[t];
        tx[t].receiverNonce <== receiverNonce[t];
        for (var i = 0; i < depth; i++) {
            tx[t].senderSiblings[i] <== senderSiblings[t][i];
            tx[t].receiverSiblings[i] <== receiverSiblings[t][i];
        }
        root = tx[t].rootOut;

        chain[t] = Poseidon(5);
        chain[t].inputs[0] <== h;
        chain[t].inputs[1] <== from[t];
        chain[t].inputs[2] <== to[t];
        chain[t].inputs[3] <== amount[t];
        chain[t].inputs[4] <== nonce[t];
        h = chain[t].out;
    }
    newRoot === root;
    txHash === h;
}
