/* c3v-task-counts.h: "2,971 running · 29 pending", said the same way in the
 * sidebar and the status line. No GTK here.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "c3v-snapshot.h"

G_BEGIN_DECLS

/* @n with the locale's thousands separator ("2,971", "2.971"). */
char *c3v_task_counts_group_digits (guint n);
/* "N running · M pending" (just "N running" without pending tasks), with
 * the locale's digit grouping. */
char *c3v_task_counts_format (guint running, guint pending);
/* The same split for a snapshot: RUNNING tasks, and the others still on
 * their way up (ECS's runningTasksCount and pendingTasksCount). */
void c3v_task_counts_of_snapshot (C3vSnapshot *snapshot, guint *running, guint *pending);

G_END_DECLS
