// Poseidon over BN254 with circomlib's parameters, written for zkcave; its
// outputs equal circomlib's Poseidon and PoseidonEx (the tests check the
// published vectors). The state stays in linear expressions between S-boxes,
// so only the S-boxes cost constraints: x^5 as x2 = x*x, x4 = x2*x2,
// x5 = x4*x, three per S-box.
pragma circom 2.0.0;

include "poseidon_constants.circom";

// The first nOuts elements of the permuted state [initialState, inputs...].
template PoseidonEx(nInputs, nOuts) {
    signal input inputs[nInputs];
    signal input initialState;
    signal output out[nOuts];

    var t = nInputs + 1;
    var nRoundsF = 8;
    var nRoundsP = POSEIDON_PARTIAL_ROUNDS(t);
    var C[t * (nRoundsF + nRoundsP)] = POSEIDON_C(t);
    var M[t][t] = POSEIDON_M(t);
    var nSbox = t * nRoundsF + nRoundsP;
    signal x2[nSbox];
    signal x4[nSbox];
    signal x5[nSbox];

    var state[t];
    state[0] = initialState;
    for (var i = 0; i < nInputs; i++) {
        state[i + 1] = inputs[i];
    }
    var k = 0;
    for (var r = 0; r < nRoundsF + nRoundsP; r++) {
        for (var i = 0; i < t; i++) {
            state[i] = state[i] + C[r * t + i];
        }
        // Full rounds put every element through the S-box, partial rounds
        // only the first.
        var full = r < nRoundsF / 2 || r >= nRoundsF / 2 + nRoundsP;
        for (var i = 0; i < t; i++) {
            if (i == 0 || full) {
                x2[k] <== state[i] * state[i];
                x4[k] <== x2[k] * x2[k];
                x5[k] <== x4[k] * state[i];
                state[i] = x5[k];
                k++;
            }
        }
        var mixed[t];
        for (var i = 0; i < t; i++) {
            mixed[i] = 0;
            for (var j = 0; j < t; j++) {
                mixed[i] += M[i][j] * state[j];
            }
        }
        for (var i = 0; i < t; i++) {
            state[i] = mixed[i];
        }
    }
    for (var i = 0; i < nOuts; i++) {
        out[i] <== state[i];
    }
}

// out = Poseidon(inputs), 1 <= nInputs <= 16.
template Poseidon(nInputs) {
    signal input inputs[nInputs];
    signal output out;
    component p = PoseidonEx(nInputs, 1);
    p.initialState <== 0;
    for (var i = 0; i < nInputs; i++) {
        p.inputs[i] <== inputs[i];
    }
    out <== p.out[0];
}
