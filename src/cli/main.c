/* zkcave: the workbench with no arguments, a command-line prover with them
 * (cli/commands.h runs the commands). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/core.h"
#include "field/field.h"
#include "tui/app.h"

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
    return cli_run(argc - 1, argv + 1);
}
