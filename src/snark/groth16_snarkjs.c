#include "snark/groth16_snarkjs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

bool groth16_snarkjs_find(char *path, size_t size)
{
    if (access("tests/interop/node_modules/.bin/snarkjs", X_OK) == 0) {
        snprintf(path, size, "tests/interop/node_modules/.bin/snarkjs");
        return true;
    }
    const char *env = getenv("PATH");
    if (!env)
        return false;
    char dirs[4096];
    snprintf(dirs, sizeof dirs, "%s", env);
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        snprintf(path, size, "%s/snarkjs", d);
        if (access(path, X_OK) == 0)
            return true;
    }
    return false;
}

/* snarkjs's logger colours its words (ESC [ ... m); the line without them. */
static void strip_colours(char *line)
{
    size_t k = 0;
    for (size_t i = 0; line[i] && line[i] != '\n' && line[i] != '\r'; i++) {
        if (line[i] == 0x1b) {
            while (line[i] && line[i] != 'm')
                i++;
            if (!line[i])
                break;
            continue;
        }
        line[k++] = line[i];
    }
    line[k] = '\0';
}

zk_err groth16_snarkjs_verify(groth16_snarkjs_answer *answer, char *said, size_t said_len,
                              const char *dir, const groth16_vk *vk, const fr_t *pub,
                              size_t n_pub, const groth16_proof *proof)
{
    char exe[4200];
    *answer = GROTH16_SNARKJS_ABSENT;
    if (said_len)
        said[0] = '\0';
    if (!groth16_snarkjs_find(exe, sizeof exe))
        return ZK_OK;
    char vkp[3200], pubp[3200], prp[3200], cmd[14000];
    snprintf(vkp, sizeof vkp, "%s/verification_key.json", dir);
    snprintf(pubp, sizeof pubp, "%s/public.json", dir);
    snprintf(prp, sizeof prp, "%s/proof.json", dir);
    cJSON *j[3] = {groth16_vk_to_json(vk), groth16_public_to_json(pub, n_pub),
                   groth16_proof_to_json(proof)};
    const char *paths[3] = {vkp, pubp, prp};
    zk_err err = ZK_OK;
    for (int i = 0; i < 3; i++) {
        if (!err)
            err = j[i] ? groth16_json_write(j[i], paths[i]) : ZK_ENOMEM;
        cJSON_Delete(j[i]);
    }
    if (err)
        return err;
    snprintf(cmd, sizeof cmd, "'%s' groth16 verify '%s' '%s' '%s' 2>&1", exe, vkp, pubp, prp);
    FILE *f = popen(cmd, "r");
    char line[512], last[512] = "";
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "snarkJS"))
            snprintf(last, sizeof last, "%s", line);
    int status = f ? pclose(f) : -1;
    strip_colours(last);
    bool ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && strstr(last, "OK");
    *answer = ok ? GROTH16_SNARKJS_OK : GROTH16_SNARKJS_REJECTED;
    if (said_len)
        snprintf(said, said_len, "%s", last);
    return ZK_OK;
}
