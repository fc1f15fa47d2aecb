#include "zkml_fixture.h"

#include <stdio.h>
#include <string.h>

#include "zk_test.h"
#include "nn/calibrate.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"

nn_cnn zf_model;
nn_qmodel *zf_qm;

/* The shipped model at the calibrated scales, acc_bits the worst case. */
nn_qmodel *zf_quantize(const nn_cnn *m)
{
    nn_qparams q;
    nn_qparams_for_scale(&q, m, 5);
    nn_qmodel *x;
    assert_int_equal(nn_qmodel_init(&x, m, &q), ZK_OK);
    nn_acc_bits_worst(q.acc_bits, x);
    nn_qmodel_free(x);
    assert_int_equal(nn_qmodel_init(&x, m, &q), ZK_OK);
    return x;
}

int zf_setup(void)
{
    char why[256];
    if (nn_model_load(&zf_model, "assets/" NN_MODEL_FILE, NULL, NULL, why, sizeof why) != ZK_OK) {
        fprintf(stderr, "%s\n", why);
        return -1;
    }
    zf_qm = zf_quantize(&zf_model);
    return 0;
}

void zf_teardown(void)
{
    nn_qmodel_free(zf_qm);
    nn_cnn_free(&zf_model);
}

void zf_digit(uint8_t img[NN_PIXELS], const char *name)
{
    char path[128], why[200];
    snprintf(path, sizeof path, "assets/digits/%s.png", name);
    if (nn_digit_load_png(img, path, NULL, why, sizeof why) != ZK_OK)
        fail_msg("%s: %s", path, why);
}

zkml_settings zf_settings(zkml_visibility v, int first_layer)
{
    zkml_settings s;
    zkml_settings_default(&s);
    s.params = v;
    s.first_layer = first_layer;
    return s;
}

/* The witness of img, every constraint checked as it is generated. */
void zf_checked_witness(zkml_witness *w, const zkml_settings *s, const nn_qmodel *m,
                            const uint8_t *img)
{
    zkml_report rep;
    if (zkml_witness_compute(w, s, m, img, NULL, true, &rep, NULL) != ZK_OK)
        fail_msg("%s", rep.msg);
}

/* A compiled circuit and the witness of one bundled digit. */
void zf_prepare(zkml_circuit *c, zkml_witness *w, const zkml_settings *s,
                    const nn_qmodel *m, const char *name)
{
    char why[200];
    assert_int_equal(zkml_compile(c, s, zf_qm, NULL, why, sizeof why), ZK_OK);
    uint8_t img[NN_PIXELS];
    zf_digit(img, name);
    zkml_report rep;
    if (zkml_witness_compute(w, s, m, img, NULL, false, &rep, NULL) != ZK_OK)
        fail_msg("%s", rep.msg);
}

/* c refuses w, at the first constraint of gadget in (row, op); its index. */
uint64_t zf_assert_rejected(const zkml_circuit *c, const fr_t *w, size_t n, zkml_row row,
                                zkml_op op, const char *gadget)
{
    zkml_report rep;
    assert_int_equal(zkml_check(c, w, n, &rep), ZK_EVERIFY);
    if (!rep.failed_constraint || rep.where.row != row || rep.where.op != op ||
        strcmp(rep.where.gadget, gadget) != 0)
        fail_msg("expected %s %s (%s), got: %s", zkml_row_name(row), zkml_op_name(op), gadget,
                 rep.msg);
    return rep.where.index;
}
