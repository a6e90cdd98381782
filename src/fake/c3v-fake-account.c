/* c3v-fake-account.c: lookups, ownership and the reservation rule.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-account-private.h"

static void
task_def_free (gpointer data)
{
  C3vFakeTaskDef *def = data;

  for (guint i = 0; i < def->n_containers; i++)
    {
      g_free (def->containers[i].name);
      g_free (def->containers[i].image);
    }
  g_free (def->containers);
  g_free (def->member_of);
  g_free (def->arn);
  g_free (def->family);
  g_free (def);
}

static void
instance_free (gpointer data)
{
  C3vFakeInstance *instance = data;

  g_free (instance->arn);
  g_free (instance->id);
  g_free (instance->ec2_instance_id);
  g_free (instance->instance_type);
  g_free (instance->availability_zone);
  g_free (instance->status);
  g_free (instance);
}

static void
task_free (gpointer data)
{
  C3vFakeTask *task = data;

  g_free (task->arn);
  g_free (task->id);
  g_free (task->group);
  g_free (task->started_by);
  g_free (task->availability_zone);
  g_free (task);
}

static void
service_free (gpointer data)
{
  C3vFakeService *service = data;

  g_free (service->arn);
  g_free (service->name);
  g_free (service);
}

static void
cluster_free (gpointer data)
{
  C3vFakeCluster *cluster = data;

  g_hash_table_unref (cluster->instance_by_id);
  g_hash_table_unref (cluster->task_by_id);
  g_ptr_array_unref (cluster->tasks);
  g_ptr_array_unref (cluster->instances);
  g_ptr_array_unref (cluster->services);
  g_free (cluster->name);
  g_free (cluster->arn);
  g_free (cluster);
}

C3vFakeAccount *
c3v_fake_account_new_empty (const char *region)
{
  C3vFakeAccount *account = g_new0 (C3vFakeAccount, 1);

  account->region = g_strdup (region);
  account->clusters = g_ptr_array_new_with_free_func (cluster_free);
  account->task_defs = g_ptr_array_new_with_free_func (task_def_free);
  account->task_def_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return account;
}

C3vFakeCluster *
c3v_fake_account_add_cluster (C3vFakeAccount *account, const char *name)
{
  C3vFakeCluster *cluster = g_new0 (C3vFakeCluster, 1);

  cluster->name = g_strdup (name);
  cluster->arn = c3v_fake_account_cluster_arn (account, name);
  cluster->instances = g_ptr_array_new_with_free_func (instance_free);
  cluster->tasks = g_ptr_array_new_with_free_func (task_free);
  cluster->services = g_ptr_array_new_with_free_func (service_free);
  cluster->instance_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  cluster->task_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (account->clusters, cluster);
  return cluster;
}

void
c3v_fake_account_free (C3vFakeAccount *account)
{
  if (account == NULL)
    return;

  g_ptr_array_unref (account->clusters);
  g_hash_table_unref (account->task_def_by_key);
  g_ptr_array_unref (account->task_defs);
  g_free (account->region);
  g_free (account);
}

char *
c3v_fake_account_cluster_arn (C3vFakeAccount *account, const char *name)
{
  return g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":cluster/%s", account->region,
                          name);
}

C3vFakeCluster *
c3v_fake_account_find_cluster (C3vFakeAccount *account, const char *name_or_arn,
                               gboolean include_deleted)
{
  gboolean is_arn = g_str_has_prefix (name_or_arn, "arn:");

  for (guint i = 0; i < account->clusters->len; i++)
    {
      C3vFakeCluster *cluster = g_ptr_array_index (account->clusters, i);
      const char     *key = is_arn ? cluster->arn : cluster->name;

      if ((include_deleted || !cluster->deleted) && strcmp (key, name_or_arn) == 0)
        return cluster;
    }
  return NULL;
}

C3vFakeTaskDef *
c3v_fake_account_find_task_def (C3vFakeAccount *account, const char *reference)
{
  const char *slash = strrchr (reference, '/');
  const char *key = g_str_has_prefix (reference, "arn:") && slash != NULL ? slash + 1 : reference;
  C3vFakeTaskDef *latest = NULL;

  if (strchr (key, ':') != NULL)
    return g_hash_table_lookup (account->task_def_by_key, key);

  for (guint i = 0; i < account->task_defs->len; i++)
    {
      C3vFakeTaskDef *def = g_ptr_array_index (account->task_defs, i);

      if (strcmp (def->family, key) == 0 && (latest == NULL || def->revision > latest->revision))
        latest = def;
    }
  return latest;
}

/* ARNs of cluster resources end in "/<cluster>/<id>": either form finds
 * the item, but an ARN must then be the item's own. */
static gpointer
lookup_resource (GHashTable *by_id, const char *id_or_arn, gsize arn_offset)
{
  const char *slash = strrchr (id_or_arn, '/');
  gboolean    is_arn = g_str_has_prefix (id_or_arn, "arn:");
  gpointer    item;
  const char *item_arn;

  if (is_arn && slash == NULL)
    return NULL;

  item = g_hash_table_lookup (by_id, is_arn ? slash + 1 : id_or_arn);
  if (item == NULL || !is_arn)
    return item;

  item_arn = G_STRUCT_MEMBER (const char *, item, arn_offset);
  return strcmp (item_arn, id_or_arn) == 0 ? item : NULL;
}

C3vFakeInstance *
c3v_fake_cluster_find_instance (C3vFakeCluster *cluster, const char *id_or_arn)
{
  return lookup_resource (cluster->instance_by_id, id_or_arn,
                          G_STRUCT_OFFSET (C3vFakeInstance, arn));
}

C3vFakeTask *
c3v_fake_cluster_find_task (C3vFakeCluster *cluster, const char *id_or_arn)
{
  return lookup_resource (cluster->task_by_id, id_or_arn, G_STRUCT_OFFSET (C3vFakeTask, arn));
}

C3vFakeService *
c3v_fake_cluster_find_service (C3vFakeCluster *cluster, const char *name_or_arn)
{
  for (guint i = 0; i < cluster->services->len; i++)
    {
      C3vFakeService *service = g_ptr_array_index (cluster->services, i);

      if (strcmp (service->name, name_or_arn) == 0 || strcmp (service->arn, name_or_arn) == 0)
        return service;
    }
  return NULL;
}

guint
c3v_fake_task_reserved_cpu (const C3vFakeTask *task)
{
  const C3vFakeTaskDef *def = task->definition;
  guint                 total = 0;

  if (def->cpu != 0)
    return def->cpu;
  for (guint i = 0; i < def->n_containers; i++)
    total += def->containers[i].cpu;
  return total;
}

guint
c3v_fake_task_reserved_memory (const C3vFakeTask *task)
{
  const C3vFakeTaskDef *def = task->definition;
  guint                 total = 0;

  if (def->memory != 0)
    return def->memory;
  for (guint i = 0; i < def->n_containers; i++)
    {
      const C3vFakeContainerDef *container = &def->containers[i];

      total
          += container->memory_reservation != 0 ? container->memory_reservation : container->memory;
    }
  return total;
}
