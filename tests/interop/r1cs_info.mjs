// snarkjs's reading of .r1cs files, in one node process (node's start-up
// dominates otherwise). For each path argument, prints
// "ok PATH wires constraints public-inputs private-inputs outputs labels"
// as `snarkjs r1cs info` finds them, or "FAIL PATH: why"; exits 1 on a
// failure.
import * as snarkjs from "snarkjs";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
let failed = false;
for (const p of process.argv.slice(2)) {
  try {
    const r = await snarkjs.r1cs.info(p, quiet);
    console.log(`ok ${p} ${r.nVars} ${r.nConstraints} ${r.nPubInputs} ${r.nPrvInputs} ${r.nOutputs} ${r.nLabels}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${p}: ${e && e.message ? e.message : e}`);
  }
}
process.exit(failed ? 1 : 0);
