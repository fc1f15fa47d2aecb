/* Helpers shared by the zkml.* actions (lessons 16, 17 and 18). */
#ifndef ZK_LESSON_ACTIONS_ZKML_H
#define ZK_LESSON_ACTIONS_ZKML_H

#include "lesson/action.h"
#include "lesson/actions.h"
#include "lesson/zkml_prove.h"

/* The rows of zkml_counts by name: "input", "conv1", … "model". */
extern const char *const zkml_act_row_names[ZKML_ROWS];

/* The shipped model and settings; out->message says why not. */
zk_err zkml_act_open(lesson_result *out, lesson_zkml *z);
/* `weights=hashed|fixed|public|private` (default: the shipped settings'). */
zk_err zkml_act_weights(lesson_result *out, const lesson_params *p, const lesson_zkml *z,
                        zkml_visibility *v);
/* `layers=all|conv2|fc1|fc2`: the first layer the circuit keeps (default
 * fc2, the seconds-long reduced model). */
zk_err zkml_act_layers(lesson_result *out, const lesson_params *p, int *first_layer);
/* `digit=NAME` (a file in assets/digits, default 7_0000.png) or a path:
 * the 784 pixels as the command line reads them, and what was read. */
zk_err zkml_act_digit(lesson_result *out, const lesson_params *p, uint8_t img[NN_PIXELS],
                      char *source, size_t source_len);
/* The digit as 14 rows of text art, as result lines. */
void zkml_act_art(lesson_result *out, const uint8_t img[NN_PIXELS]);
/* "class 7, logits -4.44 … 14.03" for a statement at the model's scale. */
void zkml_act_statement(lesson_result *out, lesson_mark mark, const zkml_public *st,
                        const zkml_model *m);
/* A checker's verdict: pass, or fail with feedback (printf format). */
zk_err zkml_act_verdict(lesson_result *out, bool pass, const char *fmt, ...);

#endif
