// The model hash of src/zkml/zkml.h recomputed outside zkcave, from the
// weights file and the settings alone: the quantization of nn/quant.h,
// each tensor's slot width, the header, the packing of the slots into
// field elements and the Poseidon sponge (width 17, rate 16, the capacity
// element first, initial state [2^64·1 + N, 0, ...]) are written here
// again from the README's description; the permutation is circomlib's
// PoseidonEx(16, 17), run by circom2's witness calculator for a circuit
// holding just that template (circomlibjs is not installed).
//
//   node model_hash.mjs perm.wasm witness_calculator.js MODEL.zkw settings.json FIRST_LAYER
//
// Prints the hash in decimal, then as 0x and 64 hex digits.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const [wasm, wcjs, zkw, settingsPath, firstArg] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const builder = require(wcjs);
const wc = await builder(fs.readFileSync(wasm));

// ---- the weights: "ZKCVCNN1", u32 recipe length, recipe, u32 count, floats, hash
const buf = fs.readFileSync(zkw);
if (buf.subarray(0, 8).toString('latin1') !== 'ZKCVCNN1') throw new Error('not a .zkw file');
const recipeLen = buf.readUInt32LE(8);
const count = buf.readUInt32LE(12 + recipeLen);
const at0 = 16 + recipeLen;
const param = (i) => buf.readFloatLE(at0 + 4 * i);

// The seed CNN in PyTorch order: each layer's weights, then its biases.
const layers = [
  { name: 'conv1', weights: 16 * 9, biases: 16, fanIn: 9 },
  { name: 'conv2', weights: 32 * 16 * 9, biases: 32, fanIn: 144 },
  { name: 'fc1', weights: 128 * 1568, biases: 128, fanIn: 1568 },
  { name: 'fc2', weights: 10 * 128, biases: 10, fanIn: 128 },
];
let off = 0;
for (const L of layers) {
  L.wOff = off;
  L.bOff = off + L.weights;
  off += L.weights + L.biases;
}
if (off !== count) throw new Error(`${count} parameters, the CNN has ${off}`);

const settings = JSON.parse(fs.readFileSync(settingsPath, 'utf8'));
const first = Number(firstArg);

// round(x) with ties away from zero; x = v·2^e is exact in a double.
const roundAway = (x) => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5));
// The least b with every v in [-2^(b-1), 2^(b-1)).
const width = (vals) => {
  let b = 1;
  for (const v of vals) {
    const m = v < 0n ? -v - 1n : v;
    const w = m.toString(2).length + (m === 0n ? 0 : 1);
    if (w > b) b = w;
  }
  return b;
};

const header = [1n, BigInt(first), BigInt(layers.length - first), 0n];
const tensors = [];
for (let l = first; l < layers.length; l++) {
  const L = layers[l], t = settings.tensors[L.name];
  const wExp = t.weight_exp, inExp = t.input_exp;
  const w = [], b = [];
  for (let i = 0; i < L.weights; i++) w.push(BigInt(roundAway(param(L.wOff + i) * 2 ** wExp)));
  for (let i = 0; i < L.biases; i++)
    b.push(BigInt(roundAway(param(L.bOff + i) * 2 ** (inExp + wExp))));
  const bw = width(w), bb = width(b);
  header.push(BigInt(L.fanIn), BigInt(L.biases), BigInt(wExp), BigInt(inExp),
    BigInt(t.output_exp), BigInt(t.acc_bits_worst_case), BigInt(bw), BigInt(bb));
  tensors.push([w, bw], [b, bb]);
}

// Slots of b bits, floor(252 / b) to an element, u = v + 2^(b-1); a tensor
// starts a new element.
const elems = [...header];
for (const [vals, b] of tensors) {
  const S = Math.floor(252 / b);
  for (let i = 0; i < vals.length; i += S) {
    let e = 0n;
    vals.slice(i, i + S).forEach((v, j) => {
      e += (v + (1n << BigInt(b - 1))) << BigInt(b * j);
    });
    elems.push(e);
  }
}

const p = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
let state = [(1n << 64n) + BigInt(elems.length), ...Array(16).fill(0n)];
for (let i = 0; i < elems.length; i += 16) {
  for (let j = 0; j < 16 && i + j < elems.length; j++) state[1 + j] = (state[1 + j] + elems[i + j]) % p;
  const w = await wc.calculateWitness({ initialState: state[0].toString(),
    inputs: state.slice(1).map(String) }, true);
  state = w.slice(1, 18).map(BigInt);   // main's outputs: wires 1..17
}
console.log(state[0].toString());
console.log('0x' + state[0].toString(16).padStart(64, '0'));
