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

static void usage(FILE *out)
{
    fputs("usage: zkcave [command] [args]\n"
          "\n"
          "With no command, opens the workbench (a terminal of at least 80x24).\n"
          "\n"
          "commands:\n"
          "  bench [GROUP]  print benchmark figures, one `name: value unit` a line;\n"
          "                 GROUP is one of: field, sigma, circuit (default: all)\n"
          "  circuit compile|witness|info ...   Circom to R1CS, witnesses (try 'circuit help')\n"
          "  version        print the version, CPU and the kernels in use\n"
          "  help           this text\n"
          "\n"
          "environment:\n"
          "  ZKCAVE_THREADS=N         threads for parallel work (default: all CPUs)\n"
          "  ZKCAVE_KERNEL=portable   use the portable C kernels, no assembly\n"
          "  NO_COLOR=1               no colours in the workbench\n",
          out);
}

/* Benchmark groups, one per layer, in the order `make bench` prints them. */
static const struct {
    const char *name;
    void (*run)(void);
} bench_groups[] = {
    {"field", bench_field},
    {"sigma", bench_sigma},
    {"circuit", bench_circuit},
};

int cmd_bench(int argc, char **argv)
{
    if (argc > 1)
        return cli_error(CLI_USAGE, "bench takes at most one group name (try 'zkcave help')");
    bool found = argc == 0;
    for (size_t i = 0; i < ZK_ARRAY_LEN(bench_groups); i++)
        found |= argc == 1 && strcmp(argv[0], bench_groups[i].name) == 0;
    if (!found)
        return cli_error(CLI_USAGE, "no benchmark group '%s' (groups: field, sigma, circuit)", argv[0]);
    const zk_cpu *cpu = zk_cpu_get();
    printf("cpu: %s (%u threads; bmi2=%d adx=%d avx2=%d avx512f=%d avx512ifma=%d)\n",
           cpu->model, zk_pool_threads(), cpu->bmi2, cpu->adx, cpu->avx2, cpu->avx512f,
           cpu->avx512ifma);
    printf("kernels: %s\n", field_kernels());
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
    printf("zkcave %s\ncpu: %s\nkernels: %s\n", ZKCAVE_VERSION, cpu->model, field_kernels());
    return CLI_OK;
}

int main(int argc, char **argv)
{
    zk_err err = field_init();
    if (err)
        return cli_error(CLI_USAGE, "cannot start: %s", zk_strerror(err));
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
    if (strcmp(cmd, "circuit") == 0)
        return cmd_circuit(argc - 2, argv + 2);
    return cli_error(CLI_USAGE, "unknown command '%s' (try 'zkcave help')", cmd);
}
