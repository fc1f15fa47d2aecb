// The model hash of src/zkml/zkml.h, computed from the text of its
// definition (README, "The model hash") with nothing of zkcave's code: the
// weights from the .zkw file, the scales from the settings JSON, Poseidon
// from circomlibjs's constants file (checked first on circomlibjs's own
// vectors). Prints the hash in decimal.
//
//   node zkml_hash.mjs MODEL.zkw SETTINGS.json [SALT]
//
// The settings file is `zkcave mnist calibrate`'s: tensors.<layer> gives
// weight_exp, input_exp, output_exp and acc_bits_worst_case.
import { readFileSync } from "node:fs";

const P = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const shared = process.env.ZKCAVE_SHARED_DATA ||
  new URL("../../../shared/data", import.meta.url).pathname;
const consts = JSON.parse(readFileSync(`${shared}/vectors/poseidon_bn254/poseidon_constants.json`));
const PARTIAL = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];

const mod = (x) => ((x % P) + P) % P;
const pow5 = (x) => { const x2 = (x * x) % P; return (x2 * x2 % P) * x % P; };

// The permutation of width t on state s (an array of BigInt), circomlib's rounds.
function permute(s) {
  const t = s.length, C = consts.C[t - 2].map(BigInt), M = consts.M[t - 2].map((r) => r.map(BigInt));
  const rp = PARTIAL[t - 2], rounds = 8 + rp;
  let st = s.slice();
  for (let r = 0; r < rounds; r++) {
    st = st.map((v, i) => mod(v + C[r * t + i]));
    const full = r < 4 || r >= 4 + rp;
    st = st.map((v, i) => (full || i === 0 ? pow5(v) : v));
    st = M.map((row) => mod(row.reduce((acc, m, j) => acc + m * st[j], 0n)));
  }
  return st;
}

// circomlibjs's poseidon(inputs, initState, nOut).
const poseidonEx = (inputs, init, nOut) => permute([init, ...inputs]).slice(0, nOut);

for (const v of JSON.parse(readFileSync(`${shared}/vectors/poseidon_bn254/vectors_ex.json`))) {
  const got = poseidonEx(v.inputs.map(BigInt), BigInt(v.initState), v.nOut);
  v.outputs.forEach((o, i) => {
    if (got[i] !== BigInt(o)) throw new Error(`Poseidon vector ${JSON.stringify(v.inputs)}: got ${got[i]}`);
  });
}

const [modelPath, settingsPath, saltArg] = process.argv.slice(2);
if (!settingsPath) {
  console.error("usage: node zkml_hash.mjs MODEL.zkw SETTINGS.json [SALT]");
  process.exit(2);
}

// The .zkw file: "ZKCVCNN1", u32 recipe length, recipe, u32 count, float32s, hash.
const buf = readFileSync(modelPath);
if (buf.toString("latin1", 0, 8) !== "ZKCVCNN1") throw new Error("not a .zkw file");
const recipeLen = buf.readUInt32LE(8), count = buf.readUInt32LE(12 + recipeLen);
const params = [];
for (let i = 0; i < count; i++) params.push(buf.readFloatLE(16 + recipeLen + 4 * i));

const settings = JSON.parse(readFileSync(settingsPath, "utf8"));
const LAYERS = [
  { name: "conv1", fanIn: 9, outs: 16, weights: 144 },
  { name: "conv2", fanIn: 144, outs: 32, weights: 4608 },
  { name: "fc1", fanIn: 1568, outs: 128, weights: 200704 },
  { name: "fc2", fanIn: 128, outs: 10, weights: 1280 },
];

// round(v · 2^e), halves away from zero (exact: v is a float32, 2^e a power of two).
const quantize = (v, e) => {
  const x = v * 2 ** e;
  return BigInt(Math.sign(x) * Math.floor(Math.abs(x) + 0.5));
};
// The least b with every value in [−2^(b−1), 2^(b−1)).
const width = (vals) => {
  let b = 1;
  for (const v of vals) while (v < -(1n << BigInt(b - 1)) || v >= 1n << BigInt(b - 1)) b++;
  return b;
};

let off = 0;
const header = [1n, 0n, 4n, saltArg ? 1n : 0n], tensors = [];
for (const L of LAYERS) {
  const t = settings.tensors[L.name];
  const w = params.slice(off, off + L.weights).map((v) => quantize(v, t.weight_exp));
  off += L.weights;
  const b = params.slice(off, off + L.outs).map((v) => quantize(v, t.input_exp + t.weight_exp));
  off += L.outs;
  const bw = width(w), bb = width(b);
  header.push(...[L.fanIn, L.outs, t.weight_exp, t.input_exp, t.output_exp, t.acc_bits_worst_case, bw, bb].map(BigInt));
  tensors.push([w, bw], [b, bb]);
}
if (off !== count) throw new Error(`the model has ${count} parameters, expected ${off}`);

const elems = [...header];
if (saltArg) elems.push(mod(BigInt(saltArg)));
for (const [vals, b] of tensors) {
  const slots = Math.floor(252 / b);
  for (let i = 0; i < vals.length; i += slots) {
    let e = 0n;
    vals.slice(i, i + slots).forEach((v, j) => { e |= (v + (1n << BigInt(b - 1))) << BigInt(b * j); });
    elems.push(e);
  }
}

// The sponge: width 17, rate 16, capacity first, tag 2^64·1 + N.
let st = [(1n << 64n) + BigInt(elems.length), ...Array(16).fill(0n)];
for (let i = 0; i < elems.length; i += 16) {
  elems.slice(i, i + 16).forEach((e, j) => { st[1 + j] = mod(st[1 + j] + e); });
  st = permute(st);
}
console.log(st[0].toString());
