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

/* The contract's source, NUL-terminated, zk_alloc'ed into *out. */
zk_err groth16_solidity_verifier(char **out, const groth16_vk *vk);

/* snarkjs's calldata text: ["0x..", "0x.."],[["0x..", "0x.."],[...]],
 * ["0x..", "0x.."],["0x..", ...] (zk_alloc'ed). */
zk_err groth16_solidity_calldata(char **out, const groth16_proof *p, const fr_t *pub, size_t n);

#endif
