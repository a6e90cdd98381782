/* c3v-task-definition.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-task-definition.h"
#include "c3v-boxed-type.h"

C3V_DEFINE_BOXED_TYPE (C3vTaskDefinition, c3v_task_definition, c3v_task_definition_ref,
                       c3v_task_definition_unref)

C3vTaskDefinition *
c3v_task_definition_new (const char *arn, const char *family, guint revision, gint32 cpu,
                         gint32 memory, const C3vContainer *containers, guint n_containers)
{
  C3vTaskDefinition *self;

  g_return_val_if_fail (arn != NULL, NULL);
  g_return_val_if_fail (containers != NULL || n_containers == 0, NULL);

  self = g_atomic_rc_box_new0 (C3vTaskDefinition);
  self->arn = g_strdup (arn);
  self->family = g_strdup (family);
  self->revision = revision;
  self->cpu = cpu;
  self->memory = memory;
  self->n_containers = n_containers;
  self->containers = g_new0 (C3vContainer, MAX (n_containers, 1));
  for (guint i = 0; i < n_containers; i++)
    {
      self->containers[i] = containers[i];
      self->containers[i].name = g_strdup (containers[i].name);
      self->containers[i].image = g_strdup (containers[i].image);
      self->containers[i].last_status = NULL;
    }

  return self;
}

C3vTaskDefinition *
c3v_task_definition_ref (C3vTaskDefinition *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
c3v_task_definition_clear (gpointer data)
{
  C3vTaskDefinition *self = data;

  for (guint i = 0; i < self->n_containers; i++)
    {
      g_free ((char *) self->containers[i].name);
      g_free ((char *) self->containers[i].image);
    }
  g_free (self->containers);
  g_free (self->network_mode);
  g_free (self->host_ports);
  g_strfreev (self->member_of);
  g_free (self->arn);
  g_free (self->family);
}

void
c3v_task_definition_unref (C3vTaskDefinition *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, c3v_task_definition_clear);
}

const C3vContainer *
c3v_task_definition_find_container (const C3vTaskDefinition *self, const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (name == NULL)
    return NULL;

  /* A task definition has a handful of containers: a scan beats a hash. */
  for (guint i = 0; i < self->n_containers; i++)
    {
      if (g_strcmp0 (self->containers[i].name, name) == 0)
        return &self->containers[i];
    }

  return NULL;
}
