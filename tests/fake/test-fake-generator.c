/* test-fake-generator.c: the synthetic account is consistent and seeded.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-account.h"

static C3vFakeAccount *
generate (guint32 seed, guint instances, guint tasks)
{
  C3vFakeAccountOptions options = { seed, "eu-west-1", instances, tasks };

  return c3v_fake_account_generate (&options);
}

static C3vFakeCluster *
cluster (C3vFakeAccount *account, const char *name)
{
  C3vFakeCluster *found = c3v_fake_account_find_cluster (account, name, FALSE);

  g_assert_nonnull (found);
  return found;
}

static guint
count_live_tasks (C3vFakeCluster *found)
{
  guint live = 0;

  for (guint i = 0; i < found->tasks->len; i++)
    {
      C3vFakeTask *task = g_ptr_array_index (found->tasks, i);

      live += strcmp (task->desired_status, "RUNNING") == 0 ? 1 : 0;
    }
  return live;
}

/* registered − remaining must equal the sum of reservations of the tasks
 * that still hold resources on each instance. */
static void
assert_reservations_consistent (C3vFakeCluster *found)
{
  g_autoptr (GHashTable) cpu = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) memory = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < found->tasks->len; i++)
    {
      C3vFakeTask *task = g_ptr_array_index (found->tasks, i);

      if (task->instance == NULL || strcmp (task->last_status, "STOPPED") == 0)
        continue;
      g_hash_table_insert (
          cpu, task->instance,
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cpu, task->instance))
                            + c3v_fake_task_reserved_cpu (task)));
      g_hash_table_insert (
          memory, task->instance,
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (memory, task->instance))
                            + c3v_fake_task_reserved_memory (task)));
    }

  for (guint i = 0; i < found->instances->len; i++)
    {
      C3vFakeInstance *instance = g_ptr_array_index (found->instances, i);

      g_assert_cmpuint (instance->remaining_cpu, <=, instance->registered_cpu);
      g_assert_cmpuint (instance->remaining_memory, <=, instance->registered_memory);
      g_assert_cmpuint (instance->registered_cpu - instance->remaining_cpu, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (cpu, instance)));
      g_assert_cmpuint (instance->registered_memory - instance->remaining_memory, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (memory, instance)));
    }
}

static void
test_reservations (void)
{
  g_autoptr (C3vFakeAccount) account = generate (7, 0, 0);

  for (guint i = 0; i < account->clusters->len; i++)
    assert_reservations_consistent (g_ptr_array_index (account->clusters, i));
}

static void
test_counts (void)
{
  g_autoptr (C3vFakeAccount) account = generate (1, 0, 0);
  C3vFakeCluster *fargate = cluster (account, "fargate-only");
  gboolean        any_draining = FALSE;
  gboolean        any_disconnected = FALSE;

  g_assert_cmpuint (cluster (account, "production")->instances->len, ==, 300);
  g_assert_cmpuint (count_live_tasks (cluster (account, "production")), ==, 3000);
  g_assert_cmpuint (cluster (account, "staging")->instances->len, ==, 6);
  g_assert_cmpuint (cluster (account, "empty")->instances->len, ==, 0);
  g_assert_cmpuint (cluster (account, "empty")->tasks->len, ==, 0);
  g_assert_cmpuint (cluster (account, "empty")->services->len, ==, 0);
  g_assert_cmpuint (fargate->instances->len, ==, 0);
  g_assert_cmpuint (fargate->tasks->len, >, 0);
  for (guint i = 0; i < fargate->tasks->len; i++)
    {
      C3vFakeTask *task = g_ptr_array_index (fargate->tasks, i);

      g_assert_null (task->instance);
      g_assert_cmpuint (task->definition->cpu, >, 0);
      g_assert_cmpuint (task->definition->memory, >, 0);
    }

  for (guint i = 0; i < cluster (account, "staging")->instances->len; i++)
    {
      C3vFakeInstance *instance = g_ptr_array_index (cluster (account, "staging")->instances, i);

      any_draining |= strcmp (instance->status, "DRAINING") == 0;
      any_disconnected |= !instance->agent_connected;
    }
  g_assert_true (any_draining);
  g_assert_true (any_disconnected);
}

/* ECS names allow letters, digits, '-' and '_': one cluster uses all. */
static void
test_cluster_names (void)
{
  g_autoptr (C3vFakeAccount) account = generate (1, 0, 0);
  gboolean mixed = FALSE;

  for (guint i = 0; i < account->clusters->len; i++)
    {
      C3vFakeCluster *found = g_ptr_array_index (account->clusters, i);

      for (const char *c = found->name; *c != '\0'; c++)
        g_assert_true (g_ascii_isalnum (*c) || *c == '-' || *c == '_');
      mixed |= strchr (found->name, '-') != NULL && strchr (found->name, '_') != NULL;
      g_assert_true (c3v_fake_account_find_cluster (account, found->arn, FALSE) == found);
    }
  g_assert_true (mixed);
}

static void
test_memory_shapes (void)
{
  g_autoptr (C3vFakeAccount) account = generate (3, 0, 0);
  guint hard = 0, soft = 0, both = 0, task_level = 0;

  for (guint i = 0; i < account->task_defs->len; i++)
    {
      C3vFakeTaskDef *def = g_ptr_array_index (account->task_defs, i);

      if (def->memory != 0)
        task_level++;
      for (guint j = 0; j < def->n_containers; j++)
        {
          C3vFakeContainerDef *container = &def->containers[j];

          hard += container->memory != 0 && container->memory_reservation == 0;
          soft += container->memory == 0 && container->memory_reservation != 0;
          both += container->memory != 0 && container->memory_reservation != 0;
          if (container->memory != 0 && container->memory_reservation != 0)
            g_assert_cmpuint (container->memory_reservation, <=, container->memory);
        }
      /* An EC2 task needs some memory stated, at one level or the other. */
      g_assert_cmpuint (c3v_fake_task_reserved_memory (&(C3vFakeTask){ .definition = def }), >, 0);
    }
  g_assert_cmpuint (hard, >, 0);
  g_assert_cmpuint (soft, >, 0);
  g_assert_cmpuint (both, >, 0);
  g_assert_cmpuint (task_level, >, 0);
}

static void
test_services_and_groups (void)
{
  g_autoptr (C3vFakeAccount) account = generate (5, 0, 0);
  C3vFakeCluster *production = cluster (account, "production");
  g_autoptr (GHashTable) running = g_hash_table_new (NULL, NULL);
  guint standalone = 0;

  g_assert_cmpuint (production->services->len, >, 10);
  for (guint i = 0; i < production->tasks->len; i++)
    {
      C3vFakeTask *task = g_ptr_array_index (production->tasks, i);

      if (task->service != NULL)
        {
          g_autofree char *group = g_strdup_printf ("service:%s", task->service->name);

          g_assert_cmpstr (task->group, ==, group);
          g_assert_true (g_str_has_prefix (task->started_by, "ecs-svc/"));
          g_assert_cmpstr (task->definition->family, ==, task->service->definition->family);
          if (strcmp (task->last_status, "RUNNING") == 0)
            g_hash_table_insert (
                running, task->service,
                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (running, task->service))
                                  + 1));
        }
      else
        {
          g_autofree char *group = g_strdup_printf ("family:%s", task->definition->family);

          g_assert_cmpstr (task->group, ==, group);
          standalone++;
        }
      g_assert_true (c3v_fake_cluster_find_task (production, task->arn) == task);
      g_assert_true (c3v_fake_cluster_find_task (production, task->id) == task);
    }
  g_assert_cmpuint (standalone, >, 0);
  for (guint i = 0; i < production->services->len; i++)
    {
      C3vFakeService *service = g_ptr_array_index (production->services, i);

      g_assert_cmpuint (service->running_count, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (running, service)));
    }
}

static GString *
fingerprint (C3vFakeAccount *account)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < account->clusters->len; i++)
    {
      C3vFakeCluster *found = g_ptr_array_index (account->clusters, i);

      for (guint j = 0; j < found->instances->len; j++)
        {
          C3vFakeInstance *instance = g_ptr_array_index (found->instances, j);

          g_string_append_printf (text, "%s %s %u %u\n", instance->arn, instance->instance_type,
                                  instance->remaining_cpu, instance->remaining_memory);
        }
      for (guint j = 0; j < found->tasks->len; j++)
        {
          C3vFakeTask *task = g_ptr_array_index (found->tasks, j);

          g_string_append_printf (text, "%s %s %.3f\n", task->arn, task->definition->arn,
                                  task->created_at);
        }
    }
  return text;
}

static void
test_determinism (void)
{
  g_autoptr (C3vFakeAccount) first = generate (42, 50, 500);
  g_autoptr (C3vFakeAccount) again = generate (42, 50, 500);
  g_autoptr (C3vFakeAccount) other = generate (43, 50, 500);
  g_autoptr (GString) first_text = fingerprint (first);
  g_autoptr (GString) again_text = fingerprint (again);
  g_autoptr (GString) other_text = fingerprint (other);

  g_assert_cmpstr (first_text->str, ==, again_text->str);
  g_assert_cmpstr (first_text->str, !=, other_text->str);
}

static void
test_big (void)
{
  g_autoptr (C3vFakeAccount) account = generate (9, 2000, 20000);
  C3vFakeCluster *production = cluster (account, "production");

  g_assert_cmpuint (production->instances->len, ==, 2000);
  g_assert_cmpuint (count_live_tasks (production), ==, 20000);
  assert_reservations_consistent (production);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake/generator/reservations", test_reservations);
  g_test_add_func ("/fake/generator/counts", test_counts);
  g_test_add_func ("/fake/generator/cluster-names", test_cluster_names);
  g_test_add_func ("/fake/generator/memory-shapes", test_memory_shapes);
  g_test_add_func ("/fake/generator/services-and-groups", test_services_and_groups);
  g_test_add_func ("/fake/generator/determinism", test_determinism);
  g_test_add_func ("/fake/generator/big", test_big);

  return g_test_run ();
}
