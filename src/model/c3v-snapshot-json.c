/* c3v-snapshot-json.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <json-glib/json-glib.h>

#include "c3v-ecs-json.h"
#include "c3v-snapshot-json.h"

#define C3V_SNAPSHOT_JSON_SCHEMA 1

/* Members are always present: null when ECS did not say. */
static void
add_string (JsonBuilder *builder, const char *member, const char *value)
{
  c3v_json_add_string (builder, member, value, C3V_JSON_UNSET_NULL);
}

static void
add_int (JsonBuilder *builder, const char *member, gint64 value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder, const char *member, gboolean value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_resources (JsonBuilder *builder, const char *member, guint64 cpu, guint64 memory)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_int (builder, "cpu", (gint64) MIN (cpu, G_MAXINT64));
  add_int (builder, "memory", (gint64) MIN (memory, G_MAXINT64));
  json_builder_end_object (builder);
}

static char *
format_iso8601 (gint64 unix_ms)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (unix_ms / 1000);
  g_autofree char *seconds = NULL;

  if (time == NULL)
    return NULL;

  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) (unix_ms % 1000));
}

static void
add_cluster (JsonBuilder *builder, C3vSnapshot *snapshot)
{
  g_autofree char *fetched_at = format_iso8601 (c3v_snapshot_get_fetched_at (snapshot));

  json_builder_set_member_name (builder, "cluster");
  json_builder_begin_object (builder);
  add_string (builder, "name", c3v_snapshot_get_cluster_name (snapshot));
  add_string (builder, "arn", c3v_snapshot_get_cluster_arn (snapshot));
  add_string (builder, "region", c3v_snapshot_get_region (snapshot));
  add_string (builder, "fetchedAt", fetched_at);
  add_boolean (builder, "complete", c3v_snapshot_is_complete (snapshot));
  json_builder_end_object (builder);
}

static void
add_instance (JsonBuilder *builder, C3vSnapshot *snapshot, const C3vInstance *instance)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", instance->id);
  add_string (builder, "arn", instance->arn);
  add_string (builder, "ec2InstanceId", instance->ec2_instance_id);
  add_string (builder, "instanceType", instance->instance_type);
  add_string (builder, "availabilityZone", instance->availability_zone);
  add_string (builder, "status", instance->status);
  add_boolean (builder, "agentConnected", instance->agent_connected);
  add_resources (builder, "registered", instance->registered_cpu, instance->registered_memory);
  add_resources (builder, "remaining", instance->remaining_cpu, instance->remaining_memory);
  add_resources (builder, "reserved", instance->reserved_cpu, instance->reserved_memory);
  add_boolean (builder, "mismatch", instance->mismatch);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < instance->n_tasks; i++)
    json_builder_add_string_value (
        builder, c3v_snapshot_get_task (snapshot, instance->task_indices[i])->arn);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_task (JsonBuilder *builder, C3vSnapshot *snapshot, const C3vTask *task)
{
  const char *instance_id = NULL;

  if (task->instance_index >= 0)
    instance_id = c3v_snapshot_get_instance (snapshot, (guint) task->instance_index)->id;

  json_builder_begin_object (builder);
  add_string (builder, "arn", task->arn);
  add_string (builder, "taskDefinitionArn", task->task_definition_arn);
  add_string (builder, "family", task->family);
  add_int (builder, "revision", task->revision);
  add_string (builder, "service", task->service_name);
  add_string (builder, "launchType", task->launch_type);
  add_string (builder, "lastStatus", task->last_status);
  add_string (builder, "desiredStatus", task->desired_status);
  add_string (builder, "containerInstance", instance_id);
  add_resources (builder, "reserved", task->reserved_cpu, task->reserved_memory);
  json_builder_set_member_name (builder, "containers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < task->n_containers; i++)
    c3v_json_add_container (builder, &task->containers[i], C3V_JSON_UNSET_NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_service (JsonBuilder *builder, const C3vService *service)
{
  json_builder_begin_object (builder);
  add_string (builder, "arn", service->arn);
  add_string (builder, "name", service->name);
  add_string (builder, "status", service->status);
  add_string (builder, "taskDefinitionArn", service->task_definition_arn);
  add_string (builder, "launchType", service->launch_type);
  add_int (builder, "desiredCount", service->desired_count);
  add_int (builder, "runningCount", service->running_count);
  add_int (builder, "pendingCount", service->pending_count);
  json_builder_end_object (builder);
}

static void
add_failure (JsonBuilder *builder, const C3vFailure *failure)
{
  json_builder_begin_object (builder);
  add_string (builder, "arn", failure->arn);
  add_string (builder, "reason", failure->reason);
  add_string (builder, "detail", failure->detail);
  json_builder_end_object (builder);
}

static void
add_items (JsonBuilder *builder, C3vSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "instances");
  json_builder_begin_array (builder);
  for (guint i = 0; i < c3v_snapshot_get_n_instances (snapshot); i++)
    add_instance (builder, snapshot, c3v_snapshot_get_instance (snapshot, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < c3v_snapshot_get_n_tasks (snapshot); i++)
    add_task (builder, snapshot, c3v_snapshot_get_task (snapshot, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  for (guint i = 0; i < c3v_snapshot_get_n_services (snapshot); i++)
    add_service (builder, c3v_snapshot_get_service (snapshot, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "failures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < c3v_snapshot_get_n_failures (snapshot); i++)
    add_failure (builder, c3v_snapshot_get_failure (snapshot, i));
  json_builder_end_array (builder);
}

char *
c3v_snapshot_to_json (C3vSnapshot *snapshot)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);

  json_builder_begin_object (builder);
  add_int (builder, "schema", C3V_SNAPSHOT_JSON_SCHEMA);
  add_cluster (builder, snapshot);
  add_items (builder, snapshot);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
}
