// One node process for every snarkjs check of tests/interop/circom.sh (node
// start-up dominates otherwise). Arguments: directories, each holding
// input.json, ours/NAME.r1cs, ours.wtns, theirs/NAME.r1cs and circom's
// theirs/NAME_js/NAME.wasm, where NAME is the directory's base name minus
// "-O0". For each: circom's witness from its wasm, then each compiler's
// witness checked against the other's constraints (snarkjs wtns check),
// the two witnesses compared, and snarkjs made to read zkcave's .r1cs.
// Prints "ok NAME" or "FAIL NAME: why" lines and exits 1 on any failure.
import * as snarkjs from "snarkjs";
import fs from "fs";
import path from "path";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
let failed = false;
for (const dir of process.argv.slice(2)) {
  const name = path.basename(dir).replace(/-O0$/, "");
  const input = JSON.parse(fs.readFileSync(path.join(dir, "input.json"), "utf8"));
  const ours = { r1cs: path.join(dir, "ours", name + ".r1cs"), wtns: path.join(dir, "ours.wtns") };
  const theirs = { r1cs: path.join(dir, "theirs", name + ".r1cs"), wtns: path.join(dir, "theirs.wtns") };
  let why = "";
  try {
    await snarkjs.wtns.calculate(input, path.join(dir, "theirs", name + "_js", name + ".wasm"), theirs.wtns);
    if (!(await snarkjs.wtns.check(theirs.r1cs, ours.wtns, quiet)))
      why = "zkcave's witness does not satisfy circom's r1cs";
    else if (!(await snarkjs.wtns.check(ours.r1cs, theirs.wtns, quiet)))
      why = "circom's witness does not satisfy zkcave's r1cs";
    else if (!fs.readFileSync(ours.wtns).equals(fs.readFileSync(theirs.wtns)))
      why = "the two witnesses differ";
    else {
      const info = await snarkjs.r1cs.info(ours.r1cs, quiet);
      if (!info || typeof info.nConstraints !== "number") why = "snarkjs r1cs info cannot read zkcave's r1cs";
    }
  } catch (e) {
    why = String(e && e.message ? e.message : e);
  }
  if (why) {
    failed = true;
    console.log(`FAIL ${name}: ${why}`);
  } else {
    console.log(`ok ${name}`);
  }
}
process.exit(failed ? 1 : 0);
