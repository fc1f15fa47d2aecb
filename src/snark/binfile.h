/* The iden3 "binfile" container of .ptau and .zkey files, read and written
 * in place on disk (these files reach gigabytes, so nothing here loads a
 * whole file).
 *
 * Layout (iden3/binfileutils, the format snarkjs and circom share): a 4-byte
 * magic ("ptau", "zkey"), a u32 version, a u32 section count, then the
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
#ifndef ZK_SNARK_BINFILE_H
#define ZK_SNARK_BINFILE_H

#include "core/err.h"
#include "core/file.h"
#include "core/types.h"

typedef struct binfile_section {
    uint32_t type;
    uint64_t off;    /* of the section's first byte (after its 12-byte header) */
    uint64_t size;
} binfile_section;

typedef struct binfile {
    int fd;
    uint64_t file_size;
    uint32_t version;
    binfile_section *sec;
    size_t n_sec;
} binfile;

/* Opens path and lists its sections. The magic must match and the version
 * be in [1, max_version]. On error b needs no closing. */
zk_err binfile_open(binfile *b, const char *path, const char magic[4], uint32_t max_version);
void binfile_close(binfile *b);

/* The unique section of a type: ZK_EFORMAT when absent or repeated. */
zk_err binfile_section_get(const binfile *b, uint32_t type, const binfile_section **s);
/* Whether a section of this type is present (any number of times). */
bool binfile_has(const binfile *b, uint32_t type);

/* n bytes at absolute offset off; ZK_EFORMAT when they run past the end. */
zk_err binfile_read(const binfile *b, uint64_t off, void *dst, size_t n);
/* n bytes at offset off inside section s; ZK_EFORMAT past its end. */
zk_err binfile_read_in(const binfile *b, const binfile_section *s, uint64_t off, void *dst,
                       size_t n);

static inline uint32_t binfile_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t binfile_u64(const uint8_t *p)
{
    return binfile_u32(p) | (uint64_t)binfile_u32(p + 4) << 32;
}

static inline void binfile_put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* ---- writing ------------------------------------------------------------- */

typedef struct binwriter {
    zk_stage st;          /* the output's temporary (core/file.h) */
    uint8_t *buf;
    size_t n;             /* bytes buffered */
    uint64_t pos;         /* file offset of buf[0] */
    uint64_t sec_start;   /* offset of the open section's size field, 0 if none */
    zk_err err;           /* the first error; later calls do nothing */
} binwriter;

/* Starts path's replacement; nothing is visible at path before commit. */
zk_err binwriter_open(binwriter *w, const char *path, const char magic[4], uint32_t version,
                      uint32_t n_sections);
void binwriter_begin(binwriter *w, uint32_t type);
void binwriter_bytes(binwriter *w, const void *data, size_t n);
void binwriter_u32(binwriter *w, uint32_t v);
void binwriter_u64(binwriter *w, uint64_t v);
void binwriter_end(binwriter *w);
/* Copies section s of b unchanged (type included). */
void binwriter_copy_section(binwriter *w, const binfile *b, const binfile_section *s);
/* Flushes, syncs and renames into place; on any earlier error removes the
 * temporary file and returns that error. Frees w either way. */
zk_err binwriter_commit(binwriter *w);
/* Removes the temporary file and frees w. */
void binwriter_abort(binwriter *w);

/* ---- contribution parameters ------------------------------------------------ */

/* The parameters snarkjs stores after each contribution of a .ptau and of a
 * .zkey: tagged fields in increasing tag order, each optional: 1 the name
 * (a length byte, at most 64 bytes), 2 the beacon's iteration exponent (one
 * byte), 3 the beacon's hash (a length byte and the bytes). */
typedef struct binfile_contrib_params {
    char *name;          /* [65], NUL-terminated */
    uint8_t *beacon_exp;
    uint8_t *beacon_len;
    uint8_t *beacon;     /* [255] */
} binfile_contrib_params;

#define BINFILE_CONTRIB_PARAMS_MAX (2 + 64 + 2 + 2 + 255)

/* Parses len bytes at p into the fields q points at (unset fields keep
 * their values); ZK_EFORMAT for tags out of order, unknown or overlong. */
zk_err binfile_contrib_params_get(const binfile_contrib_params *q, const uint8_t *p, size_t len);
/* Encodes into out (BINFILE_CONTRIB_PARAMS_MAX bytes) the name when it is
 * not empty and, for a beacon, its exponent and hash; returns the length. */
size_t binfile_contrib_params_put(uint8_t *out, const char *name, bool beacon, uint8_t beacon_exp,
                                  const uint8_t *beacon_hash, uint8_t beacon_len);

#endif
