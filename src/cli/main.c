/* zkcave: the workbench with no arguments, a command-line prover with them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/bench.h"
#include "cli/cli.h"
#include "core/core.h"
#include "field/field.h"
#include "tui/app.h"

#define ZKCAVE_VERSION "0.1.0"

int cli_error(int code, const char *fmt, ...)
{
    va_list ap;
    fputs("zkcave: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

/* Benchmark groups, one per layer, in the order `make bench` prints them. */
static const struct {
    const char *name;
    void (*run)(void);
} bench_groups[] = {
    {"field", bench_field},
    {"curve", bench_curve},
    {"pairing", bench_pairing},
    {"poly", bench_poly},
    {"sigma", bench_sigma},
    {"circuit", bench_circuit},
    {"groth16", bench_groth16},
    {"setup", bench_setup},
    {"stark", bench_stark},
    {"mnist", bench_mnist},
    {"zkml", bench_zkml},
};

static void print_bench_groups(FILE *out)
{
    for (size_t i = 0; i < ZK_ARRAY_LEN(bench_groups); i++)
        fprintf(out, "%s%s", i ? ", " : "", bench_groups[i].name);
}

static void usage(FILE *out)
{
    fputs("usage: zkcave [command] [args]\n"
          "\n"
          "With no command, opens the workbench (a terminal of at least 80x24).\n"
          "\n"
          "commands:\n"
          "  lessons        list the lessons and how far you are in each\n"
          "  lessons --reset N|all [--yes]\n"
          "                 clear lesson N's progress (or every lesson's) after asking y/N\n"
          "  lesson N [--restart]\n"
          "                 open lesson N in the workbench; --restart opens it at its\n"
          "                 first step with its exercises unsolved (others are kept)\n"
          "  check          your exercises, lesson by lesson; exits 1 while any is open\n"
          "  check-lessons [--no-run] [DIR]\n"
          "                 load every lesson, resolve and run its actions, and check\n"
          "                 every exercise against its own answer (for lesson authors)\n"
          "  mnist ...      train, evaluate, calibrate, quantize and predict with the\n"
          "                 seed CNN ('zkcave mnist help')\n"
          "  bench [GROUP]  print benchmark figures, one `name: value unit` a line;\n"
          "                 GROUP is one of: ",
          out);
    print_bench_groups(out);
    fputs(" (default: all)\n"
          "  circuit compile|witness|info ...   Circom to R1CS, witnesses (try 'circuit help')\n"
          "  ptau new|contribute|beacon|verify|prepare ...   powers of tau (snarkjs .ptau)\n"
          "  groth16 setup|prove|verify ...   Groth16 on BN254 with snarkjs files\n"
          "  zkey contribute|beacon|verify|export-vk|export ...   proving keys (.zkey)\n"
          "  stark prove|verify|airs\n"
          "                 STARK proofs of the built-in AIRs (zkcave stark help)\n"
          "  version        print the version, CPU and the kernels in use\n"
          "  help           this text\n"
          "\n"
          "workbench options (before the command):\n"
          "  --lessons DIR       read lessons from DIR (default: ./lessons)\n"
          "  --state DIR         keep progress in DIR/progress.json\n"
          "  --exports DIR       write exported PNGs (e) to DIR (default:\n"
          "                      $XDG_DATA_HOME/zkcave/exports, ~/.local/share/zkcave/exports);\n"
          "                      an export never replaces a file: name-2.png, name-3.png, ...\n"
          "  --data DIR          the MNIST files are in DIR (as ZKCAVE_MNIST=DIR)\n"
          "  --headless          no terminal: feed --keys, print the final screen as text;\n"
          "                      progress starts empty and is thrown away unless --state\n"
          "                      names a directory (XDG_STATE_HOME is not used)\n"
          "  --size COLSxROWS    the headless screen (default 100x30)\n"
          "  --keys \"n n Tab\"    keys for --headless, separated by spaces: one character,\n"
          "                      a name (Enter Tab BTab Esc BSpace Space Up Down Left Right\n"
          "                      PgUp PgDn Home End F1 F2 F3), 'text to type each\n"
          "                      character of text, or resize:COLSxROWS\n"
          "  --transcript FILE   with --headless: a line in FILE for each step shown, action\n"
          "                      run (with its time), answer revealed (F3) and checked\n"
          "  e.g. zkcave --headless --size 100x30 --keys \"n n n '6 Enter\" lesson 3\n"
          "\n"
          "environment:\n"
          "  ZKCAVE_THREADS=N         threads for parallel work (default: all CPUs)\n"
          "  ZKCAVE_KERNEL=portable   use the portable C kernels, no assembly\n"
          "  NO_COLOR=1               no colours in the workbench\n"
          "  XDG_STATE_HOME=DIR       progress goes to DIR/zkcave/progress.json\n"
          "                           (default ~/.local/state/zkcave/progress.json)\n"
          "  XDG_DATA_HOME=DIR        exports go to DIR/zkcave/exports\n"
          "  ZKCAVE_LESSONS=DIR       where the lessons are\n"
          "  ZKCAVE_MNIST=DIR         where MNIST is (default: ../shared/data/mnist from\n"
          "                           here, assets/mnist, or beside the program's tree)\n",
          out);
}

int cmd_bench(int argc, char **argv)
{
    if (argc > 1)
        return cli_error(CLI_USAGE, "bench takes at most one group name (try 'zkcave help')");
    bool found = argc == 0;
    for (size_t i = 0; i < ZK_ARRAY_LEN(bench_groups); i++)
        found |= argc == 1 && strcmp(argv[0], bench_groups[i].name) == 0;
    if (!found) {
        fprintf(stderr, "zkcave: no benchmark group '%s' (groups: ", argv[0]);
        print_bench_groups(stderr);
        fputs(")\n", stderr);
        return CLI_USAGE;
    }
    const zk_cpu *cpu = zk_cpu_get();
    printf("cpu: %s (%u threads; bmi2=%d adx=%d avx2=%d avx512f=%d avx512ifma=%d)\n",
           cpu->model, zk_pool_threads(), cpu->bmi2, cpu->adx, cpu->avx2, cpu->avx512f,
           cpu->avx512ifma);
    if (cpu->masked[0])
        printf("masked: %s (ZKCAVE_CPU_MASK)\n", cpu->masked);
    printf("kernels: %s\n", field_kernels());
    /* Timings on a shared machine depend on what else runs: say what did. */
    FILE *lf = fopen("/proc/loadavg", "r");
    double l1, l5, l15;
    if (lf && fscanf(lf, "%lf %lf %lf", &l1, &l5, &l15) == 3)
        printf("load: %.2f %.2f %.2f\n", l1, l5, l15);
    if (lf)
        fclose(lf);
    if (bench_tsc_ghz() > 0)
        printf("tsc: %.3f GHz\n", bench_tsc_ghz());
    fflush(stdout);
    for (size_t i = 0; i < ZK_ARRAY_LEN(bench_groups); i++) {
        if (argc == 0 || strcmp(argv[0], bench_groups[i].name) == 0)
            bench_groups[i].run();
    }
    return CLI_OK;
}

static int cmd_version(void)
{
    const zk_cpu *cpu = zk_cpu_get();
    printf("zkcave %s\ncpu: %s\n", ZKCAVE_VERSION, cpu->model);
    if (cpu->masked[0])
        printf("masked: %s (ZKCAVE_CPU_MASK)\n", cpu->masked);
    printf("kernels: %s\n", field_kernels());
    return CLI_OK;
}

int main(int argc, char **argv)
{
    zk_err err = field_init();
    if (err)
        return cli_error(CLI_USAGE, "cannot start: %s", zk_strerror(err));
    /* A misspelt mask would quietly test the wrong machine. */
    if (zk_cpu_get()->mask_unknown[0])
        return cli_error(CLI_USAGE, "ZKCAVE_CPU_MASK: no CPU feature '%s' (known: %s)",
                         zk_cpu_get()->mask_unknown, ZK_CPU_MASK_FEATURES);
    if (argc < 2)
        return tui_main();
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0)
        return cmd_version();
    if (strcmp(cmd, "bench") == 0)
        return cmd_bench(argc - 2, argv + 2);
    if (strcmp(cmd, "stark") == 0)
        return cmd_stark(argc - 2, argv + 2);
    if (strcmp(cmd, "lessons") == 0)
        return cmd_lessons(argc - 2, argv + 2);
    if (strcmp(cmd, "lesson") == 0)
        return cmd_lesson(argc - 2, argv + 2);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(cmd, "check-lessons") == 0)
        return cmd_check_lessons(argc - 2, argv + 2);
    if (strcmp(cmd, "mnist") == 0)
        return cmd_mnist(argc - 2, argv + 2);
    if (strncmp(cmd, "--", 2) == 0)
        return cmd_workbench(argc - 1, argv + 1);
    if (strcmp(cmd, "circuit") == 0)
        return cmd_circuit(argc - 2, argv + 2);
    if (strcmp(cmd, "groth16") == 0)
        return cmd_groth16(argc - 2, argv + 2);
    if (strcmp(cmd, "zkey") == 0)
        return cmd_zkey(argc - 2, argv + 2);
    if (strcmp(cmd, "ptau") == 0)
        return cmd_ptau(argc - 2, argv + 2);
    return cli_error(CLI_USAGE, "unknown command '%s' (try 'zkcave help')", cmd);
}
