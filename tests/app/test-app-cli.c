/* test-app-cli.c: the command-line modes of src/app, run in-process against
 * the local ECS endpoint on loopback, with no GTK linked and no display.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "c3v-cli.h"
#include "c3v-export.h"
#include "c3v-fake-ecs.h"

typedef struct
{
  C3vFakeEcs *fake;
  char       *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->fake = c3v_fake_ecs_new (NULL);
  g_assert_true (c3v_fake_ecs_start (fixture->fake, 0, &error));
  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("c3vis-app-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->fake);
}

/* "c3vis --endpoint-url URL --region R" and then @first, ... (NULL-ended),
 * parsed as main.c does. */
static gboolean
parse (Fixture *fixture, C3vOptions *options, GError **error, const char *first, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  va_list args;

  g_strv_builder_add_many (builder, "c3vis", "--endpoint-url", c3v_fake_ecs_get_url (fixture->fake),
                           "--region", C3V_FAKE_ECS_REGION, NULL);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_strv_builder_add (builder, arg);
  va_end (args);
  argv = g_strv_builder_end (builder);

  return c3v_options_parse (options, argv, error);
}

/* Runs the modes @options ask for; returns what they printed. */
static char *
run (const C3vOptions *options, GError **error)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (out);

  g_assert_true (c3v_cli_wanted (options));
  c3v_cli_run (options, out, error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);

  return g_memory_output_stream_steal_data (memory);
}

static guint
count_calls (Fixture *fixture, const char *operation)
{
  GArray *log = c3v_fake_ecs_get_call_log (fixture->fake);
  guint   n = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_str_has_suffix (g_array_index (log, C3vFakeCall, i).operation, operation))
      n++;

  return n;
}

static void
test_dump_json (Fixture *fixture, gconstpointer data)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  C3vFakeCluster  *cluster
      = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fixture->fake), "staging", FALSE);
  JsonObject *root;

  g_assert_true (parse (fixture, &options, &error, "--cluster", "staging", "--dump", "json", NULL));
  g_assert_no_error (error);
  out = run (&options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c3v_cli_exit_status (error), ==, 0);

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "schema"), ==, 1);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (root, "cluster"), "name"), ==,
      "staging");
  /* What the endpoint serves, through the very client the window uses. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "instances")), ==,
                    cluster->instances->len);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "tasks")), >, 0);
  g_assert_cmpuint (count_calls (fixture, "ListContainerInstances"), >, 0);
}

static void
assert_png_width (const char *path, int width)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), >, 0);
  cairo_surface_destroy (png);
}

/* --dump and --export together: both written from one load. */
static void
test_dump_and_export_share_one_load (Fixture *fixture, gconstpointer data)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "staging.png", NULL);
  g_autofree char *out = NULL;

  g_assert_true (parse (fixture, &options, &error, "--cluster", "staging", "--dump", "json",
                        "--export", path, "--resource", "cpu", "--width", "800", NULL));
  out = run (&options, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (out, "{"));
  assert_png_width (path, 800);
  g_assert_cmpuint (count_calls (fixture, "DescribeClusters"), ==, 1);
}

static void
test_export_default_width (Fixture *fixture, gconstpointer data)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "production.png", NULL);
  g_autofree char *out = NULL;

  g_assert_true (
      parse (fixture, &options, &error, "--cluster", "production", "--export", path, NULL));
  out = run (&options, &error);
  g_assert_no_error (error);

  /* --export prints nothing: standard output stays free. */
  g_assert_cmpstr (out, ==, "");
  assert_png_width (path, 1600);
}

static void
test_version_runs_alone (Fixture *fixture, gconstpointer data)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (parse (fixture, &options, &error, "--version", "--cluster", "staging", "--dump",
                        "json", NULL));
  out = run (&options, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (out, ==, PACKAGE_NAME " " PACKAGE_VERSION "\n");
  g_assert_cmpuint (c3v_fake_ecs_get_call_log (fixture->fake)->len, ==, 0);
}

static void
test_window_options_run_nothing (Fixture *fixture, gconstpointer data)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (
      parse (fixture, &options, &error, "--profile", "prod", "--cluster", "web", "--demo", NULL));
  g_assert_no_error (error);
  g_assert_false (c3v_cli_wanted (&options));
  g_assert_cmpstr (options.profile, ==, "prod");
  g_assert_cmpstr (options.cluster, ==, "web");
  g_assert_true (options.demo);
}

typedef struct
{
  const char *args[8];
  const char *message; /* a part of the one line shown */
} UsageCase;

/* Options that cannot work fail with a G_OPTION_ERROR (exit status 2)
 * before anything is loaded. */
static void
test_usage_errors (Fixture *fixture, gconstpointer data)
{
  static const UsageCase cases[] = {
    { { "--bogus" }, "--bogus" },
    { { "--cluster", "staging", "--export", "x.png", "--width=abc" }, "abc" },
    { { "--cluster", "staging", "--export", "x.png", "--width=99999999999" }, "--width" },
    { { "--cluster", "staging", "--export", "x.png", "--width", "2000000000" }, "32767" },
    { { "--cluster", "staging", "--export", "x.png", "--width", "199" }, "200" },
    { { "--cluster", "staging", "--export", "x.png", "--resource", "disk" }, "--resource" },
    { { "--cluster", "staging", "--dump", "xml" }, "xml" },
    { { "--cluster", "staging", "--dump", "json", "staging" }, "“staging”" },
    { { "--dump", "json" }, "--dump needs --cluster" },
    { { "--export", "x.png" }, "--export needs --cluster" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *const *args = cases[i].args;
      g_auto (C3vOptions) options = { 0 };
      g_autoptr (GError) error = NULL;

      if (parse (fixture, &options, &error, args[0], args[1], args[2], args[3], args[4], args[5],
                 args[6], args[7], NULL))
        g_free (run (&options, &error));

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "no error");
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_OPTION_ERROR);
      g_assert_cmpint (c3v_cli_exit_status (error), ==, 2);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (strchr (error->message, '\n'));
      /* The command line has no zoom to suggest. */
      g_assert_null (strstr (error->message, "zoom"));
    }

  g_assert_cmpuint (c3v_fake_ecs_get_call_log (fixture->fake)->len, ==, 0);
}

/* A picture too tall for an image at the width asked for is shrunk until
 * it fits (issue 17): even a 200-pixel-wide export of the demo's
 * production cluster succeeds. (When not even heat strips fit, the one
 * line names the limit and advises a wider image: test-export's
 * too-large.) */
static void
test_export_narrow (Fixture *fixture, gconstpointer data)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "tall.png", NULL);
  g_autofree char *out = NULL;

  g_assert_true (parse (fixture, &options, &error, "--cluster", "production", "--export", path,
                        "--width", "200", NULL));
  out = run (&options, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_unknown_cluster_fails_with_1 (Fixture *fixture, gconstpointer data)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (
      parse (fixture, &options, &error, "--cluster", "no-such-cluster", "--dump", "json", NULL));
  out = run (&options, &error);

  g_assert_nonnull (error);
  g_assert_cmpint (c3v_cli_exit_status (error), ==, 1);
  g_assert_nonnull (strstr (error->message, "no-such-cluster"));
  g_assert_cmpstr (out, ==, "");
}

/* The whole command line as main.c runs it, in a child process: with
 * G_MESSAGES_DEBUG=all, every log line goes to standard error and standard
 * output holds only the JSON. */
static void
test_logs_go_to_stderr (void)
{
  if (g_test_subprocess ())
    {
      char      *argv[] = { (char *) "c3vis",
                            (char *) "--demo",
                            (char *) "--cluster",
                            (char *) "staging",
                            (char *) "--dump",
                            (char *) "json",
                            NULL };
      C3vOptions options = { 0 };
      int        status = -1;

      /* Before any thread starts: GLib reads it on each message. */
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      g_assert_true (c3v_cli_handle (&options, argv, &status));
      c3v_options_clear (&options);
      exit (status);
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);

  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("{\n*\"schema\" : 1,*}\n");
  g_test_trap_assert_stdout_unmatched ("*DEBUG*");
  g_test_trap_assert_stderr ("*DEBUG*ECS DescribeClusters: HTTP 200*");
}

static void
test_usage_error_exits_2 (void)
{
  if (g_test_subprocess ())
    {
      char      *argv[] = { (char *) "c3vis", (char *) "--width=abc", NULL };
      C3vOptions options = { 0 };
      int        status = -1;

      g_assert_true (c3v_cli_handle (&options, argv, &status));
      exit (status);
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("c3vis: *--width*\n");
  g_test_trap_assert_stderr_unmatched ("*\n*\n*");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* What the endpoint accepts, found the way the AWS CLI finds keys. */
  g_setenv ("AWS_ACCESS_KEY_ID", C3V_FAKE_ECS_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", C3V_FAKE_ECS_SECRET_ACCESS_KEY, TRUE);
  g_unsetenv ("AWS_PROFILE");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/app/cli/dump-json", test_dump_json);
  ADD ("/app/cli/dump-and-export-share-one-load", test_dump_and_export_share_one_load);
  ADD ("/app/cli/export-default-width", test_export_default_width);
  ADD ("/app/cli/version-runs-alone", test_version_runs_alone);
  ADD ("/app/cli/window-options-run-nothing", test_window_options_run_nothing);
  ADD ("/app/cli/usage-errors", test_usage_errors);
  ADD ("/app/cli/export-narrow", test_export_narrow);
  ADD ("/app/cli/unknown-cluster-fails-with-1", test_unknown_cluster_fails_with_1);
#undef ADD
  g_test_add_func ("/app/cli/logs-go-to-stderr", test_logs_go_to_stderr);
  g_test_add_func ("/app/cli/usage-error-exits-2", test_usage_error_exits_2);

  return g_test_run ();
}
