#!/usr/bin/env python3
"""Prints the Frobenius constants of BN254's Fq12 tower as C initialisers.

The tower is Fq2 = Fq[u]/(u^2 + 1), Fq6 = Fq2[v]/(v^3 - xi),
Fq12 = Fq6[w]/(w^2 - v) with xi = 9 + u, so w^6 = xi. Writing an element of
Fq12 as sum a_i w^i (a_i in Fq2, i = 0..5), the q^k-power Frobenius is
    pi^k(a) = sum conj^k(a_i) * gamma_{k,i} * w^i,
    gamma_{k,i} = w^(i(q^k - 1)) = xi^(i(q^k - 1)/6),
because w^(q^k) = w * (w^6)^((q^k - 1)/6). This script computes the gammas
from that definition with Python integers and prints them in Montgomery form
(x * 2^256 mod q, four little-endian 64-bit limbs). src/curve/fq12_frobenius.c
holds its output; tests/unit/test_fq12.c recomputes every constant by
exponentiation and checks the Frobenius maps against a^(q^k).

Usage: scripts/gen_bn254_frobenius.py > /tmp/gammas.txt
"""

Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583


def fq2_mul(a, b):
    return ((a[0] * b[0] - a[1] * b[1]) % Q, (a[0] * b[1] + a[1] * b[0]) % Q)


def fq2_pow(a, e):
    acc, base = (1, 0), a
    while e:
        if e & 1:
            acc = fq2_mul(acc, base)
        base = fq2_mul(base, base)
        e >>= 1
    return acc


def limbs(x):
    m = (x << 256) % Q
    return ", ".join("0x%016xu" % ((m >> (64 * i)) & (2**64 - 1)) for i in range(4))


def main():
    xi = (9, 1)
    for k in (1, 2, 3):
        assert (Q**k - 1) % 6 == 0
        kind = "fq_t" if k == 2 else "fq2_t"
        print("const %s fq12_frob_gamma%d[5] = {" % (kind, k))
        for i in range(1, 6):
            g = fq2_pow(xi, i * (Q**k - 1) // 6)
            if k == 2:
                assert g[1] == 0, "gamma_{2,i} lies in Fq"
                print("    {{%s}},   /* i = %d */" % (limbs(g[0]), i))
            else:
                print("    {{{%s}},\n     {{%s}}},   /* i = %d */" % (limbs(g[0]), limbs(g[1]), i))
        print("};")


if __name__ == "__main__":
    main()
