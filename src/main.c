/* main.c: start c3vis.
 *
 * One binary, two faces of src/app: the command line's modes (--dump,
 * --export, --version) run here without ever initialising GTK; only when
 * none is asked for does the window open.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "c3v-application.h"
#include "c3v-cli.h"

int
main (int argc, char *argv[])
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (C3vApplication) app = NULL;
  /* Lets the app run its translations from the build tree (meson devenv). */
  const char *localedir = g_getenv ("C3VIS_LOCALEDIR");
  char       *program[] = { argv[0], NULL };
  int         status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (c3v_cli_handle (&options, argv, &status))
    return status;

  /* The options are the application's; GApplication parses nothing more. */
  app = c3v_application_new (&options);

  return g_application_run (G_APPLICATION (app), 1, program);
}
