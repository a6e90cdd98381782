/* c3v-task-request.h: what is to be placed, one copy of a task.
 *
 * Made from a task definition (reservation by the view's rule, network
 * mode, static host ports, memberOf constraints) or typed by hand
 * ("memory=512,cpu=256,ports=80+443"). distinctInstance is not part of a
 * task definition (services and RunTask carry it), so it is set apart.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-task-definition.h"

G_BEGIN_DECLS

typedef enum
{
  C3V_NETWORK_BRIDGE, /* ECS's default on EC2 */
  C3V_NETWORK_HOST,
  C3V_NETWORK_AWSVPC, /* one ENI per task, no host port */
  C3V_NETWORK_NONE,
} C3vNetworkMode;

typedef struct
{
  char          *label;  /* "web:12" or "memory=512,cpu=256" */
  char          *family; /* NULL when typed by hand */
  guint32        memory; /* MiB */
  guint32        cpu;    /* CPU units */
  guint         *ports;  /* static TCP host ports, sorted, distinct */
  guint          n_ports;
  C3vNetworkMode network_mode;
  char         **member_of; /* memberOf expressions, NULL-terminated, or NULL */
  gboolean       distinct_instance;
} C3vTaskRequest;

C3vNetworkMode  c3v_network_mode_from_string (const char *mode);
C3vTaskRequest *c3v_task_request_new (guint32 memory, guint32 cpu);
C3vTaskRequest *c3v_task_request_new_from_definition (const C3vTaskDefinition *definition);
/* The typed form: "memory=MIB,cpu=UNITS[,ports=P1+P2]". NULL with a
 * G_OPTION_ERROR naming what is wrong. */
C3vTaskRequest *c3v_task_request_parse (const char *text, GError **error);
void c3v_task_request_set_ports (C3vTaskRequest *self, const guint *ports, guint n_ports);
void c3v_task_request_free (C3vTaskRequest *self);
/* qsort() and bsearch() order of two guint ports. */
int c3v_port_compare (gconstpointer a, gconstpointer b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vTaskRequest, c3v_task_request_free)

G_END_DECLS
