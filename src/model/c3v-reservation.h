/* c3v-reservation.h: what a task reserves on its container instance.
 *
 * The rule ECS applies when it places a task (see ECS-API-NOTES.md):
 * the task-level value when set; otherwise the sum over the task's
 * containers of memoryReservation, else memory, else 0 for memory, and of
 * the container cpu, else 0, for CPU.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-snapshot.h"

G_BEGIN_DECLS

/* @task_value: the task-level value, or C3V_UNSET (any negative value). */
guint32 c3v_reservation_compute (gint32 task_value, const C3vContainer *containers,
                                 guint n_containers, C3vResource resource);
/* What one container counts for when the task has no task-level value. */
guint32 c3v_reservation_for_container (const C3vContainer *container, C3vResource resource);

G_END_DECLS
