/* One seeded mutation of a file (tests/support/zk_mutate.h), for the CLI
 * mutation driver tests/fuzz/mutate.sh:
 *
 *   mutate IN OUT SEED */
#include <stdio.h>
#include <stdlib.h>

#include "zk_mutate.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: mutate IN OUT SEED\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        return 2;
    long len = ftell(f);
    rewind(f);
    size_t n = len > 0 ? (size_t)len : 0, cap = 2 * n + 4096;
    unsigned char *b = malloc(cap);
    if (!b || fread(b, 1, n, f) != n)
        return 2;
    fclose(f);
    n = zk_mutate(b, n, cap, strtoull(argv[3], NULL, 10));
    f = fopen(argv[2], "wb");
    int bad = !f || fwrite(b, 1, n, f) != n;
    if (f && fclose(f) != 0)
        bad = 1;
    free(b);
    return bad ? 2 : 0;
}
