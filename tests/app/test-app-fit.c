/* test-app-fit.c: --fit and --drain, run in-process against the local
 * ECS endpoint, their answers checked against the endpoint's own account.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "c3v-cli.h"
#include "c3v-fake-ecs.h"

static C3vFakeEcs *
start_fake (void)
{
  g_autoptr (GError) error = NULL;
  C3vFakeEcs *fake = c3v_fake_ecs_new (NULL);

  g_assert_true (c3v_fake_ecs_start (fake, 0, &error));
  g_assert_no_error (error);
  return fake;
}

/* Parses "c3vis --endpoint-url URL --region R ARGS…" and runs it; returns
 * what it printed, the exit status in *@status, the error in @error. */
static char *
run_cli (C3vFakeEcs *fake, const char *const *args, int *status, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_auto (C3vOptions) options = { 0 };
  g_auto (GStrv) argv = NULL;

  g_strv_builder_add_many (builder, "c3vis", "--endpoint-url", c3v_fake_ecs_get_url (fake),
                           "--region", C3V_FAKE_ECS_REGION, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (c3v_options_parse (&options, argv, error))
    c3v_cli_run (&options, out, error);
  *status = c3v_cli_exit_status (error != NULL ? *error : NULL);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static JsonObject *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static C3vFakeInstance *
find_by_ec2_id (C3vFakeCluster *cluster, const char *ec2_id)
{
  for (guint i = 0; i < cluster->instances->len; i++)
    {
      C3vFakeInstance *instance = g_ptr_array_index (cluster->instances, i);

      if (g_strcmp0 (instance->ec2_instance_id, ec2_id) == 0)
        return instance;
    }
  g_assert_not_reached ();
}

/* A task typed by hand: each instance's copies worked out from what the
 * endpoint holds, min(memory / 256, CPU / 128), or its state. */
static void
test_fit_by_hand (void)
{
  g_autoptr (C3vFakeEcs) fake = start_fake ();
  const char *const args[]
      = { "--cluster", "staging", "--fit", "memory=256,cpu=128", "--dump", "json", NULL };
  C3vFakeCluster *cluster
      = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fake), "staging", FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  JsonArray       *instances;
  JsonObject      *task;
  int              status;
  gint64           total = 0;

  out = run_cli (fake, args, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  root = parse_json (out);
  g_assert_cmpint (json_object_get_int_member (root, "schema"), ==, 1);
  task = json_object_get_object_member (root, "task");
  g_assert_cmpint (json_object_get_int_member (task, "memory"), ==, 256);
  g_assert_cmpint (json_object_get_int_member (task, "cpu"), ==, 128);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task, "ports")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "strategy"), ==, "binpack:memory");

  instances = json_object_get_array_member (root, "instances");
  g_assert_cmpuint (json_array_get_length (instances), ==, cluster->instances->len);
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonObject      *item = json_array_get_object_element (instances, i);
      C3vFakeInstance *instance
          = find_by_ec2_id (cluster, json_object_get_string_member (item, "ec2InstanceId"));
      const char *reason = json_object_get_string_member_with_default (item, "reason", NULL);
      gint64      copies = json_object_get_int_member (item, "copies");

      g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, instance->id);
      if (g_strcmp0 (instance->status, "ACTIVE") != 0)
        g_assert_cmpstr (reason, ==, "draining");
      else if (!instance->agent_connected)
        g_assert_cmpstr (reason, ==, "disconnected");
      else
        g_assert_cmpint (copies, ==,
                         MIN (instance->remaining_memory / 256, instance->remaining_cpu / 128));
      if (reason != NULL)
        g_assert_cmpint (copies, ==, 0);
      total += copies;
    }
  /* The staging cluster has one of each: the demo shows both. */
  g_assert_nonnull (strstr (out, "\"draining\""));
  g_assert_nonnull (strstr (out, "\"disconnected\""));
  g_assert_cmpint (json_object_get_int_member (root, "copies"), ==, total);
  g_assert_cmpint (total, >, 0);
  g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (root, "largestPlaceable"), "memory"),
                   >, 0);
}

/* The reason every instance of team_a-batch_v2 gives for @family, by
 * ec2InstanceId. */
static GHashTable *
fit_reasons (C3vFakeEcs *fake, const char *family, int *status)
{
  const char *const args[]
      = { "--cluster", "team_a-batch_v2", "--fit", family, "--dump", "json", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = run_cli (fake, args, status, &error);
  g_autoptr (JsonObject) root = NULL;
  GHashTable *reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray  *instances;

  g_assert_true (error == NULL || *status == 3);
  root = parse_json (out);
  instances = json_object_get_array_member (root, "instances");
  for (guint i = 0; i < json_array_get_length (instances); i++)
    {
      JsonObject *item = json_array_get_object_element (instances, i);

      g_hash_table_insert (
          reasons, g_strdup (json_object_get_string_member (item, "ec2InstanceId")),
          g_strdup (json_object_get_string_member_with_default (item, "reason", "fits")));
    }
  /* Exit status 3 exactly when not one copy fits. */
  g_assert_cmpint (*status, ==, json_object_get_int_member (root, "copies") > 0 ? 0 : 3);
  return reasons;
}

/* The demo's task definitions with a host port, awsvpc and a memberOf
 * constraint: each shows its reason where the endpoint put what blocks. */
static void
test_fit_reasons (void)
{
  g_autoptr (C3vFakeEcs) fake = start_fake ();
  C3vFakeCluster *cluster
      = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fake), "team_a-batch_v2", FALSE);
  g_autoptr (GHashTable) ports = NULL;
  g_autoptr (GHashTable) eni = NULL;
  g_autoptr (GHashTable) pinned = NULL;
  guint n_ports = 0, n_eni = 0, n_constraint = 0;
  int   status;

  ports = fit_reasons (fake, "edge-gateway", &status);
  eni = fit_reasons (fake, "mesh-api:1", &status);
  pinned = fit_reasons (fake, "pinned-batch", &status);
  for (guint i = 0; i < cluster->instances->len; i++)
    {
      C3vFakeInstance *instance = g_ptr_array_index (cluster->instances, i);
      const char      *id = instance->ec2_instance_id;
      guint            awsvpc = 0;

      for (guint t = 0; t < cluster->tasks->len; t++)
        {
          C3vFakeTask *task = g_ptr_array_index (cluster->tasks, t);

          awsvpc += task->instance == instance
                    && g_strcmp0 (task->definition->network_mode, "awsvpc") == 0;
        }
      if (instance->n_host_ports > 0 && instance->host_ports[0] == 80)
        n_ports += g_str_equal (g_hash_table_lookup (ports, id), "ports");
      /* The endpoint fills an instance's task ENIs: 2 on an m5.large,
       * 3 on a c5.xlarge. */
      if (awsvpc > 0)
        n_eni += g_str_equal (g_hash_table_lookup (eni, id), "eni");
      if (!g_str_has_suffix (instance->availability_zone, "a"))
        n_constraint += g_str_equal (g_hash_table_lookup (pinned, id), "constraint");
      else
        g_assert_cmpstr (g_hash_table_lookup (pinned, id), !=, "constraint");
    }
  g_assert_cmpuint (n_ports, ==, 1);
  g_assert_cmpuint (n_eni, ==, 1);
  g_assert_cmpuint (n_constraint, ==, 2);
}

static void
test_no_room_exits_3 (void)
{
  g_autoptr (C3vFakeEcs) fake = start_fake ();
  const char *const args[] = { "--cluster", "staging", "--fit", "memory=1000000,cpu=1", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int              status;

  out = run_cli (fake, args, &status, &error);
  g_assert_error (error, C3V_CLI_ERROR, C3V_CLI_ERROR_NO_ROOM);
  g_assert_cmpint (status, ==, 3);
  /* The readable answer still says where and why. */
  g_assert_nonnull (strstr (out, "0 copies fit in cluster staging"));
  g_assert_nonnull (strstr (out, "not enough memory"));
}

/* Draining the instance whose ENIs awsvpc tasks fill: every task it runs
 * is placed elsewhere or listed as pending, never on itself. */
static void
test_drain (void)
{
  g_autoptr (C3vFakeEcs) fake = start_fake ();
  C3vFakeCluster *cluster
      = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fake), "team_a-batch_v2", FALSE);
  C3vFakeInstance  *drained = g_ptr_array_index (cluster->instances, 1);
  const char *const args[]
      = { "--cluster", "team_a-batch_v2", "--drain", drained->ec2_instance_id, "--dump", "json",
          NULL };
  const char *const readable[] = { "--cluster", "team_a-batch_v2", "--drain", drained->id, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) readable_error = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  JsonArray       *placed, *unplaced;
  guint            running = 0;
  int              status, readable_status;

  for (guint t = 0; t < cluster->tasks->len; t++)
    {
      C3vFakeTask *task = g_ptr_array_index (cluster->tasks, t);

      running += task->instance == drained && g_str_equal (task->last_status, "RUNNING")
                 && g_str_equal (task->desired_status, "RUNNING");
    }

  out = run_cli (fake, args, &status, &error);
  root = parse_json (out);
  placed = json_object_get_array_member (root, "placed");
  unplaced = json_object_get_array_member (root, "unplaced");
  g_assert_cmpuint (json_array_get_length (placed) + json_array_get_length (unplaced), ==, running);
  g_assert_cmpuint (running, >, 0);
  for (guint i = 0; i < json_array_get_length (placed); i++)
    {
      JsonObject *item = json_array_get_object_element (placed, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "task"), "arn:"));
      g_assert_cmpstr (json_object_get_string_member (item, "to"), !=, drained->id);
    }
  g_assert_cmpint (status, ==, json_array_get_length (unplaced) == 0 ? 0 : 3);

  text = run_cli (fake, readable, &readable_status, &readable_error);
  g_assert_cmpint (readable_status, ==, status);
  g_assert_nonnull (strstr (text, drained->ec2_instance_id));
}

static void
test_errors (void)
{
  g_autoptr (C3vFakeEcs) fake = start_fake ();
  static const struct
  {
    const char *args[8];
    int         status;
    const char *message;
  } cases[] = {
    { { "--cluster", "staging", "--drain", "i-nope" }, 1, "i-nope" },
    { { "--cluster", "staging", "--fit", "no-such-family" }, 1, "no-such-family" },
    { { "--cluster", "staging", "--fit", "memory=1,cpu=1", "--strategy", "firstfit" },
      2,
      "firstfit" },
    { { "--cluster", "staging", "--fit", "memory=x,cpu=1" }, 2, "“x”" },
    { { "--cluster", "staging", "--fit", "cpu=1" }, 2, "memory=MIB" },
    { { "--cluster", "staging", "--fit", "web-frontend", "--drain", "i-1" }, 2, "--drain" },
    { { "--fit", "web-frontend" }, 2, "--cluster" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = NULL;
      int              status;

      out = run_cli (fake, cases[i].args, &status, &error);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (strchr (error->message, '\n'));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* What the endpoint accepts, found the way the AWS CLI finds keys. */
  g_setenv ("AWS_ACCESS_KEY_ID", C3V_FAKE_ECS_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", C3V_FAKE_ECS_SECRET_ACCESS_KEY, TRUE);
  g_unsetenv ("AWS_PROFILE");

  g_test_add_func ("/app/fit/by-hand", test_fit_by_hand);
  g_test_add_func ("/app/fit/reasons", test_fit_reasons);
  g_test_add_func ("/app/fit/no-room-exits-3", test_no_room_exits_3);
  g_test_add_func ("/app/fit/drain", test_drain);
  g_test_add_func ("/app/fit/errors", test_errors);

  return g_test_run ();
}
