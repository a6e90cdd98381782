/* c3v-snapshot-builder.c: collects a cluster as it loads, builds snapshots.
 *
 * Items live in flat arrays with interned strings, so build() is a few
 * memcpy()s plus the linking pass: cheap enough to publish partial
 * snapshots while a large cluster loads. An instance, task or service
 * added again under the same ARN replaces the earlier one in place (a
 * refresh of one page, say, or an endpoint that lists an ARN twice).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-reservation.h"
#include "c3v-snapshot-private.h"

struct _C3vSnapshotBuilder
{
  C3vStringPool *pool;
  const char    *cluster_name;
  const char    *cluster_arn;
  const char    *region;

  GArray     *instances;      /* C3vInstance */
  GHashTable *instance_index; /* arn -> index + 1 */
  GArray     *tasks;          /* C3vTask, containers unset until built */
  GArray     *task_offsets;   /* guint: first container of each task */
  GHashTable *task_index;     /* arn -> index + 1 */
  GArray     *containers;     /* C3vContainer */
  GArray     *services;       /* C3vService */
  GHashTable *service_index;  /* arn -> index + 1 */
  GArray     *failures;       /* C3vFailure */
};

C3vSnapshotBuilder *
c3v_snapshot_builder_new (const char *cluster_name, const char *cluster_arn, const char *region)
{
  C3vSnapshotBuilder *self = g_new0 (C3vSnapshotBuilder, 1);

  self->pool = c3v_string_pool_new ();
  self->cluster_name = c3v_string_pool_intern (self->pool, cluster_name);
  self->cluster_arn = c3v_string_pool_intern (self->pool, cluster_arn);
  self->region = c3v_string_pool_intern (self->pool, region);
  self->instances = g_array_new (FALSE, TRUE, sizeof (C3vInstance));
  self->instance_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->tasks = g_array_new (FALSE, TRUE, sizeof (C3vTask));
  self->task_offsets = g_array_new (FALSE, TRUE, sizeof (guint));
  self->task_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->containers = g_array_new (FALSE, TRUE, sizeof (C3vContainer));
  self->services = g_array_new (FALSE, TRUE, sizeof (C3vService));
  self->service_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->failures = g_array_new (FALSE, TRUE, sizeof (C3vFailure));

  return self;
}

void
c3v_snapshot_builder_free (C3vSnapshotBuilder *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->instances);
  g_hash_table_unref (self->instance_index);
  g_array_unref (self->tasks);
  g_array_unref (self->task_offsets);
  g_hash_table_unref (self->task_index);
  g_array_unref (self->containers);
  g_array_unref (self->services);
  g_hash_table_unref (self->service_index);
  g_array_unref (self->failures);
  c3v_string_pool_unref (self->pool);
  g_free (self);
}

static const char *
intern (C3vSnapshotBuilder *self, const char *str)
{
  return c3v_string_pool_intern (self->pool, str);
}

/* Where an item with @arn goes: its old slot, or a new one at the end. */
static guint
slot_for_arn (GArray *array, GHashTable *index, const char *arn)
{
  guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (index, arn));

  if (slot > 0)
    return slot - 1;

  g_array_set_size (array, array->len + 1);
  g_hash_table_insert (index, (gpointer) arn, GUINT_TO_POINTER (array->len));
  return array->len - 1;
}

void
c3v_snapshot_builder_set_arn (C3vSnapshotBuilder *self, const char *cluster_arn)
{
  g_return_if_fail (self != NULL);

  self->cluster_arn = intern (self, cluster_arn);
}

static const char *
last_arn_part (const char *arn)
{
  const char *slash = arn != NULL ? strrchr (arn, '/') : NULL;

  return slash != NULL ? slash + 1 : arn;
}

void
c3v_snapshot_builder_add_instance (C3vSnapshotBuilder *self, const C3vInstance *instance)
{
  const char  *arn;
  C3vInstance *copy;
  guint        slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (instance != NULL);
  g_return_if_fail (instance->arn != NULL);

  /* The slot first: finding it may grow (move) the array. */
  arn = intern (self, instance->arn);
  slot = slot_for_arn (self->instances, self->instance_index, arn);
  copy = &g_array_index (self->instances, C3vInstance, slot);
  *copy = *instance;
  copy->arn = arn;
  copy->id = intern (self, instance->id != NULL ? instance->id : last_arn_part (arn));
  copy->ec2_instance_id = intern (self, instance->ec2_instance_id);
  copy->instance_type = intern (self, instance->instance_type);
  copy->availability_zone = intern (self, instance->availability_zone);
  copy->status = intern (self, instance->status);
  copy->reserved_ports = intern (self, instance->reserved_ports);
}

static guint
add_containers (C3vSnapshotBuilder *self, const C3vTask *task)
{
  guint offset = self->containers->len;

  g_array_set_size (self->containers, offset + task->n_containers);
  for (guint i = 0; i < task->n_containers; i++)
    {
      const C3vContainer *from = &task->containers[i];
      C3vContainer       *to = &g_array_index (self->containers, C3vContainer, offset + i);

      *to = *from;
      to->name = intern (self, from->name);
      to->image = intern (self, from->image);
      to->last_status = intern (self, from->last_status);
    }

  return offset;
}

void
c3v_snapshot_builder_add_task (C3vSnapshotBuilder *self, const C3vTask *task)
{
  const char *arn;
  C3vTask    *copy;
  guint       slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (task != NULL);
  g_return_if_fail (task->arn != NULL);
  g_return_if_fail (task->containers != NULL || task->n_containers == 0);

  arn = intern (self, task->arn);
  slot = slot_for_arn (self->tasks, self->task_index, arn);
  g_array_set_size (self->task_offsets, self->tasks->len);
  g_array_index (self->task_offsets, guint, slot) = add_containers (self, task);

  copy = &g_array_index (self->tasks, C3vTask, slot);
  *copy = *task;
  copy->arn = arn;
  copy->id = intern (self, task->id != NULL ? task->id : last_arn_part (arn));
  copy->task_definition_arn = intern (self, task->task_definition_arn);
  copy->family = intern (self, task->family);
  copy->group = intern (self, task->group);
  copy->service_name = intern (self, task->service_name);
  copy->launch_type = intern (self, task->launch_type);
  copy->last_status = intern (self, task->last_status);
  copy->desired_status = intern (self, task->desired_status);
  copy->container_instance_arn = intern (self, task->container_instance_arn);
  copy->availability_zone = intern (self, task->availability_zone);
  copy->network_mode = intern (self, task->network_mode);
  copy->reserved_cpu = c3v_reservation_compute (task->task_cpu, task->containers,
                                                task->n_containers, C3V_RESOURCE_CPU);
  copy->reserved_memory = c3v_reservation_compute (task->task_memory, task->containers,
                                                   task->n_containers, C3V_RESOURCE_MEMORY);
  copy->containers = NULL;
  copy->instance_index = -1;
}

void
c3v_snapshot_builder_add_service (C3vSnapshotBuilder *self, const C3vService *service)
{
  const char *arn;
  C3vService *copy;
  guint       slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (service != NULL);
  g_return_if_fail (service->arn != NULL);

  /* The slot first: finding it may grow (move) the array. */
  arn = intern (self, service->arn);
  slot = slot_for_arn (self->services, self->service_index, arn);
  copy = &g_array_index (self->services, C3vService, slot);
  *copy = *service;
  copy->arn = arn;
  copy->name = intern (self, service->name);
  copy->status = intern (self, service->status);
  copy->task_definition_arn = intern (self, service->task_definition_arn);
  copy->launch_type = intern (self, service->launch_type);
}

void
c3v_snapshot_builder_add_failure (C3vSnapshotBuilder *self, const C3vFailure *failure)
{
  C3vFailure copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (failure != NULL);

  copy.arn = intern (self, failure->arn);
  copy.reason = intern (self, failure->reason);
  copy.detail = intern (self, failure->detail);
  g_array_append_val (self->failures, copy);
}

/* The ARN of item @index of @items, found @arn_offset bytes into it. */
static const char *
item_arn (GArray *items, gsize arn_offset, guint index)
{
  gsize size = g_array_get_element_size (items);

  return *(const char **) (gpointer) (items->data + (gsize) index * size + arn_offset);
}

typedef struct
{
  GArray *items;
  gsize   arn_offset;
} ArnOrder;

static gint
compare_arns (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const ArnOrder *by = user_data;

  return strcmp (item_arn (by->items, by->arn_offset, *(const guint *) a),
                 item_arn (by->items, by->arn_offset, *(const guint *) b));
}

/* Reorders @items, whose ARN is @arn_offset bytes into each, (and
 * @companion, one guint per item, when not NULL) by ARN and renumbers
 * @index to match. */
static void
sort_by_arn (GArray *items, gsize arn_offset, GHashTable *index, GArray *companion)
{
  gsize             size = g_array_get_element_size (items);
  g_autofree guint *order = g_new (guint, MAX (items->len, 1));
  g_autoptr (GArray) old_items = g_array_copy (items);
  g_autoptr (GArray) old_companion = companion != NULL ? g_array_copy (companion) : NULL;
  ArnOrder by = { old_items, arn_offset };

  for (guint i = 0; i < items->len; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) items->len, sizeof (guint), compare_arns, &by);

  for (guint i = 0; i < items->len; i++)
    {
      memcpy (items->data + (gsize) i * size, old_items->data + (gsize) order[i] * size, size);
      if (companion != NULL)
        g_array_index (companion, guint, i) = g_array_index (old_companion, guint, order[i]);
      g_hash_table_insert (index, (gpointer) item_arn (items, arn_offset, i),
                           GUINT_TO_POINTER (i + 1));
    }
}

static gint
compare_failures (gconstpointer a, gconstpointer b)
{
  const C3vFailure *first = a;
  const C3vFailure *second = b;
  gint              order = g_strcmp0 (first->arn, second->arn);

  if (order == 0)
    order = g_strcmp0 (first->reason, second->reason);
  return order != 0 ? order : g_strcmp0 (first->detail, second->detail);
}

void
c3v_snapshot_builder_sort (C3vSnapshotBuilder *self)
{
  g_return_if_fail (self != NULL);

  sort_by_arn (self->instances, G_STRUCT_OFFSET (C3vInstance, arn), self->instance_index, NULL);
  sort_by_arn (self->tasks, G_STRUCT_OFFSET (C3vTask, arn), self->task_index, self->task_offsets);
  /* DescribeServices batches and failures answer in any order too. */
  sort_by_arn (self->services, G_STRUCT_OFFSET (C3vService, arn), self->service_index, NULL);
  g_array_sort (self->failures, compare_failures);
}

static gpointer
dup_array (GArray *array)
{
  /* Never NULL, so an empty snapshot still has valid (empty) arrays. */
  return g_memdup2 (array->len > 0 ? array->data : "",
                    MAX ((gsize) array->len * g_array_get_element_size (array), 1));
}

C3vSnapshot *
c3v_snapshot_builder_build (C3vSnapshotBuilder *self, gint64 fetched_at, gboolean complete)
{
  C3vSnapshot  *snapshot;
  C3vTask      *tasks;
  C3vContainer *containers;

  g_return_val_if_fail (self != NULL, NULL);

  tasks = dup_array (self->tasks);
  containers = dup_array (self->containers);
  for (guint i = 0; i < self->tasks->len; i++)
    tasks[i].containers = containers + g_array_index (self->task_offsets, guint, i);

  snapshot = c3v_snapshot_new_take (self->pool, dup_array (self->instances), self->instances->len,
                                    tasks, self->tasks->len, containers, dup_array (self->services),
                                    self->services->len, dup_array (self->failures),
                                    self->failures->len, complete);
  snapshot->cluster_name = self->cluster_name;
  snapshot->cluster_arn = self->cluster_arn;
  snapshot->region = self->region;
  snapshot->fetched_at = fetched_at;

  return snapshot;
}
