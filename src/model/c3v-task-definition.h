/* c3v-task-definition.h: the part of a task definition c3vis needs.
 *
 * A registered task definition (family:revision) never changes, so the
 * loader keeps these forever, in memory and on disk. Only what drawing
 * needs is kept: never the containers' environment or secrets.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  char         *arn;
  char         *family;
  guint         revision;
  gint32        cpu;        /* task-level, or C3V_UNSET */
  gint32        memory;     /* task-level MiB, or C3V_UNSET */
  C3vContainer *containers; /* container definitions (last_status NULL) */
  guint         n_containers;
  /* What placement needs; set after c3v_task_definition_new(), freed with
   * the definition. */
  char  *network_mode; /* "bridge", "host", "awsvpc", "none"; NULL: ECS's default */
  guint *host_ports;   /* static TCP host ports of bridge/host mode, or NULL */
  guint  n_host_ports;
  char **member_of; /* memberOf placementConstraints expressions, or NULL */
} C3vTaskDefinition;

#define C3V_TYPE_TASK_DEFINITION (c3v_task_definition_get_type ())

GType c3v_task_definition_get_type (void) G_GNUC_CONST;
/* Copies every string; @containers may be NULL when @n_containers is 0. */
C3vTaskDefinition *c3v_task_definition_new (const char *arn, const char *family, guint revision,
                                            gint32 cpu, gint32 memory,
                                            const C3vContainer *containers, guint n_containers);
C3vTaskDefinition *c3v_task_definition_ref (C3vTaskDefinition *self);
void               c3v_task_definition_unref (C3vTaskDefinition *self);
/* The definition of the container called @name, or NULL. */
const C3vContainer *c3v_task_definition_find_container (const C3vTaskDefinition *self,
                                                        const char              *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vTaskDefinition, c3v_task_definition_unref)

G_END_DECLS
