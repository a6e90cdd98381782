/* test-snapshot-json.c: `--dump json` output parses back to the snapshot.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <json-glib/json-glib.h>

#include "c3v-snapshot-json.h"

#define INSTANCE_ARN "arn:aws:ecs:eu-west-1:1:container-instance/prod/ci1"

static C3vSnapshot *
build_snapshot (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("prod", "arn:aws:ecs:eu-west-1:1:cluster/prod", "eu-west-1");
  C3vInstance instance = {
    .arn = INSTANCE_ARN,
    .ec2_instance_id = "i-1",
    .instance_type = "m5.large",
    .availability_zone = "eu-west-1a",
    .status = "ACTIVE",
    .agent_connected = TRUE,
    .registered_cpu = 2048,
    .registered_memory = 8192,
    .remaining_cpu = 1792,
    .remaining_memory = 7000,
  };
  C3vContainer containers[] = {
    { "app", "nginx:1", "RUNNING", 256, 512, C3V_UNSET },
    { "log", NULL, "RUNNING", C3V_UNSET, C3V_UNSET, 100 },
  };
  C3vTask placed = {
    .arn = "arn:aws:ecs:eu-west-1:1:task/prod/t1",
    .family = "web",
    .revision = 4,
    .task_definition_arn = "arn:aws:ecs:eu-west-1:1:task-definition/web:4",
    .service_name = "web",
    .launch_type = "EC2",
    .last_status = "RUNNING",
    .desired_status = "STOPPED",
    .container_instance_arn = INSTANCE_ARN,
    .task_cpu = C3V_UNSET,
    .task_memory = C3V_UNSET,
    .containers = containers,
    .n_containers = 2,
  };
  C3vTask fargate = {
    .arn = "arn:aws:ecs:eu-west-1:1:task/prod/t2",
    .family = "batch",
    .revision = 1,
    .launch_type = "FARGATE",
    .task_cpu = 512,
    .task_memory = 1024,
  };
  C3vService service = { "arn:s", "web", "ACTIVE", NULL, "EC2", 1, 1, 0 };
  C3vFailure failure = { "arn:gone", "MISSING", "no such task \"x\"" };

  c3v_snapshot_builder_add_instance (builder, &instance);
  c3v_snapshot_builder_add_task (builder, &placed);
  c3v_snapshot_builder_add_task (builder, &fargate);
  c3v_snapshot_builder_add_service (builder, &service);
  c3v_snapshot_builder_add_failure (builder, &failure);

  /* 2026-11-26T07:30:00.042Z */
  return c3v_snapshot_builder_build (builder, G_GINT64_CONSTANT (1795678200042), TRUE);
}

static JsonObject *
array_object (JsonObject *object, const char *member, guint index)
{
  return json_array_get_object_element (json_object_get_array_member (object, member), index);
}

static void
test_round_trip (void)
{
  g_autoptr (C3vSnapshot) snapshot = build_snapshot ();
  g_autofree char *text = c3v_snapshot_to_json (snapshot);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *cluster, *instance, *task, *container, *other;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (root, "schema"), ==, 1);
  cluster = json_object_get_object_member (root, "cluster");
  g_assert_cmpstr (json_object_get_string_member (cluster, "name"), ==, "prod");
  g_assert_cmpstr (json_object_get_string_member (cluster, "region"), ==, "eu-west-1");
  g_assert_cmpstr (json_object_get_string_member (cluster, "fetchedAt"), ==,
                   "2026-11-26T07:30:00.042Z");
  g_assert_true (json_object_get_boolean_member (cluster, "complete"));

  instance = array_object (root, "instances", 0);
  g_assert_cmpstr (json_object_get_string_member (instance, "id"), ==, "ci1");
  g_assert_cmpstr (json_object_get_string_member (instance, "instanceType"), ==, "m5.large");
  g_assert_true (json_object_get_boolean_member (instance, "agentConnected"));
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (instance, "registered"), "memory"),
      ==, 8192);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (instance, "remaining"), "cpu"), ==,
      1792);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (instance, "reserved"), "memory"),
      ==, 612);
  /* 8192 - 7000 = 1192 registered-remaining vs 612 reserved. */
  g_assert_true (json_object_get_boolean_member (instance, "mismatch"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (instance, "tasks")), ==,
                    1);
  g_assert_cmpstr (
      json_array_get_string_element (json_object_get_array_member (instance, "tasks"), 0), ==,
      "arn:aws:ecs:eu-west-1:1:task/prod/t1");

  task = array_object (root, "tasks", 0);
  g_assert_cmpstr (json_object_get_string_member (task, "family"), ==, "web");
  g_assert_cmpint (json_object_get_int_member (task, "revision"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (task, "service"), ==, "web");
  g_assert_cmpstr (json_object_get_string_member (task, "containerInstance"), ==, "ci1");
  g_assert_cmpstr (json_object_get_string_member (task, "desiredStatus"), ==, "STOPPED");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (task, "reserved"), "cpu"), ==,
      256);
  container = array_object (task, "containers", 1);
  g_assert_cmpstr (json_object_get_string_member (container, "name"), ==, "log");
  g_assert_true (json_object_get_null_member (container, "image"));
  g_assert_true (json_object_get_null_member (container, "cpu"));
  g_assert_cmpint (json_object_get_int_member (container, "memoryReservation"), ==, 100);

  other = array_object (root, "tasks", 1);
  g_assert_true (json_object_get_null_member (other, "containerInstance"));
  g_assert_true (json_object_get_null_member (other, "service"));
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (other, "reserved"), "memory"), ==,
      1024);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (other, "containers")), ==,
                    0);

  g_assert_cmpstr (json_object_get_string_member (array_object (root, "services", 0), "name"), ==,
                   "web");
  g_assert_cmpint (json_object_get_int_member (array_object (root, "services", 0), "desiredCount"),
                   ==, 1);
  g_assert_cmpstr (json_object_get_string_member (array_object (root, "failures", 0), "detail"), ==,
                   "no such task \"x\"");
}

static void
test_empty (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("e", NULL, NULL);
  g_autoptr (C3vSnapshot) snapshot = c3v_snapshot_builder_build (builder, 0, FALSE);
  g_autofree char *text = c3v_snapshot_to_json (snapshot);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *cluster;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  cluster = json_object_get_object_member (root, "cluster");
  g_assert_true (json_object_get_null_member (cluster, "arn"));
  g_assert_cmpstr (json_object_get_string_member (cluster, "fetchedAt"), ==,
                   "1970-01-01T00:00:00.000Z");
  g_assert_false (json_object_get_boolean_member (cluster, "complete"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "tasks")), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot-json/round-trip", test_round_trip);
  g_test_add_func ("/snapshot-json/empty", test_empty);

  return g_test_run ();
}
