/* `zkcave stark prove cnn-conv1|cnn [--digit PNG] [--channels C]`: the CNN
 * AIRs (stark/air_cnn.h) on a digit, from the shipped model and settings,
 * the same integers `zkcave mnist predict` computes. */
#include <stdio.h>

#include "cli/cli.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"
#include "nn/quant.h"
#include "stark/air_cnn.h"
#include "zkml/model_hash_gl.h"
#include "zkml/pipeline.h"
#include "zkml/tensors.h"
#include "zkml/zkml_stark.h"

/* The shape asserts against nn/cnn.h: zkml/zkml_stark.c. */

/* The shipped model quantized with its settings (into *s), a digit (the
 * shipped 7 without one) and its integer inference. */
static int cnn_load(const char *what, const char *digit, nn_qmodel **qm, zkml_settings *s,
                    uint8_t *img, nn_qtrace *tr)
{
    char dpath[1024], why[300];
    if (!digit) {
        if (nn_asset_path(dpath, sizeof dpath, "digits/7_0000.png"))
            return cli_error(CLI_USAGE, "stark prove %s needs --digit PNG", what);
        digit = dpath;
    }
    zk_err err = nn_digit_load_png(img, digit, NULL, why, sizeof why);
    if (err)
        return cli_file_error("stark prove", false, digit, err, why);
    int rc = cli_stark_shipped(qm, s, what);
    if (rc)
        return rc;
    int pred;
    nn_qoverflow ov;
    if ((err = nn_qinfer(*qm, img, tr, &pred, &ov))) {
        nn_qmodel_free(*qm);
        return cli_error(CLI_USAGE, "stark prove %s: the quantized network overflows on %s "
                                    "(%s of layer %d)", what, digit, ov.what ? ov.what : "?",
                         ov.layer + 1);
    }
    return CLI_OK;
}

int cli_stark_cnn_conv1(stark_air *a, const char *digit, uint64_t channels)
{
    if (channels < 1 || channels > AIR_CNN_CONV1_CHANNELS)
        return cli_error(CLI_USAGE, "--channels must be 1 to %d", AIR_CNN_CONV1_CHANNELS);
    static nn_qtrace tr;
    uint8_t img[NN_PIXELS];
    nn_qmodel *qm;
    zkml_settings s;
    int rc = cnn_load("cnn-conv1", digit, &qm, &s, img, &tr);
    if (rc)
        return rc;
    int r = zkml_shift(&qm->q, 0);
    air_cnn_conv1_input in = {(unsigned)channels, (unsigned)r, (unsigned)(qm->q.acc_bits[0] - r),
                              tr.x, qm->w + NN_OFF_CONV1_W, qm->bias};
    zk_err err = air_cnn_conv1_new(a, &in);
    nn_qmodel_free(qm);
    if (err)
        return cli_error(CLI_USAGE, "stark prove cnn-conv1: the model's conv1 does not fit the "
                                    "AIR (%s)", zk_strerror(err));
    return CLI_OK;
}

int cli_stark_cnn(stark_air *a, const char *digit)
{
    static nn_qtrace tr;
    uint8_t img[NN_PIXELS];
    nn_qmodel *qm;
    zkml_settings s;
    int rc = cnn_load("cnn", digit, &qm, &s, img, &tr);
    if (rc)
        return rc;
    char why[300];
    zk_err err = zkml_stark_air(a, &s, qm, img, why, sizeof why);
    nn_qmodel_free(qm);
    if (err)
        return cli_error(CLI_USAGE, "stark prove cnn: %s", why);
    return CLI_OK;
}
