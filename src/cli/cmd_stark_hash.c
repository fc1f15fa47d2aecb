/* `zkcave stark prove model-hash` and `model-commit`: the shipped model's
 * STARK commitment (zkml/model_hash_gl.h), proven by the sponge gadget
 * standing alone (stark/air_sponge.h: its packed elements private, the
 * 4-element digest public), or from the raw parameters through the unpack
 * lanes (stark/air_sponge_unpack.h: the parameters private, the header and
 * the digest public). */
#include "cli/cli.h"
#include "core/alloc.h"
#include "nn/model_file.h"
#include "stark/air_sponge.h"
#include "stark/air_sponge_unpack.h"
#include "zkml/tensors.h"
#include "zkml/model_hash_gl.h"
#include "zkml/pipeline.h"

int cli_stark_shipped(nn_qmodel **qm, zkml_settings *s, const char *air)
{
    char mpath[1024], spath[1024], why[300];
    if (nn_asset_path(mpath, sizeof mpath, NN_MODEL_FILE) ||
        nn_asset_path(spath, sizeof spath, ZKML_SETTINGS_FILE))
        return cli_error(CLI_USAGE, "stark prove %s: the shipped model or its settings are "
                                    "missing (set ZKCAVE_ASSETS)", air);
    nn_cnn m;
    nn_qparams q;
    zk_err err = nn_model_load(&m, mpath, NULL, NULL, why, sizeof why);
    if (err)
        return cli_file_error("stark prove", false, mpath, err, why);
    err = zkml_settings_load(s, &q, spath, why, sizeof why);
    *qm = NULL;
    if (!err)
        err = nn_qmodel_init(qm, &m, &q);
    nn_cnn_free(&m);
    if (err)
        return cli_file_error("stark prove", false, spath, err, why);
    return CLI_OK;
}

int cli_stark_model_hash(stark_air *a)
{
    nn_qmodel *qm;
    zkml_settings s;
    int rc = cli_stark_shipped(&qm, &s, "model-hash");
    if (rc)
        return rc;
    gl_t *e = NULL;
    size_t n = 0;
    zk_err err = zkml_hash_gl_elements(&e, &n, &s, qm);
    nn_qmodel_free(qm);
    if (!err)
        err = air_model_hash_new(a, e, n);
    zk_free_secret(e, n, sizeof *e);
    if (err)
        return cli_error(CLI_USAGE, "stark prove model-hash: the shipped settings hash no "
                                    "model (%s)", zk_strerror(err));
    return CLI_OK;
}

int cli_stark_model_commit(stark_air *a)
{
    nn_qmodel *qm;
    zkml_settings s;
    int rc = cli_stark_shipped(&qm, &s, "model-commit");
    if (rc)
        return rc;
    uint64_t head[ZKML_HEADER_MAX];
    size_t nh = zkml_hash_header(head, &s, qm);
    int64_t *values[ZKML_TENSORS] = {0};
    zk_err err = s.params == ZKML_HASHED && !s.salted && s.first_layer == 0 ? ZK_OK : ZK_EINVAL;
    for (int k = 0; k < ZKML_TENSORS && !err; k++) {
        size_t len = zkml_tensor_len(k);
        if (!(values[k] = zk_alloc(len, sizeof **values)))
            err = ZK_ENOMEM;
        for (size_t i = 0; i < len && !err; i++)
            values[k][i] = zkml_tensor_at(qm, k, i);
    }
    /* R = 16: the CNN AIR's range table (air_cnn.h). */
    if (!err)
        err = air_model_commit_new(a, head, nh, (const int64_t *const *)values, 16);
    for (int k = 0; k < ZKML_TENSORS; k++)
        if (values[k])
            zk_free_secret(values[k], zkml_tensor_len(k), sizeof **values);
    nn_qmodel_free(qm);
    if (err)
        return cli_error(CLI_USAGE, "stark prove model-commit: the shipped settings hash no "
                                    "whole unsalted model (%s)", zk_strerror(err));
    return CLI_OK;
}
