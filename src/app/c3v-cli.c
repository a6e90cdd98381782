/* c3v-cli.c: the command-line modes, with no display.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "c3v-cli-fit.h"
#include "c3v-cli.h"
#include "c3v-connection.h"
#include "c3v-export.h"
#include "c3v-snapshot-json.h"
#include "c3v-theme.h"

/* One run of the command line: what the modes share. The cluster is loaded
 * once, on first use, so --dump and --export together load it once. */
typedef struct
{
  const C3vOptions *options;
  GOutputStream    *out;
  C3vConnection    *connection;
  C3vSnapshot      *snapshot;
} CliRun;

typedef struct
{
  const char *option; /* how the user asks for it, for messages */
  gboolean (*wanted) (const C3vOptions *options);
  gboolean needs_cluster;
  gboolean alone; /* when asked for, no other mode runs */
  gboolean (*run) (CliRun *run, GError **error);
} CliMode;

/* ---------------------------------------------------------------- loading */

typedef struct
{
  GMainLoop   *loop;
  C3vSnapshot *snapshot;
  GError      *error;
  gboolean     show_progress;
} CliLoad;

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

static C3vConnection *
cli_connection (CliRun *run, GError **error)
{
  const C3vOptions *options = run->options;

  if (run->connection == NULL)
    run->connection = options->demo ? c3v_connection_new_demo (error)
                                    : c3v_connection_new (options->profile, options->region,
                                                          options->endpoint_url, error);
  return run->connection;
}

/* The snapshot of --cluster, loaded on first use. */
static C3vSnapshot *
cli_snapshot (CliRun *run, GError **error)
{
  C3vConnection *connection;

  if (run->snapshot != NULL)
    return run->snapshot;

  connection = cli_connection (run, error);
  if (connection != NULL)
    run->snapshot = load_cluster (connection, run->options->cluster, error);

  return run->snapshot;
}

/* ---------------------------------------------------------------- modes */

static gboolean
cli_write (CliRun *run, const char *text)
{
  if (g_output_stream_write_all (run->out, text, strlen (text), NULL, NULL, NULL)
      && g_output_stream_flush (run->out, NULL, NULL))
    return TRUE;

  return FALSE;
}

static gboolean
wants_version (const C3vOptions *options)
{
  return options->version;
}

static gboolean
run_version (CliRun *run, GError **error)
{
  g_autofree char *line = g_strdup_printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);

  if (cli_write (run, line))
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("could not write to standard output"));
  return FALSE;
}

/* With --fit or --drain, --dump json is the format of their answer. */
static gboolean
wants_dump (const C3vOptions *options)
{
  return options->dump_format != NULL && options->fit == NULL && options->drain == NULL;
}

static gboolean
run_dump (CliRun *run, GError **error)
{
  C3vSnapshot     *snapshot = cli_snapshot (run, error);
  g_autofree char *json = NULL;

  if (snapshot == NULL)
    return FALSE;

  json = c3v_snapshot_to_json (snapshot);
  if (cli_write (run, json))
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("could not write to standard output"));
  return FALSE;
}

static gboolean
wants_export (const C3vOptions *options)
{
  return options->export_path != NULL;
}

static gboolean
run_export (CliRun *run, GError **error)
{
  const C3vOptions *options = run->options;
  C3vSnapshot      *snapshot = cli_snapshot (run, error);
  C3vResource       resource
      = g_strcmp0 (options->resource, "cpu") == 0 ? C3V_RESOURCE_CPU : C3V_RESOURCE_MEMORY;

  return snapshot != NULL
         && c3v_export_png (snapshot, options->export_path, resource,
                            options->width > 0 ? options->width : C3V_EXPORT_DEFAULT_WIDTH,
                            c3v_theme_get_light (), error);
}

static gboolean
wants_fit (const C3vOptions *options)
{
  return options->fit != NULL;
}

static gboolean
wants_drain (const C3vOptions *options)
{
  return options->drain != NULL;
}

typedef char *(*CliAnswer) (C3vSnapshot *snapshot, C3vEcsClient *client, const C3vOptions *options,
                            gboolean json, gboolean *fits, GError **error);

/* Prints the answer; "no room" is an error of its own (exit status 3). */
static gboolean
run_answer (CliRun *run, CliAnswer answer, GError **error)
{
  C3vSnapshot     *snapshot = cli_snapshot (run, error);
  gboolean         fits = FALSE;
  g_autofree char *text = NULL;

  if (snapshot == NULL)
    return FALSE;

  text = answer (snapshot, c3v_loader_get_client (c3v_connection_get_loader (run->connection)),
                 run->options, run->options->dump_format != NULL, &fits, error);
  if (text == NULL)
    return FALSE;

  if (!cli_write (run, text))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("could not write to standard output"));
      return FALSE;
    }
  if (!fits)
    {
      g_set_error_literal (error, C3V_CLI_ERROR, C3V_CLI_ERROR_NO_ROOM, _ ("no room"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_fit (CliRun *run, GError **error)
{
  return run_answer (run, c3v_cli_fit_answer, error);
}

static gboolean
run_drain (CliRun *run, GError **error)
{
  return run_answer (run, c3v_cli_drain_answer, error);
}

/* In the order they run. A new mode (--logs, --fit, --at, --diff, --fleet,
 * --record) is its option in c3v-options.c and one row here; one that shows
 * the cluster gets its snapshot from cli_snapshot(), loaded once for all. */
static const CliMode cli_modes[] = {
  { .option = "--version", .wanted = wants_version, .alone = TRUE, .run = run_version },
  { .option = "--dump", .wanted = wants_dump, .needs_cluster = TRUE, .run = run_dump },
  { .option = "--export", .wanted = wants_export, .needs_cluster = TRUE, .run = run_export },
  { .option = "--fit", .wanted = wants_fit, .needs_cluster = TRUE, .run = run_fit },
  { .option = "--drain", .wanted = wants_drain, .needs_cluster = TRUE, .run = run_drain },
};

/* ---------------------------------------------------------------- running */

gboolean
c3v_cli_wanted (const C3vOptions *options)
{
  for (guint i = 0; i < G_N_ELEMENTS (cli_modes); i++)
    if (cli_modes[i].wanted (options))
      return TRUE;

  return FALSE;
}

/* The modes to run, or NULL with a usage error: checked before any of them
 * runs, so bad options fail before anything is loaded. */
static GPtrArray *
modes_to_run (const C3vOptions *options, GError **error)
{
  g_autoptr (GPtrArray) modes = g_ptr_array_new ();

  if (!c3v_options_check (options, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cli_modes); i++)
    {
      const CliMode *mode = &cli_modes[i];

      if (!mode->wanted (options))
        continue;

      if (mode->alone)
        {
          g_ptr_array_set_size (modes, 0);
          g_ptr_array_add (modes, (gpointer) mode);
          break;
        }

      if (mode->needs_cluster && (options->cluster == NULL || *options->cluster == '\0'))
        {
          /* Translators: %s is a command-line option, such as --dump. */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _ ("%s needs --cluster NAME"),
                       mode->option);
          return NULL;
        }

      g_ptr_array_add (modes, (gpointer) mode);
    }

  return g_steal_pointer (&modes);
}

gboolean
c3v_cli_run (const C3vOptions *options, GOutputStream *out, GError **error)
{
  g_autoptr (GPtrArray) modes = modes_to_run (options, error);
  CliRun   run = { options, out, NULL, NULL };
  gboolean ok = modes != NULL;

  for (guint i = 0; ok && i < modes->len; i++)
    {
      const CliMode *mode = g_ptr_array_index (modes, i);

      ok = mode->run (&run, error);
    }

  g_clear_pointer (&run.snapshot, c3v_snapshot_unref);
  g_clear_object (&run.connection);
  return ok;
}

G_DEFINE_QUARK (c3v - cli - error - quark, c3v_cli_error)

int
c3v_cli_exit_status (const GError *error)
{
  if (error == NULL)
    return 0;
  if (g_error_matches (error, C3V_CLI_ERROR, C3V_CLI_ERROR_NO_ROOM))
    return 3;

  return error->domain == G_OPTION_ERROR ? 2 : 1;
}

static int
report (const GError *error)
{
  /* The answer printed says it; standard error stays for failures. */
  if (error != NULL && !g_error_matches (error, C3V_CLI_ERROR, C3V_CLI_ERROR_NO_ROOM))
    g_printerr ("c3vis: %s\n", error->message);

  return c3v_cli_exit_status (error);
}

gboolean
c3v_cli_handle (C3vOptions *options, char **argv, int *exit_status)
{
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GError) error = NULL;

  if (!c3v_options_parse (options, argv, &error))
    {
      *exit_status = report (error);
      return TRUE;
    }

  if (!c3v_cli_wanted (options))
    return FALSE;

  /* GLib writes debug and info lines to standard output by default, which
   * would corrupt what the modes print there (G_MESSAGES_DEBUG=all). Set
   * before any thread starts, as GLib asks. */
  g_log_writer_default_set_use_stderr (TRUE);

  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  c3v_cli_run (options, out, &error);
  *exit_status = report (error);
  return TRUE;
}
