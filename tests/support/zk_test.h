/* Shared helpers for the cmocka unit tests. */
#ifndef ZK_TEST_H
#define ZK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gmp.h>

#include "core/core.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"
#include "field/mont256.h"

/* Runs a cmocka group with TAP output, after field_init(). Returns the
 * number of failed tests (the process exit code). */
#define ZK_RUN_TESTS(group) zk_test_run(__FILE__, group, sizeof(group) / sizeof((group)[0]))
int zk_test_run(const char *name, const struct CMUnitTest *tests, size_t n);

/* Reads a file under the shared data directory (ZKCAVE_SHARED_DATA, default
 * ../shared/data) into a NUL-terminated buffer; fails the test if missing. */
char *zk_test_read_shared(const char *relpath);

/* A deterministic generator seeded from the test name, so a failure replays. */
void zk_test_rng(zk_rng *rng, const char *name);

/* Whether /proc/cpuinfo lists flag (e.g. "adx") for this CPU: an oracle for
 * the CPUID detection that does not share its code. A flag ZKCAVE_CPU_MASK
 * turns off reads as absent (0), as it does for the program. -1 when
 * unreadable. */
int zk_test_cpu_flag(const char *flag);

/* Skips the running test, first printing "# skip reason: ..." (tests/run.sh
 * lists every skip with its reason and fails a skip that gives none). For a
 * kernel this CPU lacks: the portable twin is tested elsewhere regardless. */
/* For a test of a fast kernel: returns when available; otherwise skips
 * (ZK_SKIP, naming the kernel and why it is absent) when the CPU lacks one
 * of features (space-separated /proc/cpuinfo flags), and fails when it has
 * them all, since then the kernel should have been there. */
void zk_test_need_kernel(bool available, const char *kernel, const char *features);
#define ZK_SKIP(...) (print_message("# skip reason: " __VA_ARGS__), print_message("\n"), skip())

/* A cmocka setup that re-runs field_init(), so a test that failed while it
 * had switched kernels does not leave the next test on them. */
int zk_test_reset_kernels(void **state);

/* Selects the 256-bit Montgomery kernel set named kernel ("portable",
 * "x86-64", "adx"), or skips or fails as zk_test_need_kernel says. */
void zk_test_use_mont256(const char *kernel);

/* A cmocka test run with one kernel set: named f_kernel, handed the kernel
 * set's name (a string literal) as *state, with the kernels field_init
 * chose restored before and after. */
#define ZK_KERNEL_TEST(f, kernel)                                              \
    {#f "_" kernel, f, zk_test_reset_kernels, zk_test_reset_kernels, (void *)(kernel)}

/* r = s·base by the variable-time wNAF multiplication: the reference the
 * fixed-base tables and the setups are checked against. */
void zk_test_g1_times(g1_aff *r, const g1_aff *base, const fr_t *s);
void zk_test_g2_times(g2_aff *r, const g2_aff *base, const fr_t *s);

/* Removes dir and everything below it (symbolic links themselves, never
 * what they point to); quietly does what it can. For temporary directories. */
void zk_test_remove_tree(const char *dir);

/* Conversions between 4-limb plain integers and GMP. */
void zk_test_u256_to_mpz(mpz_t r, const uint64_t x[4]);
void zk_test_mpz_to_u256(uint64_t r[4], const mpz_t x);   /* x must be < 2^256, >= 0 */

/* Field elements (Montgomery form) to and from GMP integers. */
void zk_test_elt_to_mpz(mpz_t r, const uint64_t a[4], const mont256 *m);
void zk_test_mpz_to_elt(uint64_t r[4], const mpz_t x, const mont256 *m);

/* Builds the mont256 constants for any odd prime p < 2^255 with GMP, so
 * the generic code can be tested on moduli of every size. */
void zk_test_make_mont256(mont256 *m, const mpz_t p);

/* Asserts two GMP integers are equal, printing both on failure. */
#define ZK_ASSERT_MPZ_EQ(a, b) zk_test_assert_mpz_eq((a), (b), #a, #b, __FILE__, __LINE__)
void zk_test_assert_mpz_eq(const mpz_t a, const mpz_t b, const char *an, const char *bn,
                           const char *file, int line);

#endif
