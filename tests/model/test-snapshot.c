/* test-snapshot.c: builder and snapshot: linking, sums, mismatch, unplaced
 * tasks, lookups, partial builds.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-snapshot.h"

#define CLUSTER_ARN     "arn:aws:ecs:eu-west-1:123456789012:cluster/prod"
#define INSTANCE_ARN(n) "arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/ci" n
#define TASK_ARN(n)     "arn:aws:ecs:eu-west-1:123456789012:task/prod/t" n

static C3vSnapshotBuilder *
new_builder (void)
{
  return c3v_snapshot_builder_new ("prod", CLUSTER_ARN, "eu-west-1");
}

static void
add_instance (C3vSnapshotBuilder *builder, const char *arn, guint32 registered_cpu,
              guint32 used_cpu, guint32 registered_memory, guint32 used_memory)
{
  C3vInstance instance = {
    .arn = arn,
    .ec2_instance_id = "i-0123",
    .instance_type = "m5.large",
    .availability_zone = "eu-west-1a",
    .status = "ACTIVE",
    .agent_connected = TRUE,
    .registered_cpu = registered_cpu,
    .registered_memory = registered_memory,
    .remaining_cpu = registered_cpu - used_cpu,
    .remaining_memory = registered_memory - used_memory,
    /* Garbage in the filled-by-snapshot fields must be ignored. */
    .n_tasks = 99,
    .reserved_cpu = 12345,
  };

  c3v_snapshot_builder_add_instance (builder, &instance);
}

static void
add_task (C3vSnapshotBuilder *builder, const char *arn, const char *instance_arn, gint32 cpu,
          gint32 memory)
{
  /* Container values only: the task-level ones stay unset. */
  char         family[] = "web"; /* a stack copy: the builder must copy it */
  C3vContainer containers[] = {
    { "app", "nginx:1", "RUNNING", cpu, C3V_UNSET, memory },
    { "sidecar", "envoy", "RUNNING", C3V_UNSET, C3V_UNSET, C3V_UNSET },
  };
  C3vTask task = {
    .arn = arn,
    .task_definition_arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7",
    .family = family,
    .revision = 7,
    .group = "service:web",
    .service_name = "web",
    .launch_type = instance_arn != NULL ? "EC2" : "FARGATE",
    .last_status = "RUNNING",
    .container_instance_arn = instance_arn,
    .task_cpu = C3V_UNSET,
    .task_memory = C3V_UNSET,
    .containers = containers,
    .n_containers = G_N_ELEMENTS (containers),
    .instance_index = 42,
  };

  c3v_snapshot_builder_add_task (builder, &task);
}

static void
test_linking (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  const C3vInstance *a, *b;
  const guint       *unplaced;
  guint              n_unplaced = 0;

  /* A task may arrive before its instance. */
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("b"), 256, 512);
  add_instance (builder, INSTANCE_ARN ("a"), 2048, 0, 8192, 0);
  add_instance (builder, INSTANCE_ARN ("b"), 2048, 768, 8192, 768);
  add_task (builder, TASK_ARN ("2"), NULL, 1024, 2048);
  add_task (builder, TASK_ARN ("3"), INSTANCE_ARN ("b"), 512, 256);
  add_task (builder, TASK_ARN ("4"), INSTANCE_ARN ("gone"), 1, 1);
  snapshot = c3v_snapshot_builder_build (builder, 1000, TRUE);

  g_assert_cmpuint (c3v_snapshot_get_n_instances (snapshot), ==, 2);
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 4);
  a = c3v_snapshot_get_instance (snapshot, 0);
  b = c3v_snapshot_get_instance (snapshot, 1);
  g_assert_cmpstr (a->id, ==, "cia");
  g_assert_cmpuint (a->n_tasks, ==, 0);
  g_assert_cmpuint (a->reserved_cpu, ==, 0);
  g_assert_cmpuint (b->n_tasks, ==, 2);
  g_assert_cmpuint (b->task_indices[0], ==, 0);
  g_assert_cmpuint (b->task_indices[1], ==, 2);
  g_assert_cmpint (c3v_snapshot_get_task (snapshot, 0)->instance_index, ==, 1);
  g_assert_cmpint (c3v_snapshot_get_task (snapshot, 1)->instance_index, ==, -1);
  g_assert_cmpstr (c3v_snapshot_get_task (snapshot, 0)->id, ==, "t1");

  /* Fargate and tasks of unknown instances are unplaced, in task order. */
  unplaced = c3v_snapshot_get_unplaced_tasks (snapshot, &n_unplaced);
  g_assert_cmpuint (n_unplaced, ==, 2);
  g_assert_cmpuint (unplaced[0], ==, 1);
  g_assert_cmpuint (unplaced[1], ==, 3);
}

static void
test_sums_and_mismatch (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  const C3vInstance *agree, *differ;

  add_instance (builder, INSTANCE_ARN ("agree"), 2048, 768, 8192, 768);
  add_instance (builder, INSTANCE_ARN ("differ"), 2048, 1024, 8192, 512);
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("agree"), 256, 512);
  add_task (builder, TASK_ARN ("2"), INSTANCE_ARN ("agree"), 512, 256);
  add_task (builder, TASK_ARN ("3"), INSTANCE_ARN ("differ"), 512, 512);
  snapshot = c3v_snapshot_builder_build (builder, 1000, TRUE);

  agree = c3v_snapshot_get_instance (snapshot, 0);
  differ = c3v_snapshot_get_instance (snapshot, 1);
  g_assert_cmpuint (c3v_instance_get_reserved (agree, C3V_RESOURCE_CPU), ==, 768);
  g_assert_cmpuint (c3v_instance_get_reserved (agree, C3V_RESOURCE_MEMORY), ==, 768);
  g_assert_cmpuint (c3v_instance_get_registered (agree, C3V_RESOURCE_CPU), ==, 2048);
  g_assert_cmpuint (c3v_instance_get_registered (agree, C3V_RESOURCE_MEMORY), ==, 8192);
  g_assert_false (agree->mismatch);
  g_assert_true (differ->mismatch);
  g_assert_cmpuint (c3v_task_get_reserved (c3v_snapshot_get_task (snapshot, 0), C3V_RESOURCE_CPU),
                    ==, 256);
  g_assert_cmpuint (
      c3v_task_get_reserved (c3v_snapshot_get_task (snapshot, 0), C3V_RESOURCE_MEMORY), ==, 512);
}

static void
test_lookups_and_interning (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autofree char *label = NULL;
  g_autofree char *arn = g_strdup (TASK_ARN ("2"));

  add_instance (builder, INSTANCE_ARN ("a"), 1024, 0, 1024, 0);
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("a"), 1, 1);
  add_task (builder, TASK_ARN ("2"), INSTANCE_ARN ("a"), 1, 1);
  snapshot = c3v_snapshot_builder_build (builder, 1000, TRUE);

  g_assert_cmpint (c3v_snapshot_find_task (snapshot, arn), ==, 1);
  g_assert_cmpint (c3v_snapshot_find_task (snapshot, TASK_ARN ("9")), ==, -1);
  g_assert_cmpint (c3v_snapshot_find_task (snapshot, NULL), ==, -1);
  g_assert_cmpint (c3v_snapshot_find_instance (snapshot, INSTANCE_ARN ("a")), ==, 0);
  g_assert_cmpint (c3v_snapshot_find_instance (snapshot, INSTANCE_ARN ("b")), ==, -1);

  /* The same family, AZ and image are stored once. */
  g_assert_true (c3v_snapshot_get_task (snapshot, 0)->family
                 == c3v_snapshot_get_task (snapshot, 1)->family);
  g_assert_true (c3v_snapshot_get_task (snapshot, 0)->containers[0].image
                 == c3v_snapshot_get_task (snapshot, 1)->containers[0].image);
  label = c3v_task_dup_label (c3v_snapshot_get_task (snapshot, 0));
  g_assert_cmpstr (label, ==, "web:7");
  g_assert_cmpstr (c3v_snapshot_get_cluster_name (snapshot), ==, "prod");
  g_assert_cmpstr (c3v_snapshot_get_cluster_arn (snapshot), ==, CLUSTER_ARN);
  g_assert_cmpstr (c3v_snapshot_get_region (snapshot), ==, "eu-west-1");
  g_assert_cmpint (c3v_snapshot_get_fetched_at (snapshot), ==, 1000);
}

static void
test_partial (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) first = NULL;
  g_autoptr (C3vSnapshot) second = NULL;
  C3vFailure failure = { INSTANCE_ARN ("x"), "MISSING", NULL };

  add_instance (builder, INSTANCE_ARN ("a"), 2048, 256, 2048, 512);
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("a"), 128, 256);
  first = c3v_snapshot_builder_build (builder, 1000, FALSE);

  add_task (builder, TASK_ARN ("2"), INSTANCE_ARN ("a"), 128, 256);
  c3v_snapshot_builder_add_failure (builder, &failure);
  second = c3v_snapshot_builder_build (builder, 2000, TRUE);

  /* The first snapshot did not change when the builder went on. */
  g_assert_false (c3v_snapshot_is_complete (first));
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (first), ==, 1);
  g_assert_cmpuint (c3v_snapshot_get_n_failures (first), ==, 0);
  g_assert_cmpuint (c3v_snapshot_get_instance (first, 0)->n_tasks, ==, 1);
  g_assert_cmpint (c3v_snapshot_find_task (first, TASK_ARN ("2")), ==, -1);
  /* A partial snapshot lacks tasks by design: no mismatch yet. */
  g_assert_false (c3v_snapshot_get_instance (first, 0)->mismatch);

  g_assert_true (c3v_snapshot_is_complete (second));
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (second), ==, 2);
  g_assert_cmpuint (c3v_snapshot_get_instance (second, 0)->reserved_cpu, ==, 256);
  g_assert_false (c3v_snapshot_get_instance (second, 0)->mismatch);
  g_assert_cmpuint (c3v_snapshot_get_n_failures (second), ==, 1);
  g_assert_cmpstr (c3v_snapshot_get_failure (second, 0)->reason, ==, "MISSING");
  g_assert_null (c3v_snapshot_get_failure (second, 0)->detail);

  /* The builder may go away before its snapshots. */
  g_clear_pointer (&builder, c3v_snapshot_builder_free);
  g_assert_cmpstr (c3v_snapshot_get_task (first, 0)->containers[1].name, ==, "sidecar");
  g_assert_cmpstr (c3v_snapshot_get_cluster_name (second), ==, "prod");
}

static void
test_replace_same_arn (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;

  add_instance (builder, INSTANCE_ARN ("a"), 2048, 0, 2048, 0);
  add_instance (builder, INSTANCE_ARN ("b"), 2048, 0, 2048, 0);
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("a"), 128, 256);
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("b"), 64, 32);
  add_instance (builder, INSTANCE_ARN ("a"), 4096, 0, 2048, 0);
  snapshot = c3v_snapshot_builder_build (builder, 1000, TRUE);

  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 1);
  g_assert_cmpuint (c3v_snapshot_get_n_instances (snapshot), ==, 2);
  g_assert_cmpuint (c3v_snapshot_get_instance (snapshot, 0)->registered_cpu, ==, 4096);
  g_assert_cmpuint (c3v_snapshot_get_instance (snapshot, 0)->n_tasks, ==, 0);
  g_assert_cmpuint (c3v_snapshot_get_instance (snapshot, 1)->reserved_cpu, ==, 64);
  g_assert_cmpuint (c3v_snapshot_get_task (snapshot, 0)->n_containers, ==, 2);
  g_assert_cmpint (c3v_snapshot_get_task (snapshot, 0)->containers[0].memory_reservation, ==, 32);
}

static void
test_sort (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) before = NULL;
  g_autoptr (C3vSnapshot) snapshot = NULL;

  add_task (builder, TASK_ARN ("3"), INSTANCE_ARN ("b"), 3, 30);
  add_instance (builder, INSTANCE_ARN ("b"), 2048, 0, 2048, 0);
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("a"), 1, 10);
  add_instance (builder, INSTANCE_ARN ("a"), 2048, 0, 2048, 0);
  add_task (builder, TASK_ARN ("2"), INSTANCE_ARN ("b"), 2, 20);
  before = c3v_snapshot_builder_build (builder, 1, FALSE);
  c3v_snapshot_builder_sort (builder);
  /* Replacing after sorting finds the moved slot. */
  add_task (builder, TASK_ARN ("2"), INSTANCE_ARN ("b"), 4, 40);
  snapshot = c3v_snapshot_builder_build (builder, 2, TRUE);

  g_assert_cmpstr (c3v_snapshot_get_task (before, 0)->id, ==, "t3");
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const C3vTask   *task = c3v_snapshot_get_task (snapshot, i);
      g_autofree char *id = g_strdup_printf ("t%u", i + 1);

      g_assert_cmpstr (task->id, ==, id);
      g_assert_cmpint (c3v_snapshot_find_task (snapshot, task->arn), ==, (gint) i);
    }
  /* Containers moved with their tasks. */
  g_assert_cmpint (c3v_snapshot_get_task (snapshot, 0)->containers[0].memory_reservation, ==, 10);
  g_assert_cmpint (c3v_snapshot_get_task (snapshot, 1)->containers[0].memory_reservation, ==, 40);
  g_assert_cmpint (c3v_snapshot_get_task (snapshot, 2)->containers[0].memory_reservation, ==, 30);
  g_assert_cmpstr (c3v_snapshot_get_instance (snapshot, 0)->id, ==, "cia");
  g_assert_cmpuint (c3v_snapshot_get_instance (snapshot, 1)->n_tasks, ==, 2);
  g_assert_cmpuint (c3v_snapshot_get_instance (snapshot, 1)->reserved_cpu, ==, 7);
  g_assert_cmpint (c3v_snapshot_get_task (snapshot, 0)->instance_index, ==, 0);
}

/* Services and failures come in batches answered in any order: sorted,
 * the same cluster dumps the same. */
static void
test_sort_services_and_failures (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  C3vService web = { "arn:aws:ecs:eu-west-1:1:service/prod/web", "web" };
  C3vService api = { "arn:aws:ecs:eu-west-1:1:service/prod/api", "api" };
  C3vFailure gone = { TASK_ARN ("9"), "MISSING", NULL };
  C3vFailure anonymous = { NULL, "MISSING", NULL };
  C3vFailure early = { TASK_ARN ("1"), "MISSING", NULL };

  c3v_snapshot_builder_add_service (builder, &web);
  c3v_snapshot_builder_add_service (builder, &api);
  c3v_snapshot_builder_add_failure (builder, &gone);
  c3v_snapshot_builder_add_failure (builder, &anonymous);
  c3v_snapshot_builder_add_failure (builder, &early);
  c3v_snapshot_builder_sort (builder);
  snapshot = c3v_snapshot_builder_build (builder, 1, TRUE);

  g_assert_cmpstr (c3v_snapshot_get_service (snapshot, 0)->name, ==, "api");
  g_assert_cmpstr (c3v_snapshot_get_service (snapshot, 1)->name, ==, "web");
  g_assert_null (c3v_snapshot_get_failure (snapshot, 0)->arn);
  g_assert_cmpstr (c3v_snapshot_get_failure (snapshot, 1)->arn, ==, TASK_ARN ("1"));
  g_assert_cmpstr (c3v_snapshot_get_failure (snapshot, 2)->arn, ==, TASK_ARN ("9"));
}

static void
test_services (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  C3vService service
      = { "arn:aws:ecs:eu-west-1:1:service/prod/web", "web", "ACTIVE", NULL, "EC2", 3, 2, 1 };

  c3v_snapshot_builder_add_service (builder, &service);
  snapshot = c3v_snapshot_builder_build (builder, 1000, TRUE);

  g_assert_cmpuint (c3v_snapshot_get_n_services (snapshot), ==, 1);
  g_assert_cmpstr (c3v_snapshot_get_service (snapshot, 0)->name, ==, "web");
  g_assert_cmpuint (c3v_snapshot_get_service (snapshot, 0)->pending_count, ==, 1);
}

/* Tasks of 2³¹−1 + 2³¹−1 + 4 MiB add up to 2³² + 2: a 32-bit sum wraps
 * to 2, which would even agree with an instance that says 2 MiB are used. */
static void
test_sums_do_not_wrap (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  const C3vInstance *instance;

  add_instance (builder, INSTANCE_ARN ("a"), 2048, 3, 4096, 2);
  add_task (builder, TASK_ARN ("1"), INSTANCE_ARN ("a"), G_MAXINT32, G_MAXINT32);
  add_task (builder, TASK_ARN ("2"), INSTANCE_ARN ("a"), G_MAXINT32, G_MAXINT32);
  add_task (builder, TASK_ARN ("3"), INSTANCE_ARN ("a"), 4, 4);
  snapshot = c3v_snapshot_builder_build (builder, 1, TRUE);

  instance = c3v_snapshot_get_instance (snapshot, 0);
  g_assert_cmpuint (instance->reserved_memory, ==, 2 * (guint64) G_MAXINT32 + 4);
  g_assert_cmpuint (instance->reserved_cpu, ==, 2 * (guint64) G_MAXINT32 + 4);
  g_assert_true (instance->mismatch);
  /* What is drawn saturates instead of wrapping. */
  g_assert_cmpuint (c3v_instance_get_reserved (instance, C3V_RESOURCE_MEMORY), ==, G_MAXUINT32);
  g_assert_cmpuint (c3v_instance_get_reserved (instance, C3V_RESOURCE_CPU), ==, G_MAXUINT32);
}

/* ListServices may repeat an ARN (a hostile or broken endpoint, or a
 * page asked for twice): a service is listed once, the last word wins. */
static void
test_services_once (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  C3vService web = { "arn:aws:ecs:eu-west-1:1:service/prod/web", "web", "ACTIVE", NULL, "EC2", 3 };
  C3vService api = { "arn:aws:ecs:eu-west-1:1:service/prod/api", "api", "ACTIVE", NULL, "EC2", 1 };
  C3vService again = web;

  again.desired_count = 5;
  c3v_snapshot_builder_add_service (builder, &web);
  c3v_snapshot_builder_add_service (builder, &api);
  c3v_snapshot_builder_add_service (builder, &again);
  snapshot = c3v_snapshot_builder_build (builder, 1, FALSE);
  g_assert_cmpuint (c3v_snapshot_get_n_services (snapshot), ==, 2);
  g_assert_cmpuint (c3v_snapshot_get_service (snapshot, 0)->desired_count, ==, 5);

  c3v_snapshot_builder_sort (builder);
  c3v_snapshot_builder_add_service (builder, &web);
  g_clear_pointer (&snapshot, c3v_snapshot_unref);
  snapshot = c3v_snapshot_builder_build (builder, 1, TRUE);
  g_assert_cmpuint (c3v_snapshot_get_n_services (snapshot), ==, 2);
  g_assert_cmpstr (c3v_snapshot_get_service (snapshot, 0)->name, ==, "api");
  g_assert_cmpstr (c3v_snapshot_get_service (snapshot, 1)->name, ==, "web");
  g_assert_cmpuint (c3v_snapshot_get_service (snapshot, 1)->desired_count, ==, 3);
}

static void
test_empty (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("x", NULL, NULL);
  g_autoptr (C3vSnapshot) snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  g_autoptr (C3vSnapshot) named = NULL;
  guint n = 1;

  c3v_snapshot_builder_set_arn (builder, "arn:aws:ecs:r:1:cluster/x");
  named = c3v_snapshot_builder_build (builder, 0, TRUE);
  g_assert_cmpstr (c3v_snapshot_get_cluster_arn (named), ==, "arn:aws:ecs:r:1:cluster/x");

  g_assert_cmpuint (c3v_snapshot_get_n_instances (snapshot), ==, 0);
  g_assert_cmpuint (c3v_snapshot_get_n_tasks (snapshot), ==, 0);
  g_assert_nonnull (c3v_snapshot_get_unplaced_tasks (snapshot, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (c3v_snapshot_get_cluster_arn (snapshot));
  g_assert_true (G_TYPE_IS_BOXED (C3V_TYPE_SNAPSHOT));
}

static void
test_large (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = new_builder ();
  g_autoptr (C3vSnapshot) snapshot = NULL;
  guint   n_instances = 1000, n_tasks = 20000;
  guint64 total = 0;

  for (guint i = 0; i < n_instances; i++)
    {
      g_autofree char *arn = g_strdup_printf (INSTANCE_ARN ("%04u"), i);

      add_instance (builder, arn, 4096, 0, 16384, 0);
    }
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autofree char *arn = g_strdup_printf (TASK_ARN ("%06u"), i);
      g_autofree char *instance = g_strdup_printf (INSTANCE_ARN ("%04u"), i % n_instances);

      add_task (builder, arn, instance, 10, 20);
      /* Partial builds along the way must stay cheap and correct. */
      if (i % 5000 == 4999)
        {
          g_autoptr (C3vSnapshot) partial = c3v_snapshot_builder_build (builder, i, FALSE);

          g_assert_cmpuint (c3v_snapshot_get_n_tasks (partial), ==, i + 1);
        }
    }
  snapshot = c3v_snapshot_builder_build (builder, 1, TRUE);

  for (guint i = 0; i < n_instances; i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (snapshot, i);

      g_assert_cmpuint (instance->n_tasks, ==, n_tasks / n_instances);
      total += instance->reserved_cpu;
    }
  g_assert_cmpuint (total, ==, 10 * n_tasks);
  g_assert_cmpint (c3v_snapshot_find_task (snapshot, TASK_ARN ("012345")), ==, 12345);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot/linking", test_linking);
  g_test_add_func ("/snapshot/sums-and-mismatch", test_sums_and_mismatch);
  g_test_add_func ("/snapshot/lookups-and-interning", test_lookups_and_interning);
  g_test_add_func ("/snapshot/partial", test_partial);
  g_test_add_func ("/snapshot/replace-same-arn", test_replace_same_arn);
  g_test_add_func ("/snapshot/sort", test_sort);
  g_test_add_func ("/snapshot/sort-services-and-failures", test_sort_services_and_failures);
  g_test_add_func ("/snapshot/services", test_services);
  g_test_add_func ("/snapshot/sums-do-not-wrap", test_sums_do_not_wrap);
  g_test_add_func ("/snapshot/services-once", test_services_once);
  g_test_add_func ("/snapshot/empty", test_empty);
  g_test_add_func ("/snapshot/large", test_large);

  return g_test_run ();
}
