/* c3v-eni-limits.h: how many awsvpc tasks an instance type can hold.
 *
 * Each awsvpc task takes an ENI of its own; the instance's primary ENI is
 * not available to tasks. With ENI trunking (the account setting
 * awsvpcTrunking, on supported types) a trunk ENI carries many more
 * tasks. The table holds common types (EC2 documentation, "Maximum network
 * interfaces" and the ECS "ENI trunking" table); others are unknown.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *instance_type;
  guint       max_enis;    /* network interfaces, the primary one included */
  guint       trunk_tasks; /* awsvpc tasks with trunking; 0: not supported */
} C3vEniLimit;

/* NULL for a type the table does not know. */
const C3vEniLimit *c3v_eni_limit_lookup (const char *instance_type);
/* awsvpc tasks the type can hold; G_MAXUINT when unknown (no limit is
 * applied rather than one guessed). */
guint c3v_eni_limit_task_capacity (const char *instance_type, gboolean trunking);

G_END_DECLS
