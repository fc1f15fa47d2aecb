/* `zkcave stark prove cnn-conv1 [--digit PNG] [--channels C]`: the first
 * slice of the CNN AIR (stark/air_cnn.h) on a digit, from the shipped model
 * and settings, the same integers `zkcave mnist predict` computes. */
#include <stdio.h>

#include "cli/cli.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"
#include "nn/quant.h"
#include "stark/air_cnn.h"
#include "zkml/pipeline.h"

int cli_stark_cnn_conv1(stark_air *a, const char *digit, uint64_t channels)
{
    if (channels < 1 || channels > AIR_CNN_CONV1_CHANNELS)
        return cli_error(CLI_USAGE, "--channels must be 1 to %d", AIR_CNN_CONV1_CHANNELS);
    char mpath[1024], spath[1024], dpath[1024], why[300];
    if (nn_asset_path(mpath, sizeof mpath, NN_MODEL_FILE) ||
        nn_asset_path(spath, sizeof spath, ZKML_SETTINGS_FILE))
        return cli_error(CLI_USAGE, "stark prove cnn-conv1: the shipped model or its settings "
                                    "are missing (set ZKCAVE_ASSETS)");
    if (!digit) {
        if (nn_asset_path(dpath, sizeof dpath, "digits/7_0000.png"))
            return cli_error(CLI_USAGE, "stark prove cnn-conv1 needs --digit PNG");
        digit = dpath;
    }
    uint8_t img[NN_PIXELS];
    zk_err err = nn_digit_load_png(img, digit, NULL, why, sizeof why);
    if (err)
        return cli_file_error("stark prove", false, digit, err, why);
    nn_cnn m;
    zkml_settings s;
    nn_qparams q;
    if ((err = nn_model_load(&m, mpath, NULL, NULL, why, sizeof why)))
        return cli_file_error("stark prove", false, mpath, err, why);
    err = zkml_settings_load(&s, &q, spath, why, sizeof why);
    nn_qmodel *qm = NULL;
    if (!err)
        err = nn_qmodel_init(&qm, &m, &q);
    nn_cnn_free(&m);
    if (err)
        return cli_file_error("stark prove", false, spath, err, why);
    static nn_qtrace tr;
    int pred, r = q.in_exp + q.w_exp[0] - q.out_exp[0];
    if ((err = nn_qinfer(qm, img, &tr, &pred, NULL)) == ZK_OK) {
        air_cnn_conv1_input in = {(unsigned)channels, (unsigned)r,
                                  (unsigned)(q.acc_bits[0] - r), tr.x, qm->w + NN_OFF_CONV1_W,
                                  qm->bias};
        err = air_cnn_conv1_new(a, &in);
    }
    nn_qmodel_free(qm);
    if (err)
        return cli_error(CLI_USAGE, "stark prove cnn-conv1: the model's conv1 does not fit the "
                                    "AIR (%s)", zk_strerror(err));
    return CLI_OK;
}
