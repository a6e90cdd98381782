/* c3v-cli.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-cli.h"

int
c3v_cli_run (const C3vOptions *options)
{
  g_printerr ("c3vis: %s\n", _("--dump and --export are not yet available"));
  return 2;
}
