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
#define PARTIAL_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)
#define PAGE_SIZE           100

/* What the progress counts: the two task chains add up to one count. */
typedef enum
{
  COUNT_INSTANCES,
  COUNT_TASKS,
  COUNT_SERVICES,
  N_COUNTS
} CountKind;

typedef struct
{
  const char *phase; /* untranslated */
  gboolean    drawn; /* its items show: publish partial snapshots */
} CountSpec;

static const CountSpec count_specs[N_COUNTS] = {
  [COUNT_INSTANCES] = { N_ ("Loading container instances"), TRUE },
  [COUNT_TASKS] = { N_ ("Loading tasks"), TRUE },
  [COUNT_SERVICES] = { N_ ("Loading services"), FALSE },
};

typedef struct
{
  guint done;  /* described and added (or failed) */
  guint total; /* listed, less those dropped once described */
} Count;

/* What became of one described item. */
typedef enum
{
  ITEM_ADDED,   /* in the snapshot: done */
  ITEM_WAITS,   /* added later, when what it needs arrives */
  ITEM_DROPPED, /* not shown: it leaves the total */
} ItemFate;

typedef ItemFate (*ItemFunc) (C3vClusterLoad *self, JsonObject *item);

/* One list-then-describe chain: pages of ARNs from @list_operation, each
 * page described in batches as soon as it arrives. */
typedef struct
{
  const char *list_operation;
  const char *list_key;     /* the ARNs in a list page */
  const char *filter;       /* a list request member, or NULL */
  const char *filter_value; /* its value */
  const char *describe_operation;
  const char *member; /* the ARNs in a describe request, the items in its answer */
  guint       batch_size;
  CountKind   count;
  ItemFunc    add_item; /* where items go */
} ChainSpec;

static ItemFate add_instance (C3vClusterLoad *self, JsonObject *object);
static ItemFate add_task_if_live (C3vClusterLoad *self, JsonObject *object);
static ItemFate add_service (C3vClusterLoad *self, JsonObject *object);

static const ChainSpec chain_specs[] = {
  /* The task chain is the longest: start it first. */
  { "ListTasks", "taskArns", NULL, NULL, "DescribeTasks", "tasks", 100, COUNT_TASKS,
    add_task_if_live },
  /* ListTasks lists desiredStatus RUNNING only; tasks on their way down
   * are a second, short chain. */
  { "ListTasks", "taskArns", "desiredStatus", "STOPPED", "DescribeTasks", "tasks", 100, COUNT_TASKS,
    add_task_if_live },
  { "ListContainerInstances", "containerInstanceArns", NULL, NULL, "DescribeContainerInstances",
    "containerInstances", 100, COUNT_INSTANCES, add_instance },
  { "ListServices", "serviceArns", NULL, NULL, "DescribeServices", "services", 10, COUNT_SERVICES,
    add_service },
};

#define N_CHAINS G_N_ELEMENTS (chain_specs)

/* A chain of this load: the user data of its pages and describes. */
typedef struct
{
  C3vClusterLoad  *load;
  const ChainSpec *spec;
} Chain;

struct _C3vClusterLoad
{
  C3vEcsClient           *client;
  C3vTaskDefinitionCache *definitions;
  C3vClusterLoadCallbacks callbacks;
  gpointer                user_data;
  C3vCallGroup           *calls;
  GCancellable           *cancellable; /* the caller's, may be NULL */
  char                   *cluster;     /* as the caller named it */
  char                   *cluster_name;
  C3vSnapshotBuilder     *builder;
  /* task definition ARN -> GPtrArray of the JsonObject tasks that wait */
  GHashTable *waiting;
  gboolean    answered; /* some call succeeded */
  gint64      last_partial_us;
  Count       counts[N_COUNTS];
  Chain       chains[N_CHAINS];
  guint       timeout_s;
  GSource    *deadline; /* while the load runs with a timeout */
};

/* "arn:aws:ecs:r:a:cluster/prod" -> "prod"; a name stays a name. */
static char *
dup_cluster_name (const char *cluster)
{
  const char *slash = g_str_has_prefix (cluster, "arn:") ? strrchr (cluster, '/') : NULL;

  return g_strdup (slash != NULL ? slash + 1 : cluster);
}

C3vClusterLoad *
c3v_cluster_load_new (C3vEcsClient *client, C3vTaskDefinitionCache *definitions,
                      const char *cluster, const C3vClusterLoadCallbacks *callbacks,
                      gpointer user_data)
{
  C3vClusterLoad *self;

  g_return_val_if_fail (C3V_IS_ECS_CLIENT (client), NULL);
  g_return_val_if_fail (definitions != NULL, NULL);
  g_return_val_if_fail (cluster != NULL, NULL);
  g_return_val_if_fail (callbacks != NULL && callbacks->done != NULL, NULL);

  self = g_new0 (C3vClusterLoad, 1);
  self->client = g_object_ref (client);
  self->definitions = definitions;
  self->callbacks = *callbacks;
  self->user_data = user_data;
  self->cluster = g_strdup (cluster);
  self->cluster_name = dup_cluster_name (cluster);
  self->builder
      = c3v_snapshot_builder_new (self->cluster_name, NULL, c3v_ecs_client_get_region (client));
  self->waiting
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < N_CHAINS; i++)
    self->chains[i] = (Chain){ self, &chain_specs[i] };

  return self;
}

void
c3v_cluster_load_free (C3vClusterLoad *self)
{
  if (self == NULL)
    return;

  if (self->deadline != NULL)
    g_source_destroy (self->deadline);
  g_clear_pointer (&self->deadline, g_source_unref);
  g_clear_pointer (&self->calls, c3v_call_group_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->builder, c3v_snapshot_builder_free);
  g_clear_pointer (&self->waiting, g_hash_table_unref);
  g_clear_object (&self->client);
  g_free (self->cluster);
  g_free (self->cluster_name);
  g_free (self);
}

static gboolean
is_live (C3vClusterLoad *self)
{
  return !c3v_call_group_is_stopped (self->calls);
}

static void
maybe_publish_partial (C3vClusterLoad *self)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr (C3vSnapshot) snapshot = NULL;

  if (!is_live (self) || self->callbacks.partial == NULL
      || now - self->last_partial_us < PARTIAL_INTERVAL_US)
    return;

  self->last_partial_us = now;
  snapshot = c3v_snapshot_builder_build (self->builder, g_get_real_time () / 1000, FALSE);
  self->callbacks.partial (snapshot, self->user_data);
}

/* Tells how far @kind has come, and shows what was loaded. */
static void
report (C3vClusterLoad *self, CountKind kind)
{
  const Count *count = &self->counts[kind];

  if (!is_live (self))
    return;

  if (self->callbacks.progress != NULL)
    self->callbacks.progress (_ (count_specs[kind].phase), count->done, count->total,
                              self->user_data);
  if (count_specs[kind].drawn)
    maybe_publish_partial (self);
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

/* --- every chain: list pages, describe batches --- */

static void
on_described (JsonObject *answer, const char *data, gpointer user_data)
{
  Chain          *chain = user_data;
  C3vClusterLoad *self = chain->load;
  Count          *count = &self->counts[chain->spec->count];
  JsonArray      *items = c3v_json_get_array (answer, chain->spec->member);
  guint           n_items = items != NULL ? json_array_get_length (items) : 0;

  self->answered = TRUE;
  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      switch (chain->spec->add_item (self, json_node_get_object (node)))
        {
          case ITEM_ADDED:
            count->done++;
            break;
          case ITEM_DROPPED:
            count->total--;
            break;
          case ITEM_WAITS:
            break;
        }
    }
  add_failures (self, answer, count);
  report (self, chain->spec->count);
}

/* Describes the page's ARNs in batches. The pagination asks for the next
 * page once this returns, ahead of the describes queued here. */
static gboolean
on_listed (JsonObject *page, JsonArray *items, gpointer user_data)
{
  Chain          *chain = user_data;
  C3vClusterLoad *self = chain->load;
  g_autoptr (GPtrArray) arns = NULL;
  g_autoptr (GPtrArray) batches = NULL;

  if (!is_live (self))
    return FALSE;

  self->answered = TRUE;
  arns = c3v_json_array_get_strings (items);
  batches = c3v_ecs_split_batches (arns, chain->spec->batch_size);
  self->counts[chain->spec->count].total += arns->len;
  for (guint i = 0; i < batches->len; i++)
    c3v_call_group_call (self->calls, chain->spec->describe_operation,
                         c3v_call_group_new_describe_request (self->cluster, chain->spec->member,
                                                              g_ptr_array_index (batches, i)),
                         on_described, NULL, chain);
  return TRUE;
}

static void
start_chain (C3vClusterLoad *self, Chain *chain)
{
  JsonObject *request = json_object_new ();

  json_object_set_string_member (request, "cluster", self->cluster);
  json_object_set_int_member (request, "maxResults", PAGE_SIZE);
  if (chain->spec->filter != NULL)
    json_object_set_string_member (request, chain->spec->filter, chain->spec->filter_value);
  c3v_call_group_paginate (self->calls, chain->spec->list_operation, request, chain->spec->list_key,
                           on_listed, chain);
}

/* --- where items go --- */

static ItemFate
add_instance (C3vClusterLoad *self, JsonObject *object)
{
  C3vInstance instance;

  if (c3v_ecs_json_parse_instance (object, &instance))
    c3v_snapshot_builder_add_instance (self->builder, &instance);
  c3v_ecs_json_instance_clear (&instance);
  return ITEM_ADDED;
}

static ItemFate
add_service (C3vClusterLoad *self, JsonObject *object)
{
  C3vService service;

  if (c3v_ecs_json_parse_service (object, &service))
    c3v_snapshot_builder_add_service (self->builder, &service);
  return ITEM_ADDED;
}

static void
add_task (C3vClusterLoad *self, JsonObject *object, const C3vTaskDefinition *definition)
{
  C3vTask task;

  if (c3v_ecs_json_parse_task (object, definition, &task))
    c3v_snapshot_builder_add_task (self->builder, &task);
  c3v_ecs_json_task_clear (&task);
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
  /* An answer about another definition than the one asked for would be
   * kept, and shown, under that other definition's name. */
  if (definition != NULL && g_strcmp0 (definition->arn, arn) != 0)
    {
      g_debug ("DescribeTaskDefinition for %s answered %s: ignored", arn, definition->arn);
      g_clear_pointer (&definition, c3v_task_definition_unref);
    }
  if (definition != NULL)
    c3v_task_definition_cache_store (self->definitions, definition);

  g_hash_table_steal_extended (self->waiting, arn, (gpointer *) &key, (gpointer *) &tasks);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    add_task (self, g_ptr_array_index (tasks, i), definition);
  self->counts[COUNT_TASKS].done += tasks != NULL ? tasks->len : 0;

  report (self, COUNT_TASKS);
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
      c3v_call_group_try (self->calls, "DescribeTaskDefinition", request, on_task_definition, arn,
                          self);
    }

  g_ptr_array_add (tasks, json_object_ref (object));
}

/* A task asked to stop still holds its reservation, and ECS still counts
 * it as used, until it has actually stopped: show those, not the ones
 * already STOPPED (which ECS lists for a while after; a task that stopped
 * since ListTasks listed it as RUNNING comes back STOPPED too). */
static ItemFate
add_task_if_live (C3vClusterLoad *self, JsonObject *object)
{
  const char        *arn = c3v_json_get_string (object, "taskDefinitionArn");
  C3vTaskDefinition *definition = NULL;

  if (g_strcmp0 (c3v_json_get_string (object, "lastStatus"), "STOPPED") == 0)
    return ITEM_DROPPED;

  /* A definition already asked for is in no cache yet: the tasks of a
   * family on a cold cache look on disk once, not once each. */
  if (arn != NULL && g_hash_table_contains (self->waiting, arn))
    {
      wait_for_definition (self, object, arn);
      return ITEM_WAITS;
    }
  if (arn != NULL
      && (definition = c3v_task_definition_cache_lookup (self->definitions, arn)) == NULL)
    {
      wait_for_definition (self, object, arn);
      return ITEM_WAITS;
    }

  add_task (self, object, definition);
  return ITEM_ADDED;
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
  gint64          now_ms = g_get_real_time () / 1000;
  g_autoptr (GError) explained = NULL;
  C3vSnapshot *partial;

  if (self->deadline != NULL)
    g_source_destroy (self->deadline);
  g_clear_pointer (&self->deadline, g_source_unref);

  /* A cancelled load has nothing to say, not even what it had; the calls
   * it cancelled left no error in the group. */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &explained))
    {
      self->callbacks.done (NULL, NULL, explained, self->user_data);
      return;
    }

  if (error != NULL)
    add_waiting_tasks (self);
  c3v_snapshot_builder_sort (self->builder);
  if (error == NULL)
    {
      self->callbacks.done (c3v_snapshot_builder_build (self->builder, now_ms, TRUE), NULL, NULL,
                            self->user_data);
      return;
    }

  explained = explain_error (self, error);
  partial = c3v_snapshot_builder_build (self->builder, now_ms, FALSE);
  self->callbacks.done (NULL, partial, explained, self->user_data);
}

void
c3v_cluster_load_set_timeout (C3vClusterLoad *self, guint timeout_s)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->calls == NULL);

  self->timeout_s = timeout_s;
}

/* However each call fares, a load must end: a server that answers just
 * fast enough never to time a call out would otherwise hold it forever. */
static gboolean
load_deadline_passed (gpointer user_data)
{
  C3vClusterLoad *self = user_data;

  g_clear_pointer (&self->deadline, g_source_unref);
  c3v_call_group_fail (self->calls,
                       g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK,
                                    _ ("Loading cluster “%s” did not finish within %u s"),
                                    self->cluster_name, self->timeout_s));
  return G_SOURCE_REMOVE;
}

void
c3v_cluster_load_start (C3vClusterLoad *self, GCancellable *cancellable)
{
  JsonObject *request;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->calls == NULL);

  g_set_object (&self->cancellable, cancellable);
  self->last_partial_us = g_get_monotonic_time ();
  self->calls = c3v_call_group_new (self->client, cancellable, on_done, self);
  if (self->timeout_s > 0)
    {
      self->deadline = g_timeout_source_new_seconds (self->timeout_s);
      g_source_set_static_name (self->deadline, "[c3vis] load deadline");
      g_source_set_callback (self->deadline, load_deadline_passed, self, NULL);
      g_source_attach (self->deadline, g_main_context_get_thread_default ());
    }

  request = json_object_new ();
  json_object_set_array_member (request, "clusters", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (request, "clusters"), self->cluster);
  c3v_call_group_call (self->calls, "DescribeClusters", request, on_cluster, NULL, self);

  for (guint i = 0; i < N_CHAINS; i++)
    start_chain (self, &self->chains[i]);
  c3v_call_group_close (self->calls);
}
