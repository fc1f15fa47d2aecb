// Compiles a Groth16 verifier contract with npm's solc and runs verifyProof
// on an in-process EVM (@ethereumjs/evm, whose BN254 precompiles are its
// own), for one or more calldata files as `zkcave zkey export
// soliditycalldata` (or snarkjs) prints them.
//
//   node evm_verify.mjs [--gas] verifier.sol calldata1.txt [calldata2.txt ...]
//
// Prints "true" or "false" per calldata file, one a line; exits 2 when the
// contract does not compile, does not deploy (its code above EIP-170's
// 24,576 bytes, say) or a call reverts. With --gas, stderr says the size of
// the deployed code and the gas of the deployment and of every call (the
// execution's gas, without the transaction's 21,000 and calldata costs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createEVM } from '@ethereumjs/evm';

const require = createRequire(import.meta.url);
const solc = require('solc');

const args = process.argv.slice(2);
const gas = args[0] === '--gas';
const [source, ...calls] = gas ? args.slice(1) : args;
const input = {
  language: 'Solidity',
  sources: { 'verifier.sol': { content: readFileSync(source, 'utf8') } },
  settings: { optimizer: { enabled: true, runs: 200 },
              outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.methodIdentifiers'] } } },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (out.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(2);
}
const contracts = out.contracts['verifier.sol'];
const name = Object.keys(contracts)[0];
const bytecode = contracts[name].evm.bytecode.object;
const methods = contracts[name].evm.methodIdentifiers;
const sig = Object.keys(methods).find((m) => m.startsWith('verifyProof('));
if (!sig) {
  console.error('no verifyProof in the contract');
  process.exit(2);
}

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const evm = await createEVM();
const deployed = await evm.runCall({ data: hex(bytecode), gasLimit: 30000000n });
if (deployed.execResult.exceptionError || !deployed.createdAddress) {
  console.error('deployment failed', deployed.execResult.exceptionError);
  process.exit(2);
}
if (gas) {
  const code = await evm.stateManager.getCode(deployed.createdAddress);
  console.error(`code: ${code.length} bytes; deployment gas: ${deployed.execResult.executionGasUsed}`);
}

for (const file of calls) {
  // The calldata text is a JSON array once wrapped in brackets; every
  // argument is a static array, so the ABI encoding is the words in order.
  const args = JSON.parse('[' + readFileSync(file, 'utf8') + ']');
  const words = args.flat(2).map((w) => BigInt(w).toString(16).padStart(64, '0'));
  const data = hex(methods[sig] + words.join(''));
  const r = await evm.runCall({ to: deployed.createdAddress, data, gasLimit: 30000000n });
  if (r.execResult.exceptionError) {
    console.error('call reverted', r.execResult.exceptionError);
    process.exit(2);
  }
  if (gas) console.error(`gas: ${r.execResult.executionGasUsed} (${file})`);
  const ret = Buffer.from(r.execResult.returnValue).toString('hex');
  console.log(BigInt('0x' + ret) === 1n ? 'true' : 'false');
}
