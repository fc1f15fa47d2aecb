/* `zkcave stark prove model-hash`: the shipped model's STARK commitment
 * (zkml/model_hash_gl.h), proven by the sponge gadget standing alone
 * (stark/air_sponge.h): its packed weights private, the 4-element digest
 * public. */
#include "cli/cli.h"
#include "core/alloc.h"
#include "nn/model_file.h"
#include "stark/air_sponge.h"
#include "zkml/model_hash_gl.h"
#include "zkml/pipeline.h"

int cli_stark_model_hash(stark_air *a)
{
    char mpath[1024], spath[1024], why[300];
    if (nn_asset_path(mpath, sizeof mpath, NN_MODEL_FILE) ||
        nn_asset_path(spath, sizeof spath, ZKML_SETTINGS_FILE))
        return cli_error(CLI_USAGE, "stark prove model-hash: the shipped model or its settings "
                                    "are missing (set ZKCAVE_ASSETS)");
    nn_cnn m;
    zkml_settings s;
    nn_qparams q;
    zk_err err = nn_model_load(&m, mpath, NULL, NULL, why, sizeof why);
    if (err)
        return cli_file_error("stark prove", false, mpath, err, why);
    err = zkml_settings_load(&s, &q, spath, why, sizeof why);
    nn_qmodel *qm = NULL;
    if (!err)
        err = nn_qmodel_init(&qm, &m, &q);
    nn_cnn_free(&m);
    if (err)
        return cli_file_error("stark prove", false, spath, err, why);
    gl_t *e = NULL;
    size_t n = 0;
    err = zkml_hash_gl_elements(&e, &n, &s, qm);
    nn_qmodel_free(qm);
    if (!err)
        err = air_model_hash_new(a, e, n);
    zk_free_secret(e, n, sizeof *e);
    if (err)
        return cli_error(CLI_USAGE, "stark prove model-hash: the shipped settings hash no "
                                    "model (%s)", zk_strerror(err));
    return CLI_OK;
}
