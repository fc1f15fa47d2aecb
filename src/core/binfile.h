/* The iden3 "binfile" container of .r1cs, .wtns, .ptau and .zkey files:
 * .ptau and .zkey read and written in place on disk (they reach gigabytes,
 * so nothing here loads a whole file), .r1cs and .wtns parsed from a
 * buffer in memory (zk_binfile_open_mem) and written with core/bytes.h.
 *
 * Layout (iden3/binfileutils, the format snarkjs and circom share): a 4-byte
 * magic ("r1cs", "wtns", "ptau", "zkey"), a u32 version, a u32 section count, then the
 * sections, each a u32 type, a u64 byte size and that many bytes. Integers
 * are little-endian. Section types may come in any order; the readers here
 * insist that a type they ask for appears exactly once.
 *
 * Reading treats the file as hostile: a section running past the end of the
 * file, a count that does not fit, a missing or repeated section are
 * ZK_EFORMAT; a file that cannot be opened, or is not a regular file, fails
 * as zk_file_open_input says (ZK_ENOENT, ZK_ENOTREG, ...).
 *
 * Writing goes through a stage of core/file.h: a temporary file next to
 * the target, renamed over it on commit (after fsync), so an interrupted
 * `zkcave ptau contribute` leaves the old file, never half a new one, and
 * while a command's outputs are open the file waits for the others. */
#ifndef ZK_CORE_BINFILE_H
#define ZK_CORE_BINFILE_H

#include "core/bytes.h"
#include "core/err.h"
#include "core/file.h"
#include "core/types.h"

typedef struct zk_binfile_section {
    uint32_t type;
    uint64_t off;    /* of the section's first byte (after its 12-byte header) */
    uint64_t size;
} zk_binfile_section;

typedef struct zk_binfile {
    int fd;                /* -1 for a buffer in memory */
    const uint8_t *mem;    /* the buffer, or NULL for a file */
    uint64_t file_size;
    uint32_t version;
    zk_binfile_section *sec;
    size_t n_sec;
} zk_binfile;

/* Opens path and lists its sections. The magic must match and the version
 * be in [1, max_version]. On error b needs no closing. */
zk_err zk_binfile_open(zk_binfile *b, const char *path, const char magic[4], uint32_t max_version);
/* The same over len bytes at buf, which must outlive b. */
zk_err zk_binfile_open_mem(zk_binfile *b, const uint8_t *buf, size_t len, const char magic[4],
                           uint32_t max_version);
void zk_binfile_close(zk_binfile *b);

/* Section s's bytes in a container opened in memory. */
static inline const uint8_t *zk_binfile_mem(const zk_binfile *b, const zk_binfile_section *s)
{
    return b->mem + s->off;
}

/* The unique section of a type: ZK_EFORMAT when absent or repeated. */
zk_err zk_binfile_section_get(const zk_binfile *b, uint32_t type, const zk_binfile_section **s);
/* Whether a section of this type is present (any number of times). */
bool zk_binfile_has(const zk_binfile *b, uint32_t type);

/* n bytes at absolute offset off; ZK_EFORMAT when they run past the end. */
zk_err zk_binfile_read(const zk_binfile *b, uint64_t off, void *dst, size_t n);
/* n bytes at offset off inside section s; ZK_EFORMAT past its end. */
zk_err zk_binfile_read_in(const zk_binfile *b, const zk_binfile_section *s, uint64_t off, void *dst,
                       size_t n);

/* ---- writing ------------------------------------------------------------- */

typedef struct zk_binwriter {
    zk_stage st;          /* the output's temporary (core/file.h) */
    uint8_t *buf;
    size_t n;             /* bytes buffered */
    uint64_t pos;         /* file offset of buf[0] */
    uint64_t sec_start;   /* offset of the open section's size field, 0 if none */
    zk_err err;           /* the first error; later calls do nothing */
} zk_binwriter;

/* Starts path's replacement; nothing is visible at path before commit. */
zk_err zk_binwriter_open(zk_binwriter *w, const char *path, const char magic[4], uint32_t version,
                      uint32_t n_sections);
void zk_binwriter_begin(zk_binwriter *w, uint32_t type);
void zk_binwriter_bytes(zk_binwriter *w, const void *data, size_t n);
void zk_binwriter_u32(zk_binwriter *w, uint32_t v);
void zk_binwriter_u64(zk_binwriter *w, uint64_t v);
void zk_binwriter_end(zk_binwriter *w);
/* Copies section s of b unchanged (type included). */
void zk_binwriter_copy_section(zk_binwriter *w, const zk_binfile *b, const zk_binfile_section *s);
/* Flushes, syncs and renames into place; on any earlier error removes the
 * temporary file and returns that error. Frees w either way. */
zk_err zk_binwriter_commit(zk_binwriter *w);
/* Removes the temporary file and frees w. */
void zk_binwriter_abort(zk_binwriter *w);

#endif
