// The peer figure for `zkcave bench curve`: the same G1 MSM through
// snarkjs's own engine (ffjavascript's multiExpAffine, with its worker
// threads), timed here, on points and scalars zkcave wrote to a file.
//
//   node tests/interop/msm_peer.mjs FILE N
//
// FILE holds N affine G1 points in snarkjs's LEM form (64 bytes each, the
// layout inside .zkey files), then N scalars as 32-byte little-endian
// integers (the layout of .wtns files). Prints one line:
//   <best seconds of 3 runs> <x of the result, decimal> <y, decimal>
import { readFileSync } from "node:fs";
import { buildBn128 } from "ffjavascript";

const [file, nText] = process.argv.slice(2);
const n = Number(nText);
const buf = readFileSync(file);
if (!Number.isInteger(n) || buf.length !== n * 96) {
  console.error("msm_peer: bad input");
  process.exit(2);
}
const bases = new Uint8Array(buf.buffer, buf.byteOffset, n * 64);
const scalars = new Uint8Array(buf.buffer, buf.byteOffset + n * 64, n * 32);
const curve = await buildBn128();
let best = Infinity;
let result;
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  result = await curve.G1.multiExpAffine(bases, scalars, false, "msm");
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  if (t < best) best = t;
}
const [x, y] = curve.G1.toObject(curve.G1.toAffine(result));
console.log(`${best} ${x} ${y}`);
await curve.terminate();
