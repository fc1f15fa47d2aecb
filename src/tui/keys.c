/* Key scripts for headless mode and tests (the syntax is in tui/app.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app.h"

static const struct {
    const char *name;
    int key;
} named[] = {
    {"Enter", TK_ENTER}, {"Tab", TK_TAB},     {"BTab", TK_BTAB},   {"Esc", TK_ESC},
    {"BSpace", TK_BACKSPACE}, {"Space", ' '}, {"Up", TK_UP},       {"Down", TK_DOWN},
    {"Left", TK_LEFT},   {"Right", TK_RIGHT}, {"PgUp", TK_PGUP},   {"PgDn", TK_PGDN},
    {"Home", TK_HOME},   {"End", TK_END},     {"Delete", TK_DELETE}, {"F1", TK_F1},
    {"F2", TK_F2},       {"F3", TK_F3},       {"C-u", TK_CTRL_U},
};

static zk_err add(tui_input *out, size_t max, size_t *n, int key, int cols, int rows)
{
    if (*n >= max)
        return ZK_EOVERFLOW;
    out[*n].key = key;
    out[*n].cols = cols;
    out[*n].rows = rows;
    (*n)++;
    return ZK_OK;
}

/* "click:X,Y", "drag:X,Y", "up:X,Y": true with the event (key -1 for
 * another word before the colon). */
static bool mouse_token(const char *tok, int *key, int *x, int *y)
{
    static const struct {
        const char *word;
        int key;
    } kinds[] = {{"click", TK_MOUSE_DOWN}, {"drag", TK_MOUSE_DRAG}, {"up", TK_MOUSE_UP}};
    char word[16], extra;
    if (sscanf(tok, "%15[a-z]:%d,%d%c", word, x, y, &extra) != 3)
        return false;
    *key = -1;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(word, kinds[i].word) == 0)
            *key = kinds[i].key;
    return true;
}

zk_err tui_keys_parse(const char *script, tui_input *out, size_t max, size_t *n, char *why,
                      size_t why_len)
{
    *n = 0;
    const char *p = script ? script : "";
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " ");
        char tok[256];
        if (len >= sizeof tok) {
            snprintf(why, why_len, "key token too long: %.20s...", p);
            return ZK_EPARSE;
        }
        memcpy(tok, p, len);
        tok[len] = '\0';
        p += len;
        zk_err err = ZK_OK;
        int cols, rows, key;
        char extra;
        if (tok[0] == '\'' && len > 1) {
            for (size_t i = 1; i < len && !err; i++)
                err = add(out, max, n, (unsigned char)tok[i], 0, 0);
        } else if (len == 1) {
            err = add(out, max, n, (unsigned char)tok[0], 0, 0);
        } else if (strchr(tok, ',') && mouse_token(tok, &key, &cols, &rows)) {
            if (key < 0 || cols < 0 || rows < 0 || cols > 1000 || rows > 1000) {
                snprintf(why, why_len, "bad mouse event '%s'", tok);
                return ZK_EPARSE;
            }
            err = add(out, max, n, key, cols, rows);
        } else if (strcmp(tok, "print") == 0) {
            err = add(out, max, n, TK_PRINT, 0, 0);
        } else if (sscanf(tok, "resize:%dx%d%c", &cols, &rows, &extra) == 2) {
            if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000) {
                snprintf(why, why_len, "bad size in '%s'", tok);
                return ZK_EPARSE;
            }
            err = add(out, max, n, TK_RESIZE, cols, rows);
        } else {
            size_t i = 0;
            while (i < sizeof named / sizeof named[0] && strcmp(named[i].name, tok) != 0)
                i++;
            if (i == sizeof named / sizeof named[0]) {
                snprintf(why, why_len, "unknown key '%s' (see 'zkcave help')", tok);
                return ZK_EPARSE;
            }
            err = add(out, max, n, named[i].key, 0, 0);
        }
        if (err) {
            snprintf(why, why_len, "more than %zu keys", max);
            return err;
        }
    }
    return ZK_OK;
}
