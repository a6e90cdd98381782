/* test-loader.c: whole clusters loaded from the fake ECS endpoint through
 * the real client, compared with the data the fake serves.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <glib/gstdio.h>
#include <string.h>

#include "c3v-ecs-json.h"
#include "c3v-fake-account.h"
#include "c3v-fake-ecs.h"
#include "c3v-loader.h"

#define WAIT_MS     20000
#define SEED        20261126
#define N_INSTANCES 40
#define N_TASKS     450

typedef struct
{
  C3vFakeEcs   *fake;
  C3vEcsClient *client;
  C3vLoader    *loader;
  char         *cache_dir;
  /* what the loader emitted */
  GPtrArray *partials;
  guint      n_progress;
  guint      last_done;
  guint      last_total;
} Fixture;

typedef struct
{
  gboolean     done;
  C3vSnapshot *snapshot;
  C3vSnapshot *partial;
  GError      *error;
} LoadResult;

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@value is non-zero, failing after
 * @wait_ms. */
static void
wait_within (const guint *value, guint wait_ms)
{
  gboolean timed_out = FALSE;
  guint    id = g_timeout_add (wait_ms, set_flag, &timed_out);

  while (*value == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
wait_for_nonzero (const guint *value)
{
  wait_within (value, WAIT_MS);
}

static void
wait_for (const gboolean *done)
{
  wait_for_nonzero ((const guint *) done);
}

static void
on_progress (C3vLoader *loader, const char *phase, guint done, guint total, Fixture *fixture)
{
  g_assert_nonnull (phase);
  g_assert_cmpuint (done, <=, total);
  fixture->n_progress++;
  if (strstr (phase, "task") != NULL)
    {
      fixture->last_done = done;
      fixture->last_total = total;
    }
}

static void
on_partial (C3vLoader *loader, C3vSnapshot *snapshot, Fixture *fixture)
{
  g_assert_false (c3v_snapshot_is_complete (snapshot));
  g_ptr_array_add (fixture->partials, c3v_snapshot_ref (snapshot));
}

static C3vLoader *
loader_new (Fixture *fixture, const char *cache_dir)
{
  C3vLoader *loader = c3v_loader_new (fixture->client, cache_dir);

  g_signal_connect (loader, "progress", G_CALLBACK (on_progress), fixture);
  g_signal_connect (loader, "partial", G_CALLBACK (on_partial), fixture);
  return loader;
}

/* @data: the C3vFakeEcsOptions to serve, or NULL for the usual ones. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  C3vFakeEcsOptions options
      = { .seed = SEED, .large_instances = N_INSTANCES, .large_tasks = N_TASKS };
  g_autoptr (C3vCredentials) credentials
      = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL, 0);
  g_autoptr (C3vCredentialsProvider) provider = c3v_credentials_provider_new_static (credentials);
  g_autoptr (GError) error = NULL;

  fixture->fake = c3v_fake_ecs_new (data != NULL ? data : &options);
  g_assert_true (c3v_fake_ecs_start (fixture->fake, 0, &error));
  g_assert_no_error (error);
  fixture->client
      = c3v_ecs_client_new (provider, C3V_FAKE_ECS_REGION, c3v_fake_ecs_get_url (fixture->fake));
  fixture->cache_dir = g_dir_make_tmp ("c3vis-loader-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->partials = g_ptr_array_new_with_free_func ((GDestroyNotify) c3v_snapshot_unref);
  fixture->loader = loader_new (fixture, fixture->cache_dir);
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->loader);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->partials, g_ptr_array_unref);
  remove_dir (fixture->cache_dir);
  g_free (fixture->cache_dir);
}

static void
load_result_clear (LoadResult *result)
{
  g_clear_pointer (&result->snapshot, c3v_snapshot_unref);
  g_clear_pointer (&result->partial, c3v_snapshot_unref);
  g_clear_error (&result->error);
  result->done = FALSE;
}

static void
on_loaded (GObject *source, GAsyncResult *res, gpointer user_data)
{
  LoadResult *result = user_data;

  result->snapshot
      = c3v_loader_load_finish (C3V_LOADER (source), res, &result->partial, &result->error);
  g_assert_true ((result->snapshot == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
load (C3vLoader *loader, const char *cluster, GCancellable *cancellable, LoadResult *result)
{
  c3v_loader_load_async (loader, cluster, cancellable, on_loaded, result);
  wait_for (&result->done);
}

static guint
count_calls (Fixture *fixture, const char *operation)
{
  GArray *log = c3v_fake_ecs_get_call_log (fixture->fake);
  guint   n = 0;

  for (guint i = 0; i < log->len; i++)
    n += g_strcmp0 (g_array_index (log, C3vFakeCall, i).operation, operation) == 0;

  return n;
}

/* Everything the fake serves for @name is in @snapshot, as it should be. */
static void
assert_matches_fake (Fixture *fixture, C3vSnapshot *snapshot, const char *name)
{
  C3vFakeCluster *cluster
      = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fixture->fake), name, FALSE);
  guint n_running = 0;

  g_assert_nonnull (cluster);
  g_assert_cmpstr (c3v_snapshot_get_cluster_name (snapshot), ==, name);
  g_assert_cmpstr (c3v_snapshot_get_cluster_arn (snapshot), ==, cluster->arn);
  g_assert_cmpstr (c3v_snapshot_get_region (snapshot), ==, C3V_FAKE_ECS_REGION);
  g_assert_cmpuint (c3v_snapshot_get_n_instances (snapshot), ==, cluster->instances->len);
  g_assert_cmpuint (c3v_snapshot_get_n_services (snapshot), ==, cluster->services->len);

  for (guint i = 0; i < cluster->instances->len; i++)
    {
      C3vFakeInstance   *expected = g_ptr_array_index (cluster->instances, i);
      gint               at = c3v_snapshot_find_instance (snapshot, expected->arn);
      const C3vInstance *instance;

      g_assert_cmpint (at, >=, 0);
      instance = c3v_snapshot_get_instance (snapshot, (guint) at);
      g_assert_cmpstr (instance->ec2_instance_id, ==, expected->ec2_instance_id);
      g_assert_cmpstr (instance->instance_type, ==, expected->instance_type);
      g_assert_cmpstr (instance->availability_zone, ==, expected->availability_zone);
      g_assert_cmpuint (instance->registered_cpu, ==, expected->registered_cpu);
      g_assert_cmpuint (instance->remaining_memory, ==, expected->remaining_memory);
    }

  for (guint i = 0; i < cluster->tasks->len; i++)
    {
      C3vFakeTask   *expected = g_ptr_array_index (cluster->tasks, i);
      gint           at = c3v_snapshot_find_task (snapshot, expected->arn);
      const C3vTask *task;

      /* What should run and what still runs though asked to stop: a
       * task that has stopped holds nothing and is not shown. */
      if (strcmp (expected->last_status, "STOPPED") == 0)
        {
          g_assert_cmpint (at, ==, -1);
          continue;
        }

      n_running++;
      g_assert_cmpint (at, >=, 0);
      task = c3v_snapshot_get_task (snapshot, (guint) at);
      g_assert_cmpuint (task->reserved_cpu, ==, c3v_fake_task_reserved_cpu (expected));
      g_assert_cmpuint (task->reserved_memory, ==, c3v_fake_task_reserved_memory (expected));
      g_assert_cmpstr (task->family, ==, expected->definition->family);
      g_assert_cmpuint (task->revision, ==, expected->definition->revision);
      if (expected->instance != NULL)
        g_assert_cmpstr (c3v_snapshot_get_instance (snapshot, (guint) task->instance_index)->arn,
                         ==, expected->instance->arn);
      else
        g_assert_cmpint (task->instance_index, ==, -1);
    }
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, n_running);

  /* Sorted by ARN: the same cluster dumps the same, however answers came. */
  for (guint i = 1; i < c3v_snapshot_get_n_tasks (snapshot); i++)
    g_assert_cmpint (strcmp (c3v_snapshot_get_task (snapshot, i - 1)->arn,
                             c3v_snapshot_get_task (snapshot, i)->arn),
                     <, 0);
}

static void
test_load_cluster (Fixture *fixture, gconstpointer data)
{
  LoadResult result = { 0 };

  /* Latency spreads the load over enough time for partial snapshots. */
  c3v_fake_ecs_set_latency (fixture->fake, 40);
  load (fixture->loader, "production", NULL, &result);
  g_assert_no_error (result.error);
  g_assert_null (result.partial);
  g_assert_true (c3v_snapshot_is_complete (result.snapshot));
  assert_matches_fake (fixture, result.snapshot, "production");
  for (guint i = 0; i < c3v_snapshot_get_n_instances (result.snapshot); i++)
    g_assert_false (c3v_snapshot_get_instance (result.snapshot, i)->mismatch);

  g_assert_cmpuint (fixture->n_progress, >, 0);
  g_assert_cmpuint (fixture->last_done, ==, c3v_snapshot_get_n_tasks (result.snapshot));
  g_assert_cmpuint (fixture->last_total, ==, c3v_snapshot_get_n_tasks (result.snapshot));
  g_assert_cmpuint (fixture->partials->len, >, 0);
  for (guint i = 0; i < fixture->partials->len; i++)
    g_assert_cmpuint (c3v_snapshot_get_n_tasks (g_ptr_array_index (fixture->partials, i)), <=,
                      c3v_snapshot_get_n_tasks (result.snapshot));

  /* Each page is described as it arrives: describes start before the
   * last ListTasks page is answered. One more page lists the tasks on
   * their way down (desiredStatus STOPPED): the fake has a few. */
  g_assert_cmpuint (count_calls (fixture, "ListTasks"), ==, (N_TASKS + 99) / 100 + 1);
  load_result_clear (&result);
}

static guint
count_live_tasks (C3vFakeCluster *cluster)
{
  guint n = 0;

  for (guint i = 0; i < cluster->tasks->len; i++)
    n += strcmp (((C3vFakeTask *) g_ptr_array_index (cluster->tasks, i))->last_status, "STOPPED")
         != 0;
  return n;
}

static guint
count_tasks_asked_to_stop (C3vFakeCluster *cluster)
{
  guint n = 0;

  for (guint i = 0; i < cluster->tasks->len; i++)
    n += strcmp (((C3vFakeTask *) g_ptr_array_index (cluster->tasks, i))->desired_status, "STOPPED")
         == 0;
  return n;
}

#define PAGES(n, per_page) (((n) + (per_page) -1) / (per_page))

/* Thousands of every kind: each chain runs for dozens of pages, past
 * any round number a pagination bug could stop at, and every item of
 * every page is in the snapshot, exactly once. */
static const C3vFakeEcsOptions large_options = {
  .seed = SEED,
  .large_instances = 2000,
  .large_tasks = 6000,
  .large_services = 2000,
  .large_stopping = 2000,
};

/* Loading it takes seconds, more under a sanitizer on a busy machine. */
#define LARGE_WAIT_MS 100000

static void
test_large_chains (Fixture *fixture, gconstpointer data)
{
  C3vFakeCluster *cluster = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fixture->fake),
                                                           "production", FALSE);
  guint           n_stopping = count_tasks_asked_to_stop (cluster);
  guint           n_live = count_live_tasks (cluster);
  LoadResult      result = { 0 };

  g_assert_cmpuint (cluster->instances->len, ==, 2000);
  g_assert_cmpuint (cluster->services->len, ==, 2000);
  g_assert_cmpuint (n_stopping, >=, 2000);
  g_assert_cmpuint (n_live, ==, 6000 + 2000);

  c3v_loader_load_async (fixture->loader, "production", NULL, on_loaded, &result);
  wait_within ((const guint *) &result.done, LARGE_WAIT_MS);
  g_assert_no_error (result.error);
  g_assert_true (c3v_snapshot_is_complete (result.snapshot));
  g_assert_cmpuint (c3v_snapshot_get_n_instances (result.snapshot), ==, 2000);
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (result.snapshot), ==, n_live);
  g_assert_cmpuint (c3v_snapshot_get_n_services (result.snapshot), ==, 2000);
  g_assert_cmpuint (c3v_snapshot_get_n_failures (result.snapshot), ==, 0);
  assert_matches_fake (fixture, result.snapshot, "production");
  /* Every instance's tasks were all found: ECS's accounting agrees. */
  for (guint i = 0; i < c3v_snapshot_get_n_instances (result.snapshot); i++)
    g_assert_false (c3v_snapshot_get_instance (result.snapshot, i)->mismatch);
  g_assert_cmpuint (fixture->last_done, ==, n_live);
  g_assert_cmpuint (fixture->last_total, ==, n_live);

  /* Each page once, each item described once, in full batches. */
  g_assert_cmpuint (count_calls (fixture, "ListContainerInstances"), ==, PAGES (2000, 100));
  g_assert_cmpuint (count_calls (fixture, "DescribeContainerInstances"), ==, PAGES (2000, 100));
  g_assert_cmpuint (count_calls (fixture, "ListTasks"), ==,
                    PAGES (6000, 100) + PAGES (n_stopping, 100));
  g_assert_cmpuint (count_calls (fixture, "DescribeTasks"), ==,
                    PAGES (6000, 100) + PAGES (n_stopping, 100));
  g_assert_cmpuint (count_calls (fixture, "ListServices"), ==, PAGES (2000, 100));
  g_assert_cmpuint (count_calls (fixture, "DescribeServices"), ==, PAGES (2000, 10));
  load_result_clear (&result);
}

static void
test_small_clusters (Fixture *fixture, gconstpointer data)
{
  const char *names[] = { "staging", "empty", "fargate-only", "team_a-batch_v2" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      LoadResult result = { 0 };

      load (fixture->loader, names[i], NULL, &result);
      g_assert_no_error (result.error);
      assert_matches_fake (fixture, result.snapshot, names[i]);
      load_result_clear (&result);
    }
}

static void
test_cluster_by_arn (Fixture *fixture, gconstpointer data)
{
  C3vFakeCluster *cluster
      = c3v_fake_account_find_cluster (c3v_fake_ecs_get_account (fixture->fake), "staging", FALSE);
  LoadResult result = { 0 };

  load (fixture->loader, cluster->arn, NULL, &result);
  g_assert_no_error (result.error);
  assert_matches_fake (fixture, result.snapshot, "staging");
  load_result_clear (&result);
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return strstr (contents, needle) != NULL;
}

static void
test_task_definition_cache (Fixture *fixture, gconstpointer data)
{
  LoadResult result = { 0 };
  g_autoptr (C3vLoader) fresh = NULL;
  g_autoptr (C3vLoader) memory_only = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint       n_files = 0;

  load (fixture->loader, "production", NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (count_calls (fixture, "DescribeTaskDefinition"), >, 0);
  load_result_clear (&result);

  /* A refresh asks for no definition again... */
  c3v_fake_ecs_clear_call_log (fixture->fake);
  load (fixture->loader, "production", NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (count_calls (fixture, "DescribeTaskDefinition"), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "DescribeTasks"), >, 0);
  assert_matches_fake (fixture, result.snapshot, "production");
  load_result_clear (&result);

  /* ...nor does a new loader that finds them on disk... */
  fresh = loader_new (fixture, fixture->cache_dir);
  load (fresh, "production", NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (count_calls (fixture, "DescribeTaskDefinition"), ==, 0);
  assert_matches_fake (fixture, result.snapshot, "production");
  load_result_clear (&result);

  /* ...where only what drawing needs was written, never environment. */
  dir = g_dir_open (fixture->cache_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->cache_dir, name, NULL);

      g_assert_true (g_str_has_suffix (name, ".json"));
      g_assert_false (file_contains (path, "C3VIS-SECRET-ENV-VALUE"));
      g_assert_false (file_contains (path, "environment"));
      g_assert_true (file_contains (path, "containerDefinitions"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >, 0);

  /* Without a cache directory, a new loader must ask again. */
  memory_only = loader_new (fixture, NULL);
  load (memory_only, "production", NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (count_calls (fixture, "DescribeTaskDefinition"), ==, n_files);
  load_result_clear (&result);
}

static void
test_throttling_retried (Fixture *fixture, gconstpointer data)
{
  LoadResult result = { 0 };

  c3v_fake_ecs_add_fault (fixture->fake, "ListTasks", C3V_FAKE_FAULT_THROTTLE, 2);
  c3v_fake_ecs_add_fault (fixture->fake, "DescribeTasks", C3V_FAKE_FAULT_THROTTLE, 1);
  c3v_fake_ecs_add_fault (fixture->fake, "DescribeContainerInstances", C3V_FAKE_FAULT_SERVER_ERROR,
                          1);
  load (fixture->loader, "production", NULL, &result);
  g_assert_no_error (result.error);
  assert_matches_fake (fixture, result.snapshot, "production");
  load_result_clear (&result);
}

/* Many calls throttled or failing: the load either gets through whole or
 * ends with an ECS error and what it had, never anything in between. */
static void
test_flaky_endpoint (Fixture *fixture, gconstpointer data)
{
  LoadResult result = { 0 };

  c3v_fake_ecs_set_fault_rates (fixture->fake, 0.15, 0.05);
  for (guint i = 0; i < 3; i++)
    {
      load (fixture->loader, "production", NULL, &result);
      g_test_message ("load %u: %s", i, result.error != NULL ? result.error->message : "complete");
      if (result.error != NULL)
        {
          g_assert_true (result.error->domain == C3V_ECS_ERROR);
          g_assert_nonnull (result.partial);
          g_assert_false (c3v_snapshot_is_complete (result.partial));
        }
      else
        {
          g_assert_null (result.partial);
          assert_matches_fake (fixture, result.snapshot, "production");
        }
      load_result_clear (&result);
    }
}

static void
test_cluster_deleted (Fixture *fixture, gconstpointer data)
{
  LoadResult result = { 0 };

  /* Some pages arrive, then the cluster goes away under the load. */
  c3v_fake_ecs_set_latency (fixture->fake, 5);
  c3v_fake_ecs_delete_cluster (fixture->fake, "production", 6);
  load (fixture->loader, "production", NULL, &result);
  g_assert_error (result.error, C3V_ECS_ERROR, C3V_ECS_ERROR_CLUSTER_NOT_FOUND);
  g_assert_cmpstr (result.error->message, ==, "Cluster “production” no longer exists");
  g_assert_null (result.snapshot);
  g_assert_nonnull (result.partial);
  g_assert_false (c3v_snapshot_is_complete (result.partial));
  load_result_clear (&result);
}

static void
test_cluster_missing (Fixture *fixture, gconstpointer data)
{
  LoadResult result = { 0 };

  load (fixture->loader, "no-such-cluster", NULL, &result);
  g_assert_error (result.error, C3V_ECS_ERROR, C3V_ECS_ERROR_CLUSTER_NOT_FOUND);
  g_assert_cmpstr (result.error->message, ==, "Cluster “no-such-cluster” does not exist");
  g_assert_nonnull (result.partial);
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (result.partial), ==, 0);
  load_result_clear (&result);
}

static void
test_new_load_cancels_old (Fixture *fixture, gconstpointer data)
{
  LoadResult first = { 0 };
  LoadResult second = { 0 };

  c3v_fake_ecs_set_latency (fixture->fake, 30);
  c3v_loader_load_async (fixture->loader, "production", NULL, on_loaded, &first);
  /* Let the first load get going: its first answers are in. */
  wait_for_nonzero (&fixture->n_progress);

  g_ptr_array_set_size (fixture->partials, 0);
  c3v_loader_load_async (fixture->loader, "staging", NULL, on_loaded, &second);
  wait_for (&first.done);
  wait_for (&second.done);

  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.partial);
  g_assert_no_error (second.error);
  assert_matches_fake (fixture, second.snapshot, "staging");
  /* Nothing of the stale load was published after the new one began. */
  for (guint i = 0; i < fixture->partials->len; i++)
    g_assert_cmpstr (c3v_snapshot_get_cluster_name (g_ptr_array_index (fixture->partials, i)), ==,
                     "staging");
  load_result_clear (&first);
  load_result_clear (&second);
}

static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  LoadResult result = { 0 };
  guint      n_progress;

  c3v_fake_ecs_set_latency (fixture->fake, 30);
  c3v_loader_load_async (fixture->loader, "production", cancellable, on_loaded, &result);
  wait_for_nonzero (&fixture->n_progress);
  g_cancellable_cancel (cancellable);
  n_progress = fixture->n_progress;
  wait_for (&result.done);

  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_progress, ==, n_progress);
  load_result_clear (&result);
}

typedef struct
{
  gboolean   done;
  GPtrArray *clusters;
  GError    *error;
} ListResult;

static void
on_listed (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ListResult *result = user_data;

  result->clusters = c3v_loader_list_clusters_finish (C3V_LOADER (source), res, &result->error);
  result->done = TRUE;
}

static void
test_list_clusters (Fixture *fixture, gconstpointer data)
{
  C3vFakeAccount *account = c3v_fake_ecs_get_account (fixture->fake);
  ListResult      result = { 0 };

  c3v_loader_list_clusters_async (fixture->loader, NULL, on_listed, &result);
  wait_for (&result.done);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.clusters->len, ==, account->clusters->len);

  for (guint i = 0; i < result.clusters->len; i++)
    {
      const C3vClusterSummary *summary = g_ptr_array_index (result.clusters, i);
      C3vFakeCluster *cluster = c3v_fake_account_find_cluster (account, summary->name, FALSE);

      g_assert_nonnull (cluster);
      g_assert_cmpstr (summary->arn, ==, cluster->arn);
      g_assert_cmpstr (summary->status, ==, "ACTIVE");
      g_assert_cmpuint (summary->registered_instances, ==, cluster->instances->len);
      g_assert_cmpuint (summary->active_services, ==, cluster->services->len);
      if (i > 0)
        g_assert_cmpint (
            g_utf8_collate (
                ((C3vClusterSummary *) g_ptr_array_index (result.clusters, i - 1))->name,
                summary->name),
            <, 0);
    }
  g_ptr_array_unref (result.clusters);
}

int
main (int argc, char *argv[])
{
  /* Retries in milliseconds, not seconds. */
  g_setenv ("C3VIS_RETRY_BASE_MS", "1", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/loader/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("load-cluster", test_load_cluster);
  ADD ("small-clusters", test_small_clusters);
  ADD ("cluster-by-arn", test_cluster_by_arn);
  ADD ("task-definition-cache", test_task_definition_cache);
  ADD ("throttling-retried", test_throttling_retried);
  ADD ("flaky-endpoint", test_flaky_endpoint);
  ADD ("cluster-deleted", test_cluster_deleted);
  ADD ("cluster-missing", test_cluster_missing);
  ADD ("new-load-cancels-old", test_new_load_cancels_old);
  ADD ("cancel", test_cancel);
  ADD ("list-clusters", test_list_clusters);
#undef ADD
  g_test_add ("/loader/large-chains", Fixture, &large_options, fixture_set_up, test_large_chains,
              fixture_tear_down);

  return g_test_run ();
}
