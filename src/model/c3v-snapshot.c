/* c3v-snapshot.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-snapshot-private.h"
#include "c3v-boxed-type.h"

C3V_DEFINE_BOXED_TYPE (C3vSnapshot, c3v_snapshot, c3v_snapshot_ref, c3v_snapshot_unref)

/* @n_items structs of @item_size bytes, each with its ARN @arn_offset
 * bytes in: ARN -> index + 1. */
static GHashTable *
index_arns (gconstpointer items, gsize item_size, gsize arn_offset, guint n_items)
{
  GHashTable   *index = g_hash_table_new (g_str_hash, g_str_equal);
  const guint8 *p = items;

  for (guint i = 0; i < n_items; i++)
    {
      const char *arn
          = *(const char *const *) (gconstpointer) (p + (gsize) i * item_size + arn_offset);

      if (arn != NULL)
        g_hash_table_insert (index, (gpointer) arn, GUINT_TO_POINTER (i + 1));
    }

  return index;
}

static gint
lookup_arn (GHashTable *index, const char *arn)
{
  if (arn == NULL)
    return -1;

  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (index, arn)) - 1;
}

static void
c3v_snapshot_link_tasks (C3vSnapshot *self)
{
  g_autofree guint *fill = g_new0 (guint, self->n_instances + 1);
  guint             n_placed = 0;

  for (guint i = 0; i < self->n_tasks; i++)
    {
      C3vTask     *task = &self->tasks[i];
      C3vInstance *instance;

      task->instance_index = lookup_arn (self->instance_by_arn, task->container_instance_arn);
      if (task->instance_index < 0)
        {
          self->n_unplaced++;
          continue;
        }

      instance = &self->instances[task->instance_index];
      instance->n_tasks++;
      instance->reserved_cpu += task->reserved_cpu;
      instance->reserved_memory += task->reserved_memory;
      n_placed++;
    }

  /* One block for all instances' task lists, carved in instance order. */
  self->placed = g_new (guint, MAX (n_placed, 1));
  self->unplaced = g_new (guint, MAX (self->n_unplaced, 1));
  for (guint i = 0, offset = 0; i < self->n_instances; i++)
    {
      self->instances[i].task_indices = self->placed + offset;
      offset += self->instances[i].n_tasks;
    }

  for (guint i = 0, n_unplaced = 0; i < self->n_tasks; i++)
    {
      gint at = self->tasks[i].instance_index;

      if (at < 0)
        self->unplaced[n_unplaced++] = i;
      else
        self->instances[at].task_indices[fill[at]++] = i;
    }
}

static void
c3v_snapshot_check_mismatch (C3vSnapshot *self)
{
  for (guint i = 0; i < self->n_instances; i++)
    {
      C3vInstance *instance = &self->instances[i];
      gint64       ecs_cpu = (gint64) instance->registered_cpu - instance->remaining_cpu;
      gint64       ecs_memory = (gint64) instance->registered_memory - instance->remaining_memory;

      /* A partial snapshot lacks tasks by design: only a complete one can
       * disagree with ECS. */
      instance->mismatch
          = self->complete
            && (ecs_cpu < 0 || ecs_memory < 0 || (guint64) ecs_cpu != instance->reserved_cpu
                || (guint64) ecs_memory != instance->reserved_memory);
    }
}

C3vSnapshot *
c3v_snapshot_new_take (C3vStringPool *pool, C3vInstance *instances, guint n_instances,
                       C3vTask *tasks, guint n_tasks, C3vContainer *containers,
                       C3vService *services, guint n_services, C3vFailure *failures,
                       guint n_failures, gboolean complete)
{
  C3vSnapshot *self = g_new0 (C3vSnapshot, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->pool = c3v_string_pool_ref (pool);
  self->complete = complete;
  self->instances = instances;
  self->n_instances = n_instances;
  self->tasks = tasks;
  self->n_tasks = n_tasks;
  self->containers = containers;
  self->services = services;
  self->n_services = n_services;
  self->failures = failures;
  self->n_failures = n_failures;

  for (guint i = 0; i < n_instances; i++)
    {
      instances[i].task_indices = NULL;
      instances[i].n_tasks = 0;
      instances[i].reserved_cpu = 0;
      instances[i].reserved_memory = 0;
    }

  self->task_by_arn = index_arns (tasks, sizeof (C3vTask), G_STRUCT_OFFSET (C3vTask, arn), n_tasks);
  self->instance_by_arn = index_arns (instances, sizeof (C3vInstance),
                                      G_STRUCT_OFFSET (C3vInstance, arn), n_instances);
  c3v_snapshot_link_tasks (self);
  c3v_snapshot_check_mismatch (self);

  return self;
}

C3vSnapshot *
c3v_snapshot_ref (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
c3v_snapshot_unref (C3vSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->task_by_arn);
  g_hash_table_unref (self->instance_by_arn);
  g_free (self->instances);
  g_free (self->tasks);
  g_free (self->containers);
  g_free (self->placed);
  g_free (self->unplaced);
  g_free (self->services);
  g_free (self->failures);
  c3v_string_pool_unref (self->pool);
  g_free (self);
}

const char *
c3v_snapshot_get_cluster_name (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cluster_name;
}

const char *
c3v_snapshot_get_cluster_arn (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cluster_arn;
}

const char *
c3v_snapshot_get_region (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->region;
}

gint64
c3v_snapshot_get_fetched_at (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->fetched_at;
}

gboolean
c3v_snapshot_is_complete (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->complete;
}

guint
c3v_snapshot_get_n_instances (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_instances;
}

const C3vInstance *
c3v_snapshot_get_instance (C3vSnapshot *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_instances, NULL);

  return &self->instances[index];
}

guint
c3v_snapshot_get_n_tasks (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_tasks;
}

const C3vTask *
c3v_snapshot_get_task (C3vSnapshot *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_tasks, NULL);

  return &self->tasks[index];
}

const guint *
c3v_snapshot_get_unplaced_tasks (C3vSnapshot *self, guint *n_tasks)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_tasks != NULL, NULL);

  *n_tasks = self->n_unplaced;
  return self->unplaced;
}

guint
c3v_snapshot_get_n_services (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_services;
}

const C3vService *
c3v_snapshot_get_service (C3vSnapshot *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_services, NULL);

  return &self->services[index];
}

guint
c3v_snapshot_get_n_failures (C3vSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_failures;
}

const C3vFailure *
c3v_snapshot_get_failure (C3vSnapshot *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_failures, NULL);

  return &self->failures[index];
}

gint
c3v_snapshot_find_task (C3vSnapshot *self, const char *task_arn)
{
  g_return_val_if_fail (self != NULL, -1);

  return lookup_arn (self->task_by_arn, task_arn);
}

gint
c3v_snapshot_find_instance (C3vSnapshot *self, const char *container_instance_arn)
{
  g_return_val_if_fail (self != NULL, -1);

  return lookup_arn (self->instance_by_arn, container_instance_arn);
}

char *
c3v_task_dup_label (const C3vTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);

  if (task->family == NULL)
    return g_strdup (task->task_definition_arn != NULL ? task->task_definition_arn : "");

  return g_strdup_printf ("%s:%u", task->family, task->revision);
}

guint32
c3v_task_get_reserved (const C3vTask *task, C3vResource resource)
{
  g_return_val_if_fail (task != NULL, 0);

  return resource == C3V_RESOURCE_CPU ? task->reserved_cpu : task->reserved_memory;
}

guint32
c3v_instance_get_registered (const C3vInstance *instance, C3vResource resource)
{
  g_return_val_if_fail (instance != NULL, 0);

  return resource == C3V_RESOURCE_CPU ? instance->registered_cpu : instance->registered_memory;
}

guint32
c3v_instance_get_reserved (const C3vInstance *instance, C3vResource resource)
{
  g_return_val_if_fail (instance != NULL, 0);

  return (guint32) MIN (resource == C3V_RESOURCE_CPU ? instance->reserved_cpu
                                                     : instance->reserved_memory,
                        G_MAXUINT32);
}
