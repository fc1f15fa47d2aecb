#include "snark/contrib.h"

#include <string.h>

zk_err contrib_params_get(const contrib_params *q, const uint8_t *p, size_t len)
{
    size_t i = 0;
    unsigned last = 0;
    while (i < len) {
        unsigned tag = p[i++];
        if (tag <= last || tag > 3 || i >= len)
            return ZK_EFORMAT;
        last = tag;
        if (tag == 2) {
            *q->beacon_exp = p[i++];
            continue;
        }
        size_t l = p[i++];
        if (l > len - i || (tag == 1 && l > 64))
            return ZK_EFORMAT;
        if (tag == 1) {
            memcpy(q->name, p + i, l);
            q->name[l] = 0;
        } else {
            memcpy(q->beacon, p + i, l);
            *q->beacon_len = (uint8_t)l;
        }
        i += l;
    }
    return ZK_OK;
}

size_t contrib_params_put(uint8_t *out, const char *name, bool beacon, uint8_t beacon_exp,
                                  const uint8_t *beacon_hash, uint8_t beacon_len)
{
    size_t n = 0, l = strnlen(name, 64);
    if (l) {
        out[n++] = 1;
        out[n++] = (uint8_t)l;
        memcpy(out + n, name, l);
        n += l;
    }
    if (beacon) {
        out[n++] = 2;
        out[n++] = beacon_exp;
        out[n++] = 3;
        out[n++] = beacon_len;
        memcpy(out + n, beacon_hash, beacon_len);
        n += beacon_len;
    }
    return n;
}
