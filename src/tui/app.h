/* The workbench: the full-screen terminal application. */
#ifndef ZK_TUI_APP_H
#define ZK_TUI_APP_H

/* Runs the workbench until the user quits; returns the process exit code
 * (2 with a one-line message when there is no usable terminal). */
int tui_main(void);

#endif
