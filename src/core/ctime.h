/* Constant-time claims made checkable, and debug assertions.
 *
 * Code that says it is constant-time in a secret (the `_var`-less twins of
 * field/ and curve/) is checked the way libsecp256k1's ctime_tests check it:
 * tests/ctime/test_ctime.c marks the secret bytes undefined for valgrind's
 * memcheck (zk_ct_secret) and runs the function; memcheck then reports every
 * conditional jump and every memory address that depends on them. The test
 * is built with ZK_CTIME_CHECK (`make build/ctime/tests/test_ctime`, only
 * where valgrind's headers are installed); every other build compiles both
 * macros away.
 *
 * zk_ct_public(p, n) declassifies: it states that the bytes at p, though
 * computed from secrets, may be revealed. Each use says why next to it —
 * a value blinded by fresh randomness (uniform whatever the secret), or a
 * test whose outcome is fixed except with negligible probability (the
 * x-coordinate collisions of curve/batch_aff.h). A declassification without
 * such a reason is a hole in the claim.
 *
 * ZK_VERIFY(cond) is an assertion of an invariant a header states ("reduced
 * below p", "on the curve", "in range"), in the manner of libsecp256k1's
 * VERIFY_CHECK: checked in `make debug` builds (ZK_DEBUG defined), where a
 * failure prints the condition and its place and aborts; compiled away
 * otherwise, so it may be as expensive as the invariant needs. */
#ifndef ZK_CORE_CTIME_H
#define ZK_CORE_CTIME_H

#ifdef ZK_CTIME_CHECK
#include <valgrind/memcheck.h>
#define zk_ct_secret(p, n) ((void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n)))
#define zk_ct_public(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#else
#define zk_ct_secret(p, n) ((void)(p), (void)(n))
#define zk_ct_public(p, n) ((void)(p), (void)(n))
#endif

/* Prints "zkcave: invariant failed at file:line: cond" and aborts. */
_Noreturn void zk_verify_fail(const char *file, int line, const char *cond);

#ifdef ZK_DEBUG
#define ZK_VERIFY(cond) ((cond) ? (void)0 : zk_verify_fail(__FILE__, __LINE__, #cond))
#else
#define ZK_VERIFY(cond) ((void)0)
#endif

#endif
