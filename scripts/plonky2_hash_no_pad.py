#!/usr/bin/env python3
"""An independent model of Plonky2's PoseidonHash::hash_no_pad, to record
test vectors for src/hash/poseidon_gl.c's sponge (tests/unit/test_hash.c,
test_poseidon_gl_hash_no_pad). Not a test dependency: it was run once and
its output pasted into the test with this provenance.

What it models (Plonky2 commit 5d9da5a65bbcba2c66eb29c035090eb2e9ccb05f):
  plonky2/src/hash/hashing.rs  hash_n_to_m_no_pad: the state starts at zero;
      for each chunk of RATE inputs (the last may be shorter),
      set_from_slice(chunk, 0) OVERWRITES state[0..len) and permute(); the
      output is squeeze() = state[0..RATE), of which hash_n_to_hash_no_pad
      keeps NUM_HASH_OUT_ELTS = 4 (no further permutation: 4 <= 8). No
      inputs: no permutation, a zero digest.
  plonky2/src/hash/poseidon.rs  SPONGE_RATE = 8, SPONGE_CAPACITY = 4,
      SPONGE_WIDTH = 12; PoseidonHash::hash_no_pad = hash_n_to_hash_no_pad.
The permutation is written here from the constants alone (poseidon_naive:
add the round constants, x^7 on every element in full rounds and on element
0 in partial ones, then M = circulant(circ) + diag(diag)), checked first
against the vectors Plonky2's own test gives (vectors.json, origin
'plonky2').

Usage (from the repository root):
    scripts/plonky2_hash_no_pad.py ../shared/data/vectors/poseidon_goldilocks
"""
import json
import sys

P = 2**64 - 2**32 + 1


def permutation(consts):
    rc = [int(v) for v in consts["round_constants"]["values"]]
    circ = [int(v) for v in consts["mds"]["circ"]]
    diag = [int(v) for v in consts["mds"]["diag"]]
    kinds = consts["rounds"]["round_kinds"]
    assert len(rc) == 360 and len(kinds) == 30

    def permute(state):
        s = list(state)
        for r in range(30):
            s = [(s[i] + rc[12 * r + i]) % P for i in range(12)]
            if kinds[r] == "full":
                s = [pow(x, 7, P) for x in s]
            else:
                s[0] = pow(s[0], 7, P)
            s = [(sum(circ[k] * s[(i + k) % 12] for k in range(12)) + diag[i] * s[i]) % P
                 for i in range(12)]
        return s
    return permute


def hash_no_pad(permute, inputs, rate=8, outputs=4):
    state = [0] * 12
    for at in range(0, len(inputs), rate):
        chunk = inputs[at:at + rate]
        state[:len(chunk)] = chunk
        state = permute(state)
    return state[:outputs]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/vectors/poseidon_goldilocks"
    with open(root + "/constants.json") as f:
        permute = permutation(json.load(f))
    with open(root + "/vectors.json") as f:
        vec = json.load(f)
    checked = 0
    for v in vec["vectors"]:
        if v["origin"] == "plonky2":
            assert permute([int(x) for x in v["input"]]) == [int(x) for x in v["output"]], v["name"]
            checked += 1
    assert checked > 0
    print("/* permutation checked against %d of Plonky2's own vectors */" % checked)
    # Inputs: x_i = 0x9e3779b97f4a7c15·(i + 1) mod p, and p - 1 - i for the
    # lengths marked "high" (elements near p).
    for n in (0, 1, 7, 8, 9, 16, 17):
        for high in (False, True):
            if high and n not in (9, 17):
                continue
            xs = [(P - 1 - i) if high else (0x9e3779b97f4a7c15 * (i + 1)) % P for i in range(n)]
            d = hash_no_pad(permute, xs)
            print("    {%d, %d, {%s}}," % (n, int(high), ", ".join("0x%016xu" % x for x in d)))


if __name__ == "__main__":
    main()
