/* zkcave zkey ...: phase-2 contributions, verification and exports of
 * snarkjs .zkey files. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_snark.h"

static void zkey_usage(FILE *out)
{
    fputs("usage:\n"
          "  zkcave zkey export-vk F.zkey vk.json   the verification key, as snarkjs writes it\n",
          out);
}

int cmd_zkey(int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "help") == 0) {
        zkey_usage(argc < 1 ? stderr : stdout);
        return argc < 1 ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(argv[0], "export-vk") == 0)
        return zkey_export_vk_cmd(argc - 1, argv + 1);
    if (strcmp(argv[0], "export") == 0 && argc >= 2 && strcmp(argv[1], "verificationkey") == 0)
        return zkey_export_vk_cmd(argc - 2, argv + 2);
    return cli_error(CLI_USAGE, "unknown zkey command '%s' (try 'zkcave zkey help')", argv[0]);
}
