/* Fixed (preprocessed) columns: their commitment, which the verifier
 * derives from the AIR itself (see air.h). The tree is the main trace's
 * kind, over the rows of the columns' extension onto D, but unsalted and
 * unmasked: the columns are public, and the verifier must be able to
 * recompute the root from the statement alone. */
#include <string.h>

#include "core/alloc.h"
#include "core/hex.h"
#include "stark/lde.h"

zk_err stark_fixed_tree(merkle_tree *t, const stark_layout *l, const gl_t *lde, size_t n_fixed,
                        size_t stride)
{
    hash_digest *h = zk_alloc_aligned(l->lde, sizeof *h);
    if (!h)
        return ZK_ENOMEM;
    merkle_hash_rows(h, lde, l->lde, n_fixed, stride, NULL, 0);
    zk_err err = merkle_build(t, h, l->lde);
    zk_free(h);
    return err;
}

zk_err stark_air_fixed_root(hash_digest *root, const stark_air *a, unsigned log_blowup)
{
    if (a->n_fixed == 0 || !a->vt || !a->vt->build_fixed || log_blowup < 1 ||
        log_blowup > 6 || a->n_rows < 2 || (a->n_rows & (a->n_rows - 1)) != 0)
        return ZK_EINVAL;
    /* The part of the layout the extension reads: the domains. */
    stark_layout l;
    memset(&l, 0, sizeof l);
    l.n = a->n_rows;
    while (((size_t)1 << l.log_n) < l.n)
        l.log_n++;
    l.blowup = (size_t)1 << log_blowup;
    l.log_lde = l.log_n + log_blowup;
    if (l.log_lde > GL_TWO_ADICITY || l.log_lde > 30)
        return ZK_EINVAL;
    l.lde = (size_t)1 << l.log_lde;
    l.d = l.n;
    l.shift = GL_GENERATOR;
    gl_root_of_unity(&l.omega_n, l.log_n);
    gl_root_of_unity(&l.omega_lde, l.log_lde);
    size_t nf = a->n_fixed;
    stark_domains dm;
    zk_err err = stark_domains_init(&dm, &l);
    if (err)
        return err;
    gl_t *table = zk_alloc_aligned(l.n * nf, sizeof *table);
    gl_t *coeffs = zk_alloc_aligned(l.n * nf, sizeof *coeffs);
    gl_t *lde = zk_alloc_aligned(l.lde * nf, sizeof *lde);
    merkle_tree t;
    memset(&t, 0, sizeof t);
    err = ZK_ENOMEM;
    if (!table || !coeffs || !lde)
        goto out;
    if ((err = a->vt->build_fixed(a, table)) ||
        (err = stark_interpolate(&dm, table, nf, 0, nf, coeffs, l.n, 0, NULL)) ||
        (err = stark_lde(&dm, coeffs, nf, l.n, lde, nf, 0)) ||
        (err = stark_fixed_tree(&t, &l, lde, nf, nf)))
        goto out;
    *root = *merkle_root(&t);
out:
    merkle_free(&t);
    zk_free(table);
    zk_free(coeffs);
    zk_free(lde);
    stark_domains_free(&dm);
    return err;
}

zk_err stark_air_commit_fixed(stark_air *a, unsigned log_blowup)
{
    hash_digest root;
    zk_err err = stark_air_fixed_root(&root, a, log_blowup);
    if (err)
        return err;
    a->fixed_root = root;
    a->fixed_root_log_blowup = log_blowup;
    return ZK_OK;
}

void stark_air_known_fixed_root(stark_air *a, const char *hex, unsigned log_blowup)
{
    if (zk_hex_decode_exact(a->fixed_root.b, HASH_BYTES, hex) == ZK_OK)
        a->fixed_root_log_blowup = log_blowup;
}
