/* c3v-cluster-load.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <glib/gi18n.h>
#include <string.h>

#include "c3v-call-group.h"
#include "c3v-cluster-load.h"
#include "c3v-ecs-json.h"

/* At most this often a partial snapshot: building one costs a few ms on a
 * 20,000-task cluster, and the eye does not need more. */
#define PARTIAL_INTERVAL_US     (100 * G_TIME_SPAN_MILLISECOND)
#define PAGE_SIZE               100
#define DESCRIBE_BATCH          100
#define DESCRIBE_SERVICES_BATCH 10

typedef struct
{
  guint done;  /* described */
  guint total; /* listed */
} Count;

struct _C3vClusterLoad
{
  C3vLoader              *loader;
  C3vTaskDefinitionCache *definitions;
  GTask                  *task; /* held while loading */
  GCancellable           *user_cancellable;
  gulong                  user_handler;
  C3vCallGroup           *calls;
  char                   *cluster; /* as the caller named it */
  char                   *cluster_name;
  C3vSnapshotBuilder     *builder;
  /* task definition ARN -> GPtrArray of the JsonObject tasks that wait */
  GHashTable  *waiting;
  gboolean     answered; /* some call succeeded */
  gint64       last_partial_us;
  Count        instances;
  Count        tasks;
  Count        services;
  C3vSnapshot *partial;
};

static void
c3v_cluster_load_free (gpointer data)
{
  C3vClusterLoad *self = data;

  if (self->user_cancellable != NULL)
    g_cancellable_disconnect (self->user_cancellable, self->user_handler);
  g_clear_object (&self->user_cancellable);
  g_clear_pointer (&self->calls, c3v_call_group_free);
  g_clear_pointer (&self->builder, c3v_snapshot_builder_free);
  g_clear_pointer (&self->waiting, g_hash_table_unref);
  g_clear_pointer (&self->partial, c3v_snapshot_unref);
  g_clear_object (&self->loader);
  g_free (self->cluster);
  g_free (self->cluster_name);
  g_free (self);
}

C3vSnapshot *
c3v_cluster_load_get_partial (C3vClusterLoad *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->partial;
}

/* "arn:aws:ecs:r:a:cluster/prod" -> "prod"; a name stays a name. */
static char *
dup_cluster_name (const char *cluster)
{
  const char *slash = g_str_has_prefix (cluster, "arn:") ? strrchr (cluster, '/') : NULL;

  return g_strdup (slash != NULL ? slash + 1 : cluster);
}

static JsonObject *
new_list_request (C3vClusterLoad *self)
{
  JsonObject *request = json_object_new ();

  json_object_set_string_member (request, "cluster", self->cluster);
  json_object_set_int_member (request, "maxResults", PAGE_SIZE);
  return request;
}

static gboolean
is_live (C3vClusterLoad *self)
{
  return !c3v_call_group_is_stopped (self->calls);
}

static void
emit_progress (C3vClusterLoad *self, const char *phase, const Count *count)
{
  if (is_live (self))
    c3v_loader_emit_progress (self->loader, phase, count->done, count->total);
}

static void
maybe_publish_partial (C3vClusterLoad *self)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr (C3vSnapshot) snapshot = NULL;

  if (!is_live (self) || now - self->last_partial_us < PARTIAL_INTERVAL_US)
    return;

  self->last_partial_us = now;
  snapshot = c3v_snapshot_builder_build (self->builder, g_get_real_time () / 1000, FALSE);
  c3v_loader_emit_partial (self->loader, snapshot);
}

static void
add_failure (JsonObject *object, gpointer user_data)
{
  C3vClusterLoad *self = user_data;
  C3vFailure      failure;

  if (c3v_ecs_json_parse_failure (object, &failure))
    c3v_snapshot_builder_add_failure (self->builder, &failure);
}

/* Keeps @answer's failures; they count as done: listed, then answered. */
static void
add_failures (C3vClusterLoad *self, JsonObject *answer, Count *count)
{
  JsonArray *failures = c3v_json_get_array (answer, "failures");

  count->done += failures != NULL ? json_array_get_length (failures) : 0;
  c3v_json_foreach_object (answer, "failures", add_failure, self);
}

/* --- the cluster itself --- */

static void
on_cluster (JsonObject *answer, const char *data, gpointer user_data)
{
  C3vClusterLoad *self = user_data;
  JsonArray      *clusters = c3v_json_get_array (answer, "clusters");
  JsonNode       *first = clusters != NULL && json_array_get_length (clusters) > 0
                              ? json_array_get_element (clusters, 0)
                              : NULL;

  /* DescribeClusters reports an unknown cluster as a failure, not an
   * error, and a deleted one as INACTIVE for a while: make both the same
   * error the other calls give. */
  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first)
      || g_strcmp0 (c3v_json_get_string (json_node_get_object (first), "status"), "INACTIVE") == 0)
    {
      c3v_call_group_fail (self->calls,
                           g_error_new_literal (C3V_ECS_ERROR, C3V_ECS_ERROR_CLUSTER_NOT_FOUND,
                                                "ClusterNotFoundException"));
      return;
    }

  self->answered = TRUE;
  c3v_snapshot_builder_set_arn (self->builder,
                                c3v_json_get_string (json_node_get_object (first), "clusterArn"));
}

/* --- container instances --- */

static void
add_instance (JsonObject *object, gpointer user_data)
{
  C3vClusterLoad *self = user_data;
  C3vInstance     instance;

  if (c3v_ecs_json_parse_instance (object, &instance))
    c3v_snapshot_builder_add_instance (self->builder, &instance);
  self->instances.done++;
}

static void
on_instances (JsonObject *answer, const char *data, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  self->answered = TRUE;
  c3v_json_foreach_object (answer, "containerInstances", add_instance, self);
  add_failures (self, answer, &self->instances);
  emit_progress (self, _ ("Loading container instances"), &self->instances);
  maybe_publish_partial (self);
}

/* Describes @items (ARNs from a list page) in batches of @batch_size. */
static void
describe_page (C3vClusterLoad *self, JsonArray *items, const char *operation, const char *member,
               guint batch_size, C3vCallGroupAnswerFunc answer_func)
{
  g_autoptr (GPtrArray) ids = c3v_json_array_get_strings (items);
  g_autoptr (GPtrArray) batches = c3v_ecs_split_batches (ids, batch_size);

  self->answered = TRUE;
  for (guint i = 0; i < batches->len; i++)
    c3v_call_group_call (
        self->calls, operation,
        c3v_call_group_new_describe_request (self->cluster, member, g_ptr_array_index (batches, i)),
        answer_func, NULL);
}

static gboolean
on_instances_page (JsonObject *page, JsonArray *items, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  if (!is_live (self))
    return FALSE;

  self->instances.total += json_array_get_length (items);
  describe_page (self, items, "DescribeContainerInstances", "containerInstances", DESCRIBE_BATCH,
                 on_instances);
  return TRUE;
}

/* --- tasks and their definitions --- */

static void
add_task (C3vClusterLoad *self, JsonObject *object, const C3vTaskDefinition *definition)
{
  C3vTask task;

  if (c3v_ecs_json_parse_task (object, definition, &task))
    c3v_snapshot_builder_add_task (self->builder, &task);
  c3v_ecs_json_task_clear (&task);
  self->tasks.done++;
}

static void
on_task_definition (JsonObject *answer, const char *arn, gpointer user_data)
{
  C3vClusterLoad *self = user_data;
  g_autoptr (C3vTaskDefinition) definition = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autofree char *key = NULL;

  /* Without its definition (deregistered and gone, no permission) a task
   * still shows, reserving what its own containers say. */
  if (answer != NULL)
    definition
        = c3v_ecs_json_parse_task_definition (c3v_json_get_object (answer, "taskDefinition"));
  if (definition != NULL)
    c3v_task_definition_cache_store (self->definitions, definition);

  g_hash_table_steal_extended (self->waiting, arn, (gpointer *) &key, (gpointer *) &tasks);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    add_task (self, g_ptr_array_index (tasks, i), definition);

  emit_progress (self, _ ("Loading tasks"), &self->tasks);
  maybe_publish_partial (self);
}

static void
wait_for_definition (C3vClusterLoad *self, JsonObject *object, const char *arn)
{
  GPtrArray  *tasks = g_hash_table_lookup (self->waiting, arn);
  JsonObject *request;

  if (tasks == NULL)
    {
      tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_hash_table_insert (self->waiting, g_strdup (arn), tasks);

      request = json_object_new ();
      json_object_set_string_member (request, "taskDefinition", arn);
      c3v_call_group_try (self->calls, "DescribeTaskDefinition", request, on_task_definition, arn);
    }

  g_ptr_array_add (tasks, json_object_ref (object));
}

static void
resolve_task (JsonObject *object, gpointer user_data)
{
  C3vClusterLoad    *self = user_data;
  const char        *arn = c3v_json_get_string (object, "taskDefinitionArn");
  C3vTaskDefinition *definition = NULL;

  /* A definition already asked for is in no cache yet: the tasks of a
   * family on a cold cache look on disk once, not once each. */
  if (arn != NULL && g_hash_table_contains (self->waiting, arn))
    wait_for_definition (self, object, arn);
  else if (arn == NULL
           || (definition = c3v_task_definition_cache_lookup (self->definitions, arn)) != NULL)
    add_task (self, object, definition);
  else
    wait_for_definition (self, object, arn);
}

/* A task asked to stop still holds its reservation, and ECS still counts
 * it as used, until it has actually stopped: show those, not the ones
 * already STOPPED (which ECS lists for a while after; a task that stopped
 * since ListTasks listed it as RUNNING comes back STOPPED too). */
static void
resolve_stopping_task (JsonObject *object, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  /* Listed, but not shown: it no longer counts towards the progress. */
  if (g_strcmp0 (c3v_json_get_string (object, "lastStatus"), "STOPPED") == 0)
    self->tasks.total--;
  else
    resolve_task (object, self);
}

static void
on_stopping_tasks (JsonObject *answer, const char *data, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  self->answered = TRUE;
  c3v_json_foreach_object (answer, "tasks", resolve_stopping_task, self);
  add_failures (self, answer, &self->tasks);
  emit_progress (self, _ ("Loading tasks"), &self->tasks);
  maybe_publish_partial (self);
}

static gboolean
on_stopping_tasks_page (JsonObject *page, JsonArray *items, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  if (!is_live (self))
    return FALSE;

  self->tasks.total += json_array_get_length (items);
  describe_page (self, items, "DescribeTasks", "tasks", DESCRIBE_BATCH, on_stopping_tasks);
  return TRUE;
}

static gboolean
on_tasks_page (JsonObject *page, JsonArray *items, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  if (!is_live (self))
    return FALSE;

  self->tasks.total += json_array_get_length (items);
  describe_page (self, items, "DescribeTasks", "tasks", DESCRIBE_BATCH, on_stopping_tasks);
  return TRUE;
}

/* --- services --- */

static void
add_service (JsonObject *object, gpointer user_data)
{
  C3vClusterLoad *self = user_data;
  C3vService      service;

  if (c3v_ecs_json_parse_service (object, &service))
    c3v_snapshot_builder_add_service (self->builder, &service);
  self->services.done++;
}

static void
on_services (JsonObject *answer, const char *data, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  self->answered = TRUE;
  c3v_json_foreach_object (answer, "services", add_service, self);
  add_failures (self, answer, &self->services);
  emit_progress (self, _ ("Loading services"), &self->services);
}

static gboolean
on_services_page (JsonObject *page, JsonArray *items, gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  if (!is_live (self))
    return FALSE;

  self->services.total += json_array_get_length (items);
  describe_page (self, items, "DescribeServices", "services", DESCRIBE_SERVICES_BATCH, on_services);
  return TRUE;
}

/* --- the end --- */

static GError *
explain_error (C3vClusterLoad *self, const GError *error)
{
  if (!g_error_matches (error, C3V_ECS_ERROR, C3V_ECS_ERROR_CLUSTER_NOT_FOUND))
    return g_error_copy (error);

  /* A cluster deleted while loading and one that never was read alike to
   * ECS; to the user the first is news about the cluster. */
  if (self->answered)
    return g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_CLUSTER_NOT_FOUND,
                        _ ("Cluster “%s” no longer exists"), self->cluster_name);
  return g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_CLUSTER_NOT_FOUND,
                      _ ("Cluster “%s” does not exist"), self->cluster_name);
}

/* Tasks described but still waiting for their definition when the load
 * ends early (the error cancelled DescribeTaskDefinition): they belong in
 * the partial snapshot, with what their own containers say. */
static void
add_waiting_tasks (C3vClusterLoad *self)
{
  GHashTableIter iter;
  gpointer       tasks;

  g_hash_table_iter_init (&iter, self->waiting);
  while (g_hash_table_iter_next (&iter, NULL, &tasks))
    for (guint i = 0; i < ((GPtrArray *) tasks)->len; i++)
      add_task (self, g_ptr_array_index ((GPtrArray *) tasks, i), NULL);
  g_hash_table_remove_all (self->waiting);
}

static void
on_done (const GError *error, gpointer user_data)
{
  C3vClusterLoad *self = user_data;
  g_autoptr (GTask) task = g_steal_pointer (&self->task);
  gint64 now_ms = g_get_real_time () / 1000;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    add_waiting_tasks (self);
  c3v_snapshot_builder_sort (self->builder);
  if (error != NULL)
    {
      self->partial = c3v_snapshot_builder_build (self->builder, now_ms, FALSE);
      g_task_return_error (task, explain_error (self, error));
      return;
    }

  g_task_return_pointer (task, c3v_snapshot_builder_build (self->builder, now_ms, TRUE),
                         (GDestroyNotify) c3v_snapshot_unref);
}

static void
forward_cancel (GCancellable *user_cancellable, gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
}

void
c3v_cluster_load_run (C3vLoader *loader, const char *cluster, GCancellable *cancellable,
                      GCancellable *user_cancellable, GTask *task)
{
  C3vClusterLoad *self = g_new0 (C3vClusterLoad, 1);
  C3vEcsClient   *client = c3v_loader_get_client (loader);
  JsonObject     *request;
  JsonObject     *stopping;

  self->loader = g_object_ref (loader);
  self->definitions = c3v_loader_get_task_definitions (loader);
  self->task = g_object_ref (task);
  self->cluster = g_strdup (cluster);
  self->cluster_name = dup_cluster_name (cluster);
  self->builder
      = c3v_snapshot_builder_new (self->cluster_name, NULL, c3v_ecs_client_get_region (client));
  self->waiting
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->last_partial_us = g_get_monotonic_time ();
  self->calls = c3v_call_group_new (client, cancellable, on_done, self);
  g_task_set_task_data (task, self, c3v_cluster_load_free);
  if (user_cancellable != NULL)
    {
      /* @cancellable outlives this handler: the task holds it. */
      self->user_cancellable = g_object_ref (user_cancellable);
      self->user_handler = g_cancellable_connect (user_cancellable, G_CALLBACK (forward_cancel),
                                                  cancellable, NULL);
    }

  request = json_object_new ();
  json_object_set_array_member (request, "clusters", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (request, "clusters"), cluster);
  c3v_call_group_call (self->calls, "DescribeClusters", request, on_cluster, NULL);

  /* The task chain is the longest: start it first. */
  c3v_call_group_paginate (self->calls, "ListTasks", new_list_request (self), "taskArns",
                           on_tasks_page);
  /* ListTasks lists desiredStatus RUNNING only; tasks on their way down
   * are a second, short chain. */
  stopping = new_list_request (self);
  json_object_set_string_member (stopping, "desiredStatus", "STOPPED");
  c3v_call_group_paginate (self->calls, "ListTasks", stopping, "taskArns", on_stopping_tasks_page);
  c3v_call_group_paginate (self->calls, "ListContainerInstances", new_list_request (self),
                           "containerInstanceArns", on_instances_page);
  c3v_call_group_paginate (self->calls, "ListServices", new_list_request (self), "serviceArns",
                           on_services_page);
  c3v_call_group_close (self->calls);
}
