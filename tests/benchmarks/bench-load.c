/* bench-load.c: how fast a large cluster loads against per-call latency.
 *
 * Starts the fake ECS endpoint in-process with a given size and latency,
 * loads its "production" cluster through the real client and prints the
 * wall time, the calls by operation, the peak requests in flight, the peak
 * RSS and the lower bound: the sequential list pages of the longest chain
 * plus the describe rounds that must follow its last page, times the
 * latency. A second load must then ask for no task definition.
 *
 * It also measures the longest stall of the main loop during the first
 * load, building a layout for every partial snapshot as the window does:
 * loading must never freeze the window (target: no gap over 50 ms).
 *
 *   bench-load [--instances 1000] [--tasks 10000] [--latency-ms 30]
 *              [--throttle-rate 0.3] [--token-bucket 50:20]
 *
 * With throttling (a share of calls at random, or ECS-like token buckets
 * per action group) it also prints the calls answered and throttled, and
 * for the buckets the least time they allow: in each group, the calls
 * beyond the burst at the refill rate (target: within 1.3x, at most 10%
 * of calls throttled).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <glib/gstdio.h>
#include <malloc.h>
#include <sys/resource.h>

#include "c3v-fake-account.h"
#include "c3v-fake-ecs.h"
#include "c3v-fake-throttle.h"
#include "c3v-layout.h"
#include "c3v-loader.h"

#define PAGE_SIZE 100
#define TICK_MS   5

static const char *operations[] = {
  "DescribeClusters", "ListContainerInstances", "DescribeContainerInstances",
  "ListTasks",        "DescribeTasks",          "DescribeTaskDefinition",
  "ListServices",     "DescribeServices",
};

typedef struct
{
  gboolean     done;
  C3vSnapshot *snapshot;
  GError      *error;
} Load;

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Load *load = user_data;

  load->snapshot = c3v_loader_load_finish (C3V_LOADER (source), result, NULL, &load->error);
  load->done = TRUE;
}

typedef struct
{
  gint64 last_tick;
  gint64 longest_gap;
  guint  n_partials;
} MainLoopWatch;

static gboolean
on_tick (gpointer user_data)
{
  MainLoopWatch *watch = user_data;
  gint64         now = g_get_monotonic_time ();

  if (watch->last_tick != 0)
    watch->longest_gap = MAX (watch->longest_gap, now - watch->last_tick);
  watch->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* What the window does with each partial snapshot: lay it out. */
static void
on_partial (C3vLoader *loader, C3vSnapshot *snapshot, gpointer user_data)
{
  MainLoopWatch *watch = user_data;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions options;

  c3v_layout_options_init (&options);
  options.available_width = 1600;
  layout = c3v_layout_new (snapshot, &options);
  watch->n_partials++;
}

/* Wall seconds of one load of "production". */
static double
run_load (C3vLoader *loader, C3vSnapshot **snapshot)
{
  Load   load = { 0 };
  gint64 start = g_get_monotonic_time ();
  double seconds;

  c3v_loader_load_async (loader, "production", NULL, on_loaded, &load);
  while (!load.done)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  if (load.error != NULL)
    g_error ("Load failed: %s", load.error->message);
  *snapshot = load.snapshot;
  return seconds;
}

static gboolean
is_throttled (const C3vFakeCall *call)
{
  return call->status == 400 || call->status == 429;
}

/* Calls of @operation (NULL: any) answered, or throttled. */
static guint
count_answers (C3vFakeEcs *fake, const char *operation, gboolean throttled)
{
  GArray *log = c3v_fake_ecs_get_call_log (fake);
  guint   n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      const C3vFakeCall *call = &g_array_index (log, C3vFakeCall, i);

      n += (operation == NULL || g_strcmp0 (call->operation, operation) == 0)
           && is_throttled (call) == throttled;
    }
  return n;
}

static guint
count_calls (C3vFakeEcs *fake, const char *operation)
{
  return count_answers (fake, operation, FALSE) + count_answers (fake, operation, TRUE);
}

/* The least time the buckets allow for the calls answered: in each action
 * group, those beyond the burst arrive at the refill rate. */
static double
bucket_bound (C3vFakeEcs *fake, guint capacity, double refill)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer       count;
  double         bound = 0;

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      char *group = c3v_fake_throttle_group (operations[i]);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (groups, group));

      g_hash_table_replace (groups, group,
                            GUINT_TO_POINTER (n + count_answers (fake, operations[i], FALSE)));
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &count))
    bound = MAX (bound, ((double) GPOINTER_TO_UINT (count) - capacity) / refill);
  return bound;
}

static guint
pages (guint n_items)
{
  return MAX (1, (n_items + PAGE_SIZE - 1) / PAGE_SIZE);
}

/* Calls that must follow one another, whatever the concurrency. */
static guint
critical_path (C3vSnapshot *snapshot, C3vFakeEcs *fake)
{
  guint definition_round = count_calls (fake, "DescribeTaskDefinition") > 0 ? 1 : 0;
  guint tasks = pages (c3v_snapshot_get_n_tasks (snapshot)) + 1 + definition_round;
  guint instances = pages (c3v_snapshot_get_n_instances (snapshot)) + 1;
  guint services = pages (c3v_snapshot_get_n_services (snapshot)) + 1;

  return MAX (tasks, MAX (instances, services));
}

static void
print_calls (C3vFakeEcs *fake)
{
  guint total = 0, total_throttled = 0;

  g_print ("  %-28s %8s %9s\n", "", "answered", "throttled");
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      guint n = count_answers (fake, operations[i], FALSE);
      guint throttled = count_answers (fake, operations[i], TRUE);

      g_print ("  %-28s %8u %9u\n", operations[i], n, throttled);
      total += n;
      total_throttled += throttled;
    }
  g_print ("  %-28s %8u %9u (%.1f%% of %u calls)\n", "total", total, total_throttled,
           100.0 * total_throttled / MAX (total + total_throttled, 1), total + total_throttled);
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int argc, char *argv[])
{
  gint             n_instances = 1000, n_tasks = 10000, latency_ms = 30, max_in_flight = 0;
  double           throttle_rate = 0;
  g_autofree char *token_bucket = NULL;
  GOptionEntry     entries[]
      = { { "instances", 0, 0, G_OPTION_ARG_INT, &n_instances, "Container instances", "N" },
          { "throttle-rate", 0, 0, G_OPTION_ARG_DOUBLE, &throttle_rate,
            "Share of calls throttled at random (0..1)", "RATE" },
          { "token-bucket", 0, 0, G_OPTION_ARG_STRING, &token_bucket,
            "ECS-like token buckets per action group", "CAPACITY:REFILL" },
          { "tasks", 0, 0, G_OPTION_ARG_INT, &n_tasks, "Tasks", "N" },
          { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Latency of every call", "MS" },
          { "max-in-flight", 0, 0, G_OPTION_ARG_INT, &max_in_flight, "Client limit (0: default)",
            "N" },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new ("- load benchmark");
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vFakeEcs) fake = NULL;
  g_autoptr (C3vCredentials) credentials = NULL;
  g_autoptr (C3vCredentialsProvider) provider = NULL;
  g_autoptr (C3vEcsClient) client = NULL;
  g_autoptr (C3vLoader) loader = NULL;
  g_autoptr (C3vSnapshot) first = NULL;
  g_autoptr (C3vSnapshot) second = NULL;
  g_autofree char  *cache_dir = NULL;
  C3vFakeEcsOptions options = { 0 };
  MainLoopWatch     watch = { 0 };
  guint             watch_id;
  gulong            partial_id;
  long              rss_before;
  double            wall, bound, again;
  guint             path, definitions_again, n_tasks_loaded;
  size_t            heap_before;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_instances < 1 || n_tasks < 1
      || latency_ms < 0 || max_in_flight < 0 || throttle_rate < 0 || throttle_rate > 1
      || (token_bucket != NULL
          && !c3v_fake_throttle_parse (token_bucket, &options.bucket_capacity,
                                       &options.bucket_refill)))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Sizes must be positive");
      return 2;
    }

  options.seed = 1;
  options.large_instances = (guint) n_instances;
  options.large_tasks = (guint) n_tasks;
  options.latency_ms = (guint) latency_ms;
  options.throttle_rate = throttle_rate;
  fake = c3v_fake_ecs_new (&options);
  if (!c3v_fake_ecs_start (fake, 0, &error))
    g_error ("Cannot start the fake endpoint: %s", error->message);

  credentials
      = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL, 0);
  provider = c3v_credentials_provider_new_static (credentials);
  client = c3v_ecs_client_new (provider, C3V_FAKE_ECS_REGION, c3v_fake_ecs_get_url (fake));
  if (max_in_flight > 0)
    c3v_ecs_client_set_max_in_flight (client, (guint) max_in_flight);
  cache_dir = g_dir_make_tmp ("c3vis-bench-XXXXXX", &error);
  g_assert_no_error (error);
  loader = c3v_loader_new (client, cache_dir);

  rss_before = peak_rss_kib ();
  watch_id = g_timeout_add (TICK_MS, on_tick, &watch);
  partial_id = g_signal_connect (loader, "partial", G_CALLBACK (on_partial), &watch);
  wall = run_load (loader, &first);
  g_source_remove (watch_id);
  g_signal_handler_disconnect (loader, partial_id);
  path = critical_path (first, fake);
  bound = path * latency_ms / 1000.0;

  g_print ("cluster: %u instances, %u tasks, %u services; latency %d ms; max in flight %u\n",
           c3v_snapshot_get_n_instances (first), c3v_snapshot_get_n_tasks (first),
           c3v_snapshot_get_n_services (first), latency_ms,
           c3v_ecs_client_get_max_in_flight (client));
  g_print ("first load:  %.3f s wall; lower bound %.3f s (%u sequential calls); ratio %.2f (target "
           "<= 1.25)\n",
           wall, bound, path, bound > 0 ? wall / bound : 0);
  if (options.bucket_capacity > 0)
    {
      double allowed
          = MAX (bucket_bound (fake, options.bucket_capacity, options.bucket_refill), bound);

      g_print ("token buckets %u:%g per action group allow %.3f s: ratio %.2f (target <= 1.3)\n",
               options.bucket_capacity, options.bucket_refill, allowed,
               allowed > 0 ? wall / allowed : 0);
    }
  g_print ("calls:\n");
  print_calls (fake);
  g_print ("peak in flight: %u (client), %u (fake)\n", c3v_ecs_client_get_peak_in_flight (client),
           c3v_fake_ecs_get_peak_in_flight (fake));
  g_print ("peak RSS: %ld KiB (fake account and endpoint included; %ld KiB before loading)\n",
           peak_rss_kib (), rss_before);

  g_print (
      "longest main-loop stall: %.1f ms over a %d ms tick, with a layout of each of %u partial "
      "snapshots (target < 50 ms)\n",
      MAX (0, watch.longest_gap / 1000.0 - TICK_MS), TICK_MS, watch.n_partials);

  c3v_fake_ecs_clear_call_log (fake);
  again = run_load (loader, &second);
  definitions_again = count_calls (fake, "DescribeTaskDefinition");
  g_print ("second load: %.3f s wall; DescribeTaskDefinition calls: %u (must be 0)\n", again,
           definitions_again);

  /* The last reference to a snapshot frees its string pool too, so the
   * heap it gives back is all it held. */
  heap_before = mallinfo2 ().uordblks;
  n_tasks_loaded = c3v_snapshot_get_n_tasks (second);
  g_clear_pointer (&second, c3v_snapshot_unref);
  g_print ("snapshot heap: %zu KiB for %u tasks\n", (heap_before - mallinfo2 ().uordblks) / 1024,
           n_tasks_loaded);

  g_rmdir (cache_dir); /* fails when not empty: the files are the cache */

  return definitions_again == 0 && n_tasks_loaded == c3v_snapshot_get_n_tasks (first) ? 0 : 1;
}
