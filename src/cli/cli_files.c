/* The files of a command: outputs that never overwrite an input and
 * appear together or not at all, and one way of naming a file that failed
 * (core/file.h does the work; this prints its one line). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cli_file_error(const char *cmd, bool writing, const char *path, zk_err err, const char *why)
{
    const char *failed = zk_file_which(err, NULL);
    if (failed)
        writing = zk_file_was_write(err);
    return cli_error(CLI_USAGE, "%s: cannot %s %s: %s", cmd, writing ? "write" : "read",
                     failed ? failed : path, why ? why : zk_file_why(err));
}

int cli_files_check(const char *cmd, const zk_file_arg *args, size_t n)
{
    size_t a, b;
    zk_err err = zk_file_args_check(args, n, &a, &b);
    if (err == ZK_ESAMEFILE)
        return cli_error(CLI_USAGE, "%s: output %s (the %s) is the same file as %s %s (the %s); "
                         "nothing was written", cmd, args[a].path, args[a].role,
                         args[b].output ? "output" : "input", args[b].path, args[b].role);
    return err ? cli_file_error(cmd, true, args[a].path, err, NULL) : CLI_OK;
}

int cli_outputs_begin(const char *cmd, const zk_file_arg *args, size_t n)
{
    int rc = cli_files_check(cmd, args, n);
    if (rc)
        return rc;
    zk_err err = zk_outputs_begin();
    return err ? cli_error(CLI_USAGE, "%s: %s", cmd, zk_strerror(err)) : CLI_OK;
}

int cli_outputs_end(const char *cmd, int rc)
{
    char written[1024];
    zk_err err = zk_outputs_end(rc == CLI_OK ? ZK_OK : ZK_ECANCELLED, written, sizeof written);
    if (rc != CLI_OK || !err)
        return rc;
    if (!written[0])
        return cli_file_error(cmd, true, "the outputs", err, NULL);
    return cli_error(CLI_USAGE, "%s: cannot write %s: %s (%s %s written already, the rest not)", cmd,
                     zk_file_which(err, "an output"), zk_file_why(err), written,
                     strchr(written, ',') ? "were" : "was");
}
