/* c3vis-fake-ecs.c: the fake ECS endpoint as a program, for the AWS CLI,
 * benchmarks and trying c3vis by hand.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "c3v-fake-ecs.h"
#include "c3v-fake-logs.h"
#include "c3v-fake-throttle.h"

static gboolean
quit_on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* One JSON object per line, so a benchmark can read the log while the
 * server still runs. */
static void
write_call (C3vFakeEcs *fake, const char *operation, guint status, gint64 time_us,
            gpointer user_data)
{
  FILE            *file = user_data;
  g_autofree char *escaped = g_strescape (operation, NULL);

  fprintf (file, "{\"operation\": \"%s\", \"time_us\": %" G_GINT64_FORMAT ", \"status\": %u}\n",
           escaped, time_us, status);
  fflush (file);
}

static const struct
{
  const char  *name;
  C3vFakeFault fault;
} fault_names[] = {
  { "throttle", C3V_FAKE_FAULT_THROTTLE },
  { "server-error", C3V_FAKE_FAULT_SERVER_ERROR },
  { "malformed", C3V_FAKE_FAULT_MALFORMED },
  { "truncated", C3V_FAKE_FAULT_TRUNCATED },
  { "drop", C3V_FAKE_FAULT_DROP },
  { "deep-json", C3V_FAKE_FAULT_DEEP_JSON },
  { "endless-pagination", C3V_FAKE_FAULT_ENDLESS_PAGINATION },
  { "trickle", C3V_FAKE_FAULT_TRICKLE },
  { "oversize", C3V_FAKE_FAULT_OVERSIZE },
  { "redirect", C3V_FAKE_FAULT_REDIRECT },
};

/* "[OPERATION:]KIND[:COUNT]", e.g. "ListTasks:throttle:3" or "drop". */
static gboolean
add_fault_spec (C3vFakeEcs *fake, const char *spec)
{
  g_auto (GStrv) parts = g_strsplit (spec, ":", 3);
  guint       n = g_strv_length (parts);
  guint       kind_at = n >= 2 && g_ascii_isupper (parts[0][0]) ? 1 : 0;
  const char *operation = kind_at == 1 ? parts[0] : NULL;
  guint64     count = 1;

  if (n == 0 || kind_at >= n)
    return FALSE;
  if (kind_at + 1 < n
      && !g_ascii_string_to_unsigned (parts[kind_at + 1], 10, 1, G_MAXUINT, &count, NULL))
    return FALSE;
  if (kind_at + 2 < n)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (g_str_equal (parts[kind_at], fault_names[i].name))
      {
        c3v_fake_ecs_add_fault (fake, operation, fault_names[i].fault, (guint) count);
        return TRUE;
      }

  return FALSE;
}

/* "NAME[:AFTER_CALLS]": the cluster vanishes once that many calls are answered. */
static gboolean
add_deletion_spec (C3vFakeEcs *fake, const char *spec)
{
  g_auto (GStrv) parts = g_strsplit (spec, ":", 2);
  guint64 after = 0;

  if (parts[0] == NULL || *parts[0] == '\0')
    return FALSE;
  if (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &after, NULL))
    return FALSE;

  c3v_fake_ecs_delete_cluster (fake, parts[0], (guint) after);
  return TRUE;
}

static gboolean
add_specs (C3vFakeEcs *fake, char **specs, gboolean (*add) (C3vFakeEcs *, const char *))
{
  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    if (!add (fake, specs[i]))
      {
        g_printerr ("%s: “%s”\n", _ ("An option is out of range; see --help."), specs[i]);
        return FALSE;
      }

  return TRUE;
}

static const char summary[]
    = "Serves the Amazon ECS JSON 1.1 API on 127.0.0.1 over a seeded synthetic\n"
      "account, and verifies SigV4 signatures like AWS does. The same port\n"
      "answers CloudWatch Logs GetLogEvents (group " C3V_FAKE_LOGS_GROUP
      ", stream " C3V_FAKE_LOGS_STREAM ")\n"
      "and refuses what no service it knows would take (UnknownOperationException).\n"
      "\n"
      "Unless told otherwise it accepts:\n"
      "  access key ID      " C3V_FAKE_ECS_ACCESS_KEY_ID "\n"
      "  secret access key  " C3V_FAKE_ECS_SECRET_ACCESS_KEY "\n"
      "  region             " C3V_FAKE_ECS_REGION "\n"
      "\n"
      "The first line on standard output is \"listening on http://127.0.0.1:PORT\".\n"
      "\n"
      "Faults: --fault=[OPERATION:]KIND[:COUNT] makes the next COUNT calls (of\n"
      "OPERATION, or of any) fail; KIND is throttle, server-error, malformed,\n"
      "truncated or drop. --delete-cluster=NAME[:AFTER] deletes a cluster once\n"
      "AFTER more calls have been answered. Both may be repeated.\n"
      "\n"
      "Hostile endpoints, the same way: deep-json answers 100,000 nested \"[\";\n"
      "endless-pagination gives a list a fresh nextToken on every page, forever;\n"
      "trickle sends the answer one byte a second (--trickle-ms); oversize sends\n"
      "a 64 MB answer; redirect answers 307 to another path of the endpoint,\n"
      "which refuses (HTTP 421) and warns about whatever a client sends there.";

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vFakeEcs) fake = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char  *access_key = NULL;
  g_autofree char  *secret_key = NULL;
  g_autofree char  *session_token = NULL;
  g_autofree char  *region = NULL;
  g_autofree char  *call_log = NULL;
  FILE             *call_log_file = NULL;
  C3vFakeEcsOptions options = { 0 };
  int               port = 0;
  int               seed = 0;
  int               instances = 0;
  int               tasks = 0;
  int               latency_ms = 0;
  int               trickle_ms = 1000;
  double            throttle_rate = 0;
  double            error_rate = 0;
  g_autofree char  *token_bucket = NULL;
  g_auto (GStrv) faults = NULL;
  g_auto (GStrv) deletions = NULL;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0 picks a free one)", "N" },
    { "access-key", 0, 0, G_OPTION_ARG_STRING, &access_key, "Access key ID to accept", "ID" },
    { "secret-key", 0, 0, G_OPTION_ARG_STRING, &secret_key, "Secret access key to verify with",
      "KEY" },
    { "session-token", 0, 0, G_OPTION_ARG_STRING, &session_token,
      "Session token requests must carry", "TOKEN" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      "Region of the endpoint (" C3V_FAKE_ECS_REGION ")", "REGION" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the synthetic account (0)", "N" },
    { "instances", 0, 0, G_OPTION_ARG_INT, &instances,
      "Container instances in cluster \"production\" (300)", "N" },
    { "tasks", 0, 0, G_OPTION_ARG_INT, &tasks, "Tasks in cluster \"production\" (3000)", "N" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay added to every answer", "MS" },
    { "trickle-ms", 0, 0, G_OPTION_ARG_INT, &trickle_ms,
      "Pause between the bytes of a trickled answer (1000)", "MS" },
    { "throttle-rate", 0, 0, G_OPTION_ARG_DOUBLE, &throttle_rate, "Share of calls throttled (0..1)",
      "RATE" },
    { "error-rate", 0, 0, G_OPTION_ARG_DOUBLE, &error_rate,
      "Share of calls answered with HTTP 500 (0..1)", "RATE" },
    { "token-bucket", 0, 0, G_OPTION_ARG_STRING, &token_bucket,
      "Throttle like ECS: a bucket per action group, e.g. 50:20 (50 burst, 20 per second)",
      "CAPACITY:REFILL" },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults, "Inject a fault (see above)",
      "[OP:]KIND[:N]" },
    { "delete-cluster", 0, 0, G_OPTION_ARG_STRING_ARRAY, &deletions,
      "Delete a cluster after N more calls (see above)", "NAME[:N]" },
    { "call-log", 0, 0, G_OPTION_ARG_FILENAME, &call_log, "Append each call as a JSON line to FILE",
      "FILE" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > 65535 || instances < 0 || tasks < 0 || latency_ms < 0 || trickle_ms <= 0
      || throttle_rate < 0 || throttle_rate > 1 || error_rate < 0 || error_rate > 1)
    {
      g_printerr ("%s\n", _ ("An option is out of range; see --help."));
      return EXIT_FAILURE;
    }

  options.seed = (guint32) seed;
  options.access_key_id = access_key;
  options.secret_access_key = secret_key;
  options.session_token = session_token;
  options.region = region;
  options.large_instances = (guint) instances;
  options.large_tasks = (guint) tasks;
  options.latency_ms = (guint) latency_ms;
  options.throttle_rate = throttle_rate;
  options.error_rate = error_rate;
  if (token_bucket != NULL
      && !c3v_fake_throttle_parse (token_bucket, &options.bucket_capacity, &options.bucket_refill))
    {
      g_printerr ("%s: “%s”\n", _ ("An option is out of range; see --help."), token_bucket);
      return EXIT_FAILURE;
    }

  fake = c3v_fake_ecs_new (&options);
  if (!c3v_fake_ecs_start (fake, (guint) port, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  c3v_fake_ecs_set_trickle_interval (fake, (guint) trickle_ms);
  if (!add_specs (fake, faults, add_fault_spec) || !add_specs (fake, deletions, add_deletion_spec))
    return EXIT_FAILURE;
  if (call_log != NULL)
    {
      call_log_file = fopen (call_log, "a");
      if (call_log_file == NULL)
        {
          g_printerr ("%s: %s\n", call_log, g_strerror (errno));
          return EXIT_FAILURE;
        }
      g_signal_connect (fake, "call-answered", G_CALLBACK (write_call), call_log_file);
    }

  printf ("listening on %s\n", c3v_fake_ecs_get_url (fake));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_on_signal, loop);
  g_unix_signal_add (SIGINT, quit_on_signal, loop);
  g_main_loop_run (loop);

  g_clear_object (&fake);
  if (call_log_file != NULL)
    fclose (call_log_file);
  return EXIT_SUCCESS;
}
