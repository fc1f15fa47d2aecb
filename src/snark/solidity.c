/* The Solidity verifier and calldata exports (snark/solidity.h). */
#include "snark/solidity.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/hex.h"
#include "core/strbuf.h"

static const char *dec_fq(char buf[MONT256_DEC_MAX], const fq_t *a) { return fq_to_dec(buf, a); }

static void g1_consts(zk_strbuf *b, const char *name, const g1_aff *p)
{
    char x[MONT256_DEC_MAX], y[MONT256_DEC_MAX];
    zk_strbuf_printf(b, "    uint256 constant %s_X = %s;\n    uint256 constant %s_Y = %s;\n", name,
              dec_fq(x, &p->x), name, dec_fq(y, &p->y));
}

static void g2_consts(zk_strbuf *b, const char *name, const g2_aff *p)
{
    char d[4][MONT256_DEC_MAX];
    zk_strbuf_printf(b,
              "    uint256 constant %s_X1 = %s;\n    uint256 constant %s_X0 = %s;\n"
              "    uint256 constant %s_Y1 = %s;\n    uint256 constant %s_Y0 = %s;\n",
              name, dec_fq(d[0], &p->x.c1), name, dec_fq(d[1], &p->x.c0), name,
              dec_fq(d[2], &p->y.c1), name, dec_fq(d[3], &p->y.c0));
}

zk_err groth16_solidity_verifier(char **out, const groth16_vk *vk)
{
    zk_strbuf b = {0};
    size_t n = vk->n_public;
    if (n > GROTH16_SOLIDITY_MAX_PUBLIC)
        return ZK_EOVERFLOW;
    /* BN254's r and q (EIP-196): published constants. */
    static const char *r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
    static const char *q = "21888242871839275222246405745257275088696311157297823662689037894645226208583";

    zk_strbuf_printf(&b,
              "// SPDX-License-Identifier: MIT\n"
              "// A Groth16 verifier on BN254 (alt_bn128) for one verification key with %zu public\n"
              "// signal(s), written by zkcave (`zkcave zkey export solidityverifier`). It checks\n"
              "//   e(-A, B) * e(alpha, beta) * e(vk_x, gamma) * e(C, delta) = 1,\n"
              "//   vk_x = IC_0 + sum_i pubSignals[i] * IC_(i+1),\n"
              "// with the EIP-196 and EIP-197 precompiles (0x06 add, 0x07 mul, 0x08 pairing).\n"
              "// G2 points are given imaginary part first, as the pairing precompile wants.\n"
              "pragma solidity >=0.8.0 <0.9.0;\n\n"
              "contract Groth16Verifier {\n"
              "    // The scalar field r and the base field q of BN254.\n"
              "    uint256 constant R = %s;\n"
              "    uint256 constant Q = %s;\n\n"
              "    // The verification key.\n",
              n, r, q);
    g1_consts(&b, "ALPHA", &vk->alpha1);
    g2_consts(&b, "BETA", &vk->beta2);
    g2_consts(&b, "GAMMA", &vk->gamma2);
    g2_consts(&b, "DELTA", &vk->delta2);
    for (size_t i = 0; i <= n; i++) {
        char name[32];
        snprintf(name, sizeof name, "IC%zu", i);
        g1_consts(&b, name, &vk->ic[i]);
    }
    zk_strbuf_printf(&b,
              "\n    // (ax, ay) + s * (px, py) in G1; ok is false if a precompile fails.\n"
              "    function mulAdd(uint256 ax, uint256 ay, uint256 px, uint256 py, uint256 s)\n"
              "        internal view returns (uint256, uint256, bool)\n"
              "    {\n"
              "        (bool ok, bytes memory m) = address(7).staticcall(abi.encode(px, py, s));\n"
              "        if (!ok || m.length != 64) return (0, 0, false);\n"
              "        (uint256 mx, uint256 my) = abi.decode(m, (uint256, uint256));\n"
              "        bytes memory a;\n"
              "        (ok, a) = address(6).staticcall(abi.encode(ax, ay, mx, my));\n"
              "        if (!ok || a.length != 64) return (0, 0, false);\n"
              "        (uint256 rx, uint256 ry) = abi.decode(a, (uint256, uint256));\n"
              "        return (rx, ry, true);\n"
              "    }\n\n"
              "    function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB, uint[2] calldata _pC");
    if (n)
        zk_strbuf_printf(&b, ", uint[%zu] calldata _pubSignals", n);
    zk_strbuf_printf(&b,
              ")\n        public view returns (bool)\n    {\n");
    if (n)
        zk_strbuf_printf(&b,
                  "        for (uint i = 0; i < %zu; i++) {\n"
                  "            if (_pubSignals[i] >= R) return false;\n"
                  "        }\n",
                  n);
    zk_strbuf_printf(&b,
              "        if (_pA[0] >= Q || _pA[1] >= Q || _pC[0] >= Q || _pC[1] >= Q) return false;\n"
              "        if (_pB[0][0] >= Q || _pB[0][1] >= Q || _pB[1][0] >= Q || _pB[1][1] >= Q) return false;\n\n"
              "        uint256 x = IC0_X;\n"
              "        uint256 y = IC0_Y;\n"
              "        bool ok = true;\n");
    for (size_t i = 1; i <= n; i++)
        zk_strbuf_printf(&b,
                  "        (x, y, ok) = mulAdd(x, y, IC%zu_X, IC%zu_Y, _pubSignals[%zu]);\n"
                  "        if (!ok) return false;\n",
                  i, i, i - 1);
    zk_strbuf_printf(&b,
              "\n        uint256[24] memory input = [\n"
              "            _pA[0], (Q - _pA[1]) %% Q, _pB[0][0], _pB[0][1], _pB[1][0], _pB[1][1],\n"
              "            ALPHA_X, ALPHA_Y, BETA_X1, BETA_X0, BETA_Y1, BETA_Y0,\n"
              "            x, y, GAMMA_X1, GAMMA_X0, GAMMA_Y1, GAMMA_Y0,\n"
              "            _pC[0], _pC[1], DELTA_X1, DELTA_X0, DELTA_Y1, DELTA_Y0\n"
              "        ];\n"
              "        (bool success, bytes memory res) = address(8).staticcall(abi.encodePacked(input));\n"
              "        return success && res.length == 32 && abi.decode(res, (uint256)) == 1;\n"
              "    }\n"
              "}\n");
    return zk_strbuf_finish(&b, out);
}

static void hex256(zk_strbuf *b, const uint8_t be[32])
{
    char h[65];
    zk_strbuf_printf(b, "\"0x%s\"", zk_hex_encode(h, be, 32));
}

static void hex_fq(zk_strbuf *b, const fq_t *a)
{
    uint8_t x[32];
    fq_to_bytes_be(x, a);
    hex256(b, x);
}

zk_err groth16_solidity_calldata(char **out, const groth16_proof *p, const fr_t *pub, size_t n)
{
    zk_strbuf b = {0};
    zk_strbuf_printf(&b, "[");
    hex_fq(&b, &p->a.x);
    zk_strbuf_printf(&b, ", ");
    hex_fq(&b, &p->a.y);
    zk_strbuf_printf(&b, "],[[");
    hex_fq(&b, &p->b.x.c1);
    zk_strbuf_printf(&b, ", ");
    hex_fq(&b, &p->b.x.c0);
    zk_strbuf_printf(&b, "],[");
    hex_fq(&b, &p->b.y.c1);
    zk_strbuf_printf(&b, ", ");
    hex_fq(&b, &p->b.y.c0);
    zk_strbuf_printf(&b, "]],[");
    hex_fq(&b, &p->c.x);
    zk_strbuf_printf(&b, ", ");
    hex_fq(&b, &p->c.y);
    zk_strbuf_printf(&b, "],[");
    for (size_t i = 0; i < n; i++) {
        uint8_t x[32];
        fr_to_bytes_be(x, &pub[i]);
        if (i)
            zk_strbuf_printf(&b, ",");
        hex256(&b, x);
    }
    zk_strbuf_printf(&b, "]");
    return zk_strbuf_finish(&b, out);
}
