// Inputs for circomlib.sh: writes NAME.N.json files into the directory
// given, for each template it checks. The EdDSA-Poseidon signatures and the
// sparse Merkle trees are real: their points and hashes come from circom2's
// own witness calculator for signer.circom (its wasm, the first argument),
// then S = r + 8·h·a mod l, as circomlibjs signs (its s is 8·a).
// Arguments: signer.wasm OUTDIR
import * as snarkjs from "snarkjs";
import fs from "fs";
import path from "path";

const [wasm, out] = process.argv.slice(2);
const p = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
// The order of Base8, the subgroup BabyJubjub's EdDSA works in.
const l = 2736030358979909402780800718157159386076813972158567259200215660948447373041n;
const base8 = ["5299619240641551281634865583518297030282874472190772894086521144482721001553",
  "16950150798460657717958625567821834550301663161624707787222815936182638968203"];

const bits = (x, n) => Array.from({ length: n }, (_, i) => String((BigInt(x) >> BigInt(i)) & 1n));
const put = (name, k, obj) =>
  fs.writeFileSync(path.join(out, `${name}.${k}.json`), JSON.stringify(obj));

async function signer(input) {
  const w = path.join(out, "signer.wtns");
  await snarkjs.wtns.calculate(input, wasm, w);
  const v = (await snarkjs.wtns.exportJson(w)).map(BigInt);
  // main's outputs are wires 1.. in declaration order.
  const [Ax, Ay, R8x, R8y, h, leaf0, leaf1, root] = v.slice(1, 9);
  return { Ax, Ay, R8x, R8y, h, leaf0, leaf1, root };
}

const iszero = ["0", "5", String(p - 1n)];
iszero.forEach((x, k) => put("iszero", k, { in: x }));
[["5", "5"], ["5", "6"], ["0", String(p - 1n)]].forEach((x, k) => put("isequal", k, { in: x }));
[["3", "4"], ["4", "3"], ["65535", "0"]].forEach((x, k) => put("lessthan", k, { in: x }));
[["7", "11"], ["0", "0"], [String(p - 1n), "3"]].forEach(([x, key], k) => put("mimc7", k, { x_in: x, k: key }));
[["1", "2"], ["0", String(p - 1n)]].forEach((ins, k) => put("mimc", k, { ins, k: "0" }));
[["1", "2", "3"], ["0", "0", String(p - 1n)]].forEach((inputs, k) => put("poseidon3", k, { inputs }));
[173n, 0n, 255n].forEach((x, k) => put("pedersen", k, { in: bits(x, 8) }));
[0x0123456789abcdefn, 0n, (1n << 64n) - 1n].forEach((x, k) => put("sha256", k, { in: bits(x, 64) }));

// Two signatures by one key, and the tree {1: 111, 2: 222}.
const a = 123456789012345678901234567890n, keys = ["1", "2"], vals = ["111", "222"];
const sigs = [];
for (const [r, m] of [[987654321987654321n, 42n], [555555555555555555555n, p - 7n]]) {
  const s = await signer({ a: String(a), r: String(r), m: String(m), k: keys, v: vals });
  const S = (r + 8n * s.h * a) % l;
  sigs.push({ s, S, m });
}
sigs.forEach(({ s, S, m }, k) =>
  put("eddsaposeidon", k, { enabled: "1", Ax: String(s.Ax), Ay: String(s.Ay), S: String(S),
    R8x: String(s.R8x), R8y: String(s.R8y), M: String(m) }));
// Disabled: anything passes.
put("eddsaposeidon", 2, { enabled: "0", Ax: String(sigs[0].s.Ax), Ay: String(sigs[0].s.Ay),
  S: "1", R8x: String(sigs[0].s.R8x), R8y: String(sigs[0].s.R8y), M: "0" });
// A forged one (the first signature on another message) for the negative check.
const forged = { enabled: "1", Ax: String(sigs[0].s.Ax), Ay: String(sigs[0].s.Ay),
  S: String(sigs[0].S), R8x: String(sigs[0].s.R8x), R8y: String(sigs[0].s.R8y), M: "43" };
fs.writeFileSync(path.join(out, "eddsaposeidon.forged.json"), JSON.stringify(forged));

// EscalarMulAny on Base8 and on the public key.
const A = [String(sigs[0].s.Ax), String(sigs[0].s.Ay)];
[[a, base8], [l - 1n, base8], [sigs[0].s.h, A]].forEach(([e, pt], k) =>
  put("escalarmulany", k, { e: bits(e, 254), p: pt }));

// Sparse Merkle tree of depth 10 holding keys 1 and 2 (they differ in bit 0:
// key 2 goes left, key 1 right).
const t = sigs[0].s;
const sib = (first) => [String(first), ...Array(9).fill("0")];
const smt = [
  // key 1 is in the tree
  { enabled: "1", root: String(t.root), siblings: sib(t.leaf1), oldKey: "0", oldValue: "0",
    isOld0: "0", key: "1", value: "111", fnc: "0" },
  // key 3 is not: its path ends at key 1's leaf
  { enabled: "1", root: String(t.root), siblings: sib(t.leaf1), oldKey: "1", oldValue: "111",
    isOld0: "0", key: "3", value: "0", fnc: "1" },
  // a tree with key 1 alone: its leaf is the root
  { enabled: "1", root: String(t.leaf0), siblings: sib(0), oldKey: "0", oldValue: "0",
    isOld0: "0", key: "1", value: "111", fnc: "0" },
  { enabled: "0", root: "0", siblings: sib(0), oldKey: "0", oldValue: "0", isOld0: "0",
    key: "0", value: "0", fnc: "0" },
];
smt.forEach((x, k) => put("smtverifier", k, x));
process.exit(0);
