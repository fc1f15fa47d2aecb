/* Sub-commands of the zkcave program. Each takes the arguments after its own
 * name and returns the process exit code: 0 done/valid, 1 invalid proof or
 * failed check, 2 bad usage or unreadable input. */
#ifndef ZK_CLI_CLI_H
#define ZK_CLI_CLI_H

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

int cmd_bench(int argc, char **argv);
int cmd_lessons(int argc, char **argv);
int cmd_lesson(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_check_lessons(int argc, char **argv);
/* stark prove AIR [options] -o proof.bin | stark verify proof.bin [--min-bits N] | stark airs */
int cmd_stark(int argc, char **argv);
/* mnist train|eval|calibrate|quant-table|predict (cmd_mnist.c). */
int cmd_mnist(int argc, char **argv);
/* The workbench with options: --headless --size WxH --keys "..." --lessons DIR [lesson N]. */
int cmd_workbench(int argc, char **argv);
int cmd_circuit(int argc, char **argv);
/* groth16 setup|prove|verify, zkey ..., ptau ... (cmd_snark.c, cmd_zkey.c,
 * cmd_ptau.c). */
int cmd_groth16(int argc, char **argv);
int cmd_zkey(int argc, char **argv);
int cmd_ptau(int argc, char **argv);

/* Prints "zkcave: <message>" on stderr (one line) and returns code. */
int cli_error(int code, const char *fmt, ...);

#endif
