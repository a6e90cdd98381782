/* c3v-snapshot-private.h: what the builder fills in a new snapshot.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-snapshot.h"
#include "c3v-string-pool.h"

G_BEGIN_DECLS

struct _C3vSnapshot
{
  gatomicrefcount ref_count;
  C3vStringPool  *pool; /* owns every string below */

  const char *cluster_name;
  const char *cluster_arn;
  const char *region;
  gint64      fetched_at;
  gboolean    complete;

  C3vInstance  *instances;
  guint         n_instances;
  C3vTask      *tasks;
  guint         n_tasks;
  C3vContainer *containers; /* all tasks' containers, one block */
  guint        *placed;     /* the instances' task_indices point here */
  guint        *unplaced;
  guint         n_unplaced;
  C3vService   *services;
  guint         n_services;
  C3vFailure   *failures;
  guint         n_failures;

  GHashTable *task_by_arn;     /* arn -> index + 1 */
  GHashTable *instance_by_arn; /* arn -> index + 1 */
};

/* Takes the arrays (g_free'd with the snapshot) and links tasks to
 * instances, sums reservations, indexes ARNs. */
C3vSnapshot *c3v_snapshot_new_take (C3vStringPool *pool, C3vInstance *instances, guint n_instances,
                                    C3vTask *tasks, guint n_tasks, C3vContainer *containers,
                                    C3vService *services, guint n_services, C3vFailure *failures,
                                    guint n_failures, gboolean complete);

G_END_DECLS
