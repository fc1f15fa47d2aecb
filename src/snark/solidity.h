/* Groth16 on Ethereum: a Solidity verifier contract for a verification key,
 * and a proof as the calldata of its verifyProof, the two exports snarkjs
 * offers (`zkey export solidityverifier`, `zkey export soliditycalldata`).
 *
 * The contract is ours (not snarkjs's template) but has snarkjs's interface,
 * so tooling written against one works with the other:
 *   function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB,
 *                        uint[2] calldata _pC, uint[N] calldata _pubSignals)
 *       public view returns (bool)
 * with N = nPublic (the last argument is left out when N = 0: Solidity has
 * no zero-length arrays). It rejects public signals >= r and coordinates
 * >= q, computes vk_x with the EIP-196 precompiles (0x06 add, 0x07 mul) and
 * checks e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1 with the EIP-197 pairing
 * precompile (0x08). G2 coordinates go imaginary part first, as the
 * precompile wants, which is why the calldata swaps snarkjs's [c0, c1]. */
#ifndef ZK_SNARK_SOLIDITY_H
#define ZK_SNARK_SOLIDITY_H

#include "snark/groth16.h"

/* The most public signals whose verifier still deploys. Each adds an IC
 * point and its multiplication, about 102 bytes of code: compiled by npm's
 * solc with the optimizer at 200 runs, the contract is 5,103 bytes at 28
 * public signals, 22,637 at 200, and fails to deploy at 250, beyond the
 * 24,576 bytes EIP-170 allows a contract. */
enum { GROTH16_SOLIDITY_MAX_PUBLIC = 200 };

/* The contract's source, NUL-terminated, zk_alloc'ed into *out.
 * ZK_EOVERFLOW for a key of more than GROTH16_SOLIDITY_MAX_PUBLIC public
 * signals. */
zk_err groth16_solidity_verifier(char **out, const groth16_vk *vk);

/* snarkjs's calldata text: ["0x..", "0x.."],[["0x..", "0x.."],[...]],
 * ["0x..", "0x.."],["0x..", ...] (zk_alloc'ed). */
zk_err groth16_solidity_calldata(char **out, const groth16_proof *p, const fr_t *pub, size_t n);

#endif
