/* c3v-cli.h: the command-line modes (--version, --dump, --export, --fit,
 * --drain).
 *
 * They never initialise GTK, so they work with no display. Each mode is
 * one row of a table in c3v-cli.c: whether the options ask for it, what it
 * needs (a cluster), and what it does.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "c3v-options.h"

G_BEGIN_DECLS

/* --fit found no room, --drain left a task pending: exit status 3. */
#define C3V_CLI_ERROR (c3v_cli_error_quark ())

typedef enum
{
  C3V_CLI_ERROR_NO_ROOM,
} C3vCliError;

GQuark c3v_cli_error_quark (void);

/* Whether @options ask for a mode that runs without a window. */
gboolean c3v_cli_wanted (const C3vOptions *options);
/* Runs every mode @options ask for, writing what they print to @out. On
 * failure, @error is one line to show the user: a G_OPTION_ERROR for
 * options that cannot work (checked before anything is loaded), else
 * what failed. */
gboolean c3v_cli_run (const C3vOptions *options, GOutputStream *out, GError **error);
/* The process exit status for the outcome of parsing and running: 0, 2 for
 * options that cannot work, 3 for C3V_CLI_ERROR_NO_ROOM, 1 for anything
 * else. */
int c3v_cli_exit_status (const GError *error);
/* The command line, parsed into @options: a usage error is printed (one
 * line, "c3vis: " first) and a mode that needs no window is run, with
 * every log line on standard error so that standard output holds only what
 * the mode prints. Returns TRUE with *@exit_status when done, FALSE when
 * the window should open with @options. */
gboolean c3v_cli_handle (C3vOptions *options, char **argv, int *exit_status);

G_END_DECLS
