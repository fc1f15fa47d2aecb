/* zkcave ptau ...: powers-of-tau ceremonies in snarkjs's .ptau format. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_snark.h"

int cmd_ptau(int argc, char **argv)
{
    (void)argv;
    (void)argc;
    return cli_error(CLI_USAGE, "ptau: not yet");
}
