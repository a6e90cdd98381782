/* c3v-cli.c: --dump json and --export FILE.png, with no display.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "c3v-cli.h"
#include "c3v-connection.h"
#include "c3v-export.h"
#include "c3v-snapshot-json.h"
#include "c3v-theme.h"

typedef struct
{
  GMainLoop   *loop;
  C3vSnapshot *snapshot;
  GError      *error;
  gboolean     show_progress;
} CliLoad;

static void
cli_error (const char *message)
{
  g_printerr ("c3vis: %s\n", message);
}

static gboolean
check_options (const C3vOptions *options, C3vResource *resource)
{
  if (options->dump_format != NULL && g_strcmp0 (options->dump_format, "json") != 0)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("unknown --dump format “%s”: only “json” is supported"), options->dump_format);
      cli_error (message);
      return FALSE;
    }

  if (options->cluster == NULL || *options->cluster == '\0')
    {
      cli_error (_ ("--dump and --export need --cluster NAME"));
      return FALSE;
    }

  if (options->resource == NULL || g_str_equal (options->resource, "memory"))
    *resource = C3V_RESOURCE_MEMORY;
  else if (g_str_equal (options->resource, "cpu"))
    *resource = C3V_RESOURCE_CPU;
  else
    {
      cli_error (_ ("--resource must be “memory” or “cpu”"));
      return FALSE;
    }

  if (options->width < 0)
    {
      cli_error (_ ("--width must be a positive number of pixels"));
      return FALSE;
    }

  return TRUE;
}

static void
on_progress (C3vLoader *loader, const char *phase, guint done, guint total, gpointer user_data)
{
  CliLoad *load = user_data;

  if (load->show_progress)
    g_printerr ("\r\033[K%s %u/%u", phase, done, total);
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CliLoad *load = user_data;

  load->snapshot = c3v_loader_load_finish (C3V_LOADER (source), result, NULL, &load->error);
  g_main_loop_quit (load->loop);
}

static C3vSnapshot *
load_cluster (C3vConnection *connection, const char *cluster, GError **error)
{
  C3vLoader *loader = c3v_connection_get_loader (connection);
  CliLoad    load = { NULL, NULL, NULL, isatty (STDERR_FILENO) };
  gulong     handler;

  load.loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (loader, "progress", G_CALLBACK (on_progress), &load);
  c3v_loader_load_async (loader, cluster, NULL, on_loaded, &load);
  g_main_loop_run (load.loop);
  g_signal_handler_disconnect (loader, handler);
  g_main_loop_unref (load.loop);

  if (load.show_progress)
    g_printerr ("\r\033[K");

  if (load.error != NULL)
    g_propagate_error (error, load.error);

  return load.snapshot;
}

static gboolean
write_dump (C3vSnapshot *snapshot)
{
  g_autofree char *json = c3v_snapshot_to_json (snapshot);

  return fputs (json, stdout) >= 0 && fflush (stdout) == 0;
}

int
c3v_cli_run (const C3vOptions *options)
{
  g_autoptr (C3vConnection) connection = NULL;
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (GError) error = NULL;
  C3vResource resource = C3V_RESOURCE_MEMORY;

  if (!check_options (options, &resource))
    return 2;

  if (options->demo)
    connection = c3v_connection_new_demo (&error);
  else
    connection
        = c3v_connection_new (options->profile, options->region, options->endpoint_url, &error);

  if (connection != NULL)
    snapshot = load_cluster (connection, options->cluster, &error);

  if (snapshot == NULL)
    {
      cli_error (error->message);
      return 1;
    }

  if (options->dump_format != NULL && !write_dump (snapshot))
    {
      cli_error (_ ("could not write to standard output"));
      return 1;
    }

  if (options->export_path != NULL
      && !c3v_export_png (snapshot, options->export_path, resource,
                          options->width > 0 ? options->width : C3V_EXPORT_DEFAULT_WIDTH,
                          c3v_theme_get_light (), &error))
    {
      cli_error (error->message);
      return 1;
    }

  return 0;
}
