/* c3v-cli.h: the headless commands, --dump and --export.
 *
 * They never initialise GTK, so they work with no display.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-options.h"

G_BEGIN_DECLS

/* Returns the process exit status. */
int c3v_cli_run (const C3vOptions *options);

G_END_DECLS
