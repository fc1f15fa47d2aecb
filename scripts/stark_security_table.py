#!/usr/bin/env python3
"""Expected STARK security figures for tests/unit/test_stark.c's table.

An independent evaluation of Winterfell's estimator (facebook/winterfell,
air/src/proof/security.rs at commit fb28289c, linear batching), written from
its formulas, not from src/stark/security.c:

  conjectured  min(ext_bits - log2|D|, query_bits (+ grinding when
               query_bits >= 80)) - 1, at most the collision resistance;
               query_bits = floor(queries * log2(1/rho))
  proven UDR   ePrint 2024/1553 Theorem 3: min over ALI ext_bits, DEEP
               ext_bits - log2(D_max (N + 1) + N - 1), FRI commit
               ext_bits - log2|D|, each FRI layer ext_bits -
               log2((F - 1)(|D| + 1)), queries grinding - q log2((1 + rho+)/2)
               with rho+ = (d + 2)/|D|
  proven LDR   Theorem 2, the best m in [3, m_max): list size
               L = m / (rho - 2m/|D|), ALI ext_bits - log2 L, DEEP
               ext_bits - log2(L^2 (D_max (N + 1) + N - 1)), FRI commit
               ext_bits - log2(0.5 (m + 1/2)^7 / rho^1.5 |D|^2), queries
               grinding - q log2((1 + 1/(2m)) sqrt(rho))
  with D_max = blowup + 1 and, for zero knowledge, rho = d/|D| (d = N + c)
  instead of Winterfell's 1/blowup.

Prints one C initialiser per parameter set. Run: python3 scripts/stark_security_table.py
"""
import math

# ext_bits, log_n, log_lde, d, queries, grinding, folding, fri_layers, why
SETS = [
    (128, 20, 22, 1 << 20, 119, 20, 2, 13, "Winterfell's own test: UDR 100, LDR 69"),
    (192, 20, 22, 1 << 20, 81, 20, 2, 13, "Winterfell's cubic test: LDR 100"),
    (128, 10, 13, 1088, 28, 20, 8, 1, "stark prove's defaults, 1024 rows, zk"),
    (128, 10, 13, 1088, 3, 20, 8, 1, "3 queries: grinding dropped (7 vs 22/24)"),
    (128, 10, 11, 1032, 1, 0, 8, 1, "blowup 2, 1 query, no grinding: 0 bits"),
    (128, 16, 19, 1 << 16, 26, 20, 8, 3, "78 query bits: grinding dropped"),
    (128, 16, 19, 1 << 16, 27, 20, 8, 3, "81 query bits: grinding counted"),
    (128, 12, 16, 1 << 12, 20, 16, 4, 4, "exactly 80 query bits: counted"),
    (128, 12, 13, 1 << 12, 79, 16, 2, 7, "79 query bits: dropped"),
    (128, 12, 13, 1 << 12, 79, 0, 2, 7, "79 query bits, no grinding"),
    (128, 24, 30, 1 << 24, 40, 20, 16, 4, "field cap binds: 128 - 30"),
    (192, 10, 13, 1024, 60, 20, 8, 3, "hash's collision resistance caps it"),
    (32, 10, 13, 1024, 3, 0, 2, 10, "STARK101: 32-bit field, no extension"),
    (128, 8, 11, 256, 123, 16, 2, 5, "2^8 rows, folding 2: UDR 116"),
    (128, 8, 11, 256, 123, 16, 4, 3, "2^8 rows, folding 4: UDR 115"),
    (128, 8, 11, 256, 123, 16, 16, 1, "folding 16: the FRI layer term binds UDR"),
    (128, 8, 11, 256, 123, 16, 16, 0, "the same with no FRI layer"),
    (128, 12, 15, 1 << 12, 50, 0, 8, 0, "no FRI layers (remainder sent whole)"),
    (128, 9, 12, 576, 28, 20, 8, 1, "512 rows, zk: 79 query bits, dropped"),
    (128, 14, 20, (1 << 14) + 64, 30, 24, 16, 2, "blowup 64, zk"),
]


def conjectured(ext, log_n, log_lde, d, q, g):
    rho = d / 2.0 ** log_lde
    query_bits = math.floor(q * -math.log2(rho) + 1e-9)
    dropped = g > 0 and query_bits < 80
    total = query_bits + (g if query_bits >= 80 else 0)
    c = min(ext - log_lde, total) - 1
    return max(0, min(c, 128)), query_bits, dropped


def udr(ext, log_n, log_lde, d, q, g, fold, layers):
    n, lde = 2.0 ** log_n, 2.0 ** log_lde
    dmax = lde / n + 1
    rho_plus = (d + 2) / lde
    terms = [ext, ext - math.log2(dmax * (n + 1) + n - 1), ext - math.log2(lde)]
    if layers:
        terms.append(ext - math.log2((fold - 1) * (lde + 1)))
    terms.append(g - q * math.log2((1 + rho_plus) / 2))
    return max(0, min(math.floor(min(terms)), 128))


def log2(x):
    """IEEE-style, as the C and Rust code see it: log2(inf) = inf, and NaN for
    a negative argument (a list size past the theorem's range of m)."""
    return math.nan if x < 0 else math.inf if x == math.inf else math.log2(x)


def rmin(values):
    """Rust's f64::min folded from infinity: NaN arguments are skipped."""
    out = math.inf
    for v in values:
        if not math.isnan(v):
            out = min(out, v)
    return out


def ldr(ext, log_n, log_lde, d, q, g):
    n, lde = 2.0 ** log_n, 2.0 ** log_lde
    rho, dmax = d / lde, lde / n + 1
    m_max = min(math.ceil(1 / (2 * (math.sqrt((n + 2) / n) - 1))), 1000)
    best = -math.inf
    for m in range(3, int(m_max)):
        slack = rho - 2 * m / lde
        lsize = m / slack if slack != 0 else math.inf
        terms = [
            ext - log2(lsize),
            ext - log2(lsize * lsize * (dmax * (n + 1) + n - 1)),
            ext - log2(0.5 * (m + 0.5) ** 7 / rho ** 1.5 * lde * lde),
            g - q * log2((1 + 0.5 / m) * math.sqrt(rho)),
        ]
        best = max(best, rmin(terms))
    return max(0, min(math.floor(best), 128))


for ext, log_n, log_lde, d, q, g, fold, layers, why in SETS:
    c, qb, dropped = conjectured(ext, log_n, log_lde, d, q, g)
    u = udr(ext, log_n, log_lde, d, q, g, fold, layers)
    l = ldr(ext, log_n, log_lde, d, q, g)
    print(f"    /* {why} */")
    print(f"    {{{ext}, {log_n}, {log_lde}, {d}, {q}, {g}, {fold}, {layers}, "
          f"{c}, {u}, {l}, {qb}, {'true' if dropped else 'false'}}},")
