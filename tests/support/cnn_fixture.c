#include "cnn_fixture.h"

#include <stdio.h>

#include "nn/model_file.h"
#include "zkml/pipeline.h"

nn_qmodel *cf_qm;
nn_dataset cf_test;
zkml_settings cf_settings;

int cf_model_setup(zkml_settings *s)
{
    char why[300];
    nn_cnn m;
    zkml_settings own;
    nn_qparams q;
    if (nn_model_load(&m, "assets/" NN_MODEL_FILE, NULL, NULL, why, sizeof why) ||
        zkml_settings_load(s ? s : &own, &q, "assets/" ZKML_SETTINGS_FILE, why, sizeof why)) {
        fprintf(stderr, "# %s\n", why);
        return -1;
    }
    zk_err err = nn_qmodel_init(&cf_qm, &m, &q);
    nn_cnn_free(&m);
    return err ? -1 : 0;
}

void cf_model_teardown(void)
{
    nn_qmodel_free(cf_qm);
    cf_qm = NULL;
}

int cf_setup(void)
{
    char why[300], buf[1024];
    if (cf_model_setup(&cf_settings))
        return -1;
    if (nn_mnist_load(&cf_test, nn_mnist_dir(NULL, buf, sizeof buf), false, why, sizeof why)) {
        fprintf(stderr, "# %s (set ZKCAVE_SHARED_DATA)\n", why);
        cf_model_teardown();
        return -1;
    }
    return 0;
}

void cf_teardown(void)
{
    cf_model_teardown();
    nn_dataset_free(&cf_test);
}
