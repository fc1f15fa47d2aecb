/* Text read from a file (a contribution's name, an input's key) made safe
 * for the terminal where it is printed: a crafted file must not clear the
 * screen or retitle the window (core/text.h says what is escaped). */
#include <string.h>

#include "cli/cli.h"
#include "core/text.h"

const char *cli_text(const char *s)
{
    /* Several per printf: each call takes the next buffer. */
    static char buf[4][ZK_TEXT_ESCAPED_MAX(1024)];
    static unsigned next;
    char *b = buf[next++ % 4];
    zk_text_escape(b, sizeof buf[0], s, strlen(s));
    return b;
}
