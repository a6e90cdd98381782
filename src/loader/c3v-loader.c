/* c3v-loader.c: the loader object, its signals and the cluster list.
 *
 * Loading one cluster is c3v-cluster-load.c; this file keeps what lives
 * across loads: the client, the task-definition cache and the cancellable
 * of the load in progress.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-loader.h"
#include "c3v-call-group.h"
#include "c3v-cluster-load.h"
#include "c3v-ecs-json.h"

struct _C3vLoader
{
  GObject                 parent_instance;
  C3vEcsClient           *client;
  C3vTaskDefinitionCache *definitions;
  GCancellable           *load_cancellable; /* of the load in progress */
  guint                   load_timeout_s;
};

G_DEFINE_FINAL_TYPE (C3vLoader, c3v_loader, G_TYPE_OBJECT)

enum
{
  PROGRESS,
  PARTIAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
c3v_loader_dispose (GObject *object)
{
  C3vLoader *self = (C3vLoader *) object;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  G_OBJECT_CLASS (c3v_loader_parent_class)->dispose (object);
}

static void
c3v_loader_finalize (GObject *object)
{
  C3vLoader *self = (C3vLoader *) object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->definitions, c3v_task_definition_cache_free);

  G_OBJECT_CLASS (c3v_loader_parent_class)->finalize (object);
}

static void
c3v_loader_class_init (C3vLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = c3v_loader_dispose;
  object_class->finalize = c3v_loader_finalize;

  signals[PROGRESS]
      = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);

  signals[PARTIAL]
      = g_signal_new ("partial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, C3V_TYPE_SNAPSHOT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
c3v_loader_init (C3vLoader *self)
{
  self->load_timeout_s = C3V_LOADER_DEFAULT_LOAD_TIMEOUT_S;
}

void
c3v_loader_set_load_timeout (C3vLoader *self, guint timeout_s)
{
  g_return_if_fail (C3V_IS_LOADER (self));

  self->load_timeout_s = timeout_s;
}

C3vLoader *
c3v_loader_new (C3vEcsClient *client, const char *cache_dir)
{
  C3vLoader *self;

  g_return_val_if_fail (C3V_IS_ECS_CLIENT (client), NULL);

  self = g_object_new (C3V_TYPE_LOADER, NULL);
  self->client = g_object_ref (client);
  self->definitions
      = c3v_task_definition_cache_new (cache_dir, c3v_ecs_client_get_endpoint_url (client));

  return self;
}

C3vEcsClient *
c3v_loader_get_client (C3vLoader *self)
{
  g_return_val_if_fail (C3V_IS_LOADER (self), NULL);

  return self->client;
}

/* --- loading a cluster --- */

/* The task data of a load: the run, and what it left on error. */
typedef struct
{
  GTask          *task; /* held while loading */
  C3vClusterLoad *run;
  C3vSnapshot    *partial;
  GCancellable   *user_cancellable;
  gulong          user_handler;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  if (load->user_cancellable != NULL)
    g_cancellable_disconnect (load->user_cancellable, load->user_handler);
  g_clear_object (&load->user_cancellable);
  g_clear_pointer (&load->run, c3v_cluster_load_free);
  g_clear_pointer (&load->partial, c3v_snapshot_unref);
  g_free (load);
}

static void
on_load_progress (const char *phase, guint done, guint total, gpointer user_data)
{
  Load *load = user_data;

  g_signal_emit (g_task_get_source_object (load->task), signals[PROGRESS], 0, phase, done, total);
}

static void
on_load_partial (C3vSnapshot *snapshot, gpointer user_data)
{
  Load *load = user_data;

  g_signal_emit (g_task_get_source_object (load->task), signals[PARTIAL], 0, snapshot);
}

static void
on_load_done (C3vSnapshot *snapshot, C3vSnapshot *partial, const GError *error, gpointer user_data)
{
  Load *load = user_data;
  g_autoptr (GTask) task = g_steal_pointer (&load->task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&snapshot, c3v_snapshot_unref);
      g_clear_pointer (&partial, c3v_snapshot_unref);
      return;
    }

  load->partial = partial;
  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) c3v_snapshot_unref);
}

static const C3vClusterLoadCallbacks load_callbacks = {
  .progress = on_load_progress,
  .partial = on_load_partial,
  .done = on_load_done,
};

static void
forward_cancel (GCancellable *user_cancellable, gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
}

void
c3v_loader_load_async (C3vLoader *self, const char *cluster, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GCancellable) load_cancellable = g_cancellable_new ();
  Load *load;

  g_return_if_fail (C3V_IS_LOADER (self));
  g_return_if_fail (cluster != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* A new load makes the old one stale: cancel it, so nothing of it is
   * emitted or returned but G_IO_ERROR_CANCELLED. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_set_object (&self->load_cancellable, load_cancellable);

  task = g_task_new (self, load_cancellable, callback, user_data);
  g_task_set_name (task, G_STRFUNC);
  load = g_new0 (Load, 1);
  load->task = g_object_ref (task);
  load->run
      = c3v_cluster_load_new (self->client, self->definitions, cluster, &load_callbacks, load);
  c3v_cluster_load_set_timeout (load->run, self->load_timeout_s);
  g_task_set_task_data (task, load, load_free);
  if (cancellable != NULL)
    {
      /* @load_cancellable outlives this handler: the task holds it. */
      load->user_cancellable = g_object_ref (cancellable);
      load->user_handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                                  load_cancellable, NULL);
    }
  c3v_cluster_load_start (load->run, load_cancellable);
}

C3vSnapshot *
c3v_loader_load_finish (C3vLoader *self, GAsyncResult *result, C3vSnapshot **partial,
                        GError **error)
{
  C3vSnapshot *snapshot;
  Load        *load;

  g_return_val_if_fail (C3V_IS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  snapshot = g_task_propagate_pointer (G_TASK (result), error);
  load = g_task_get_task_data (G_TASK (result));
  if (partial != NULL)
    *partial = snapshot == NULL && load->partial != NULL ? c3v_snapshot_ref (load->partial) : NULL;

  return snapshot;
}

/* --- the cluster list --- */

typedef struct
{
  C3vCallGroup *calls;
  GTask        *task;     /* held while listing */
  GPtrArray    *clusters; /* C3vClusterSummary */
} ListClusters;

static void
cluster_summary_free (gpointer data)
{
  C3vClusterSummary *summary = data;

  g_free ((char *) summary->name);
  g_free ((char *) summary->arn);
  g_free ((char *) summary->status);
  g_free (summary);
}

static void
list_clusters_free (gpointer data)
{
  ListClusters *list = data;

  g_clear_pointer (&list->calls, c3v_call_group_free);
  g_clear_pointer (&list->clusters, g_ptr_array_unref);
  g_free (list);
}

static guint
get_count (JsonObject *object, const char *member)
{
  gint32 count = c3v_json_get_size (object, member);

  return count == C3V_UNSET ? 0 : (guint) count;
}

/* A copy of @member of @object, made valid UTF-8: json-glib lets a lone
 * surrogate through as bytes that are not, and these strings are shown
 * and sorted as text. */
static char *
dup_valid_string (JsonObject *object, const char *member)
{
  const char *value = c3v_json_get_string (object, member);

  return value != NULL ? g_utf8_make_valid (value, -1) : NULL;
}

static void
add_cluster (JsonObject *object, gpointer user_data)
{
  ListClusters      *list = user_data;
  C3vClusterSummary *summary;
  const char        *name = c3v_json_get_string (object, "clusterName");

  if (name == NULL)
    return;

  summary = g_new0 (C3vClusterSummary, 1);
  summary->name = dup_valid_string (object, "clusterName");
  summary->arn = dup_valid_string (object, "clusterArn");
  summary->status = dup_valid_string (object, "status");
  summary->registered_instances = get_count (object, "registeredContainerInstancesCount");
  summary->running_tasks = get_count (object, "runningTasksCount");
  summary->pending_tasks = get_count (object, "pendingTasksCount");
  summary->active_services = get_count (object, "activeServicesCount");
  g_ptr_array_add (list->clusters, summary);
}

static void
on_clusters (JsonObject *answer, const char *data, gpointer user_data)
{
  c3v_json_foreach_object (answer, "clusters", add_cluster, user_data);
}

static gboolean
on_clusters_page (JsonObject *page, JsonArray *items, gpointer user_data)
{
  ListClusters *list = user_data;
  g_autoptr (GPtrArray) arns = c3v_json_array_get_strings (items);
  JsonObject *request;

  if (c3v_call_group_is_stopped (list->calls))
    return FALSE;
  if (arns->len == 0)
    return TRUE;

  /* A page holds at most 100 ARNs, what DescribeClusters takes at once. */
  request = c3v_call_group_new_describe_request (NULL, "clusters", arns);
  json_object_set_array_member (request, "include", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (request, "include"), "STATISTICS");
  c3v_call_group_call (list->calls, "DescribeClusters", request, on_clusters, NULL, list);
  return TRUE;
}

static gint
compare_by_name (gconstpointer a, gconstpointer b)
{
  const C3vClusterSummary *first = *(const C3vClusterSummary *const *) a;
  const C3vClusterSummary *second = *(const C3vClusterSummary *const *) b;

  return g_utf8_collate (first->name, second->name);
}

static void
on_clusters_done (const GError *error, gpointer user_data)
{
  ListClusters *list = user_data;
  g_autoptr (GTask) task = g_steal_pointer (&list->task);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  g_ptr_array_sort (list->clusters, compare_by_name);
  g_task_return_pointer (task, g_steal_pointer (&list->clusters),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
c3v_loader_list_clusters_async (C3vLoader *self, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ListClusters *list;
  JsonObject   *request;

  g_return_if_fail (C3V_IS_LOADER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_name (task, G_STRFUNC);

  list = g_new0 (ListClusters, 1);
  list->task = g_object_ref (task);
  list->clusters = g_ptr_array_new_with_free_func (cluster_summary_free);
  list->calls = c3v_call_group_new (self->client, cancellable, on_clusters_done, list);
  g_task_set_task_data (task, list, list_clusters_free);

  request = json_object_new ();
  json_object_set_int_member (request, "maxResults", 100);
  c3v_call_group_paginate (list->calls, "ListClusters", request, "clusterArns", on_clusters_page,
                           list);
  c3v_call_group_close (list->calls);
}

GPtrArray *
c3v_loader_list_clusters_finish (C3vLoader *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (C3V_IS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
