/* main.c: start c3vis.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "c3v-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (C3vApplication) app = NULL;
  /* Lets the app run its translations from the build tree (meson devenv). */
  const char *localedir = g_getenv ("C3VIS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = c3v_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
