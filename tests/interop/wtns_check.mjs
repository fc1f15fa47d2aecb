// `snarkjs wtns check` for many witnesses in one node process (node's
// start-up and loading a big .r1cs dominate otherwise). Arguments: a .r1cs
// file, then the witnesses to check against it, then "--" and another
// .r1cs with its witnesses, and so on. Prints "ok WTNS" or "FAIL WTNS: why"
// lines and exits 1 on any failure.
import * as snarkjs from "snarkjs";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
let failed = false;
let r1cs = null;
for (const arg of process.argv.slice(2)) {
  if (arg === "--") {
    r1cs = null;
    continue;
  }
  if (r1cs === null) {
    r1cs = arg;
    continue;
  }
  let why = "";
  try {
    if (!(await snarkjs.wtns.check(r1cs, arg, quiet))) why = `does not satisfy ${r1cs}`;
  } catch (e) {
    why = String(e && e.message ? e.message : e);
  }
  if (why) failed = true;
  console.log(why ? `FAIL ${arg}: ${why}` : `ok ${arg}`);
}
process.exit(failed ? 1 : 0);
