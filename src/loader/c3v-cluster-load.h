/* c3v-cluster-load.h: one run of loading one cluster.
 *
 * The plan: independent chains start at once, and each list page's
 * describe calls start as soon as that page's ARNs arrive:
 *   DescribeClusters                       (the cluster ARN, early "gone")
 *   ListTasks pages -> DescribeTasks (100) -> DescribeTaskDefinition
 *                                             (once per new ARN, cached)
 *   ListTasks desiredStatus STOPPED pages -> the same (tasks on their way
 *                                            down still hold their room)
 *   ListContainerInstances pages -> DescribeContainerInstances (100)
 *   ListServices pages (100) -> DescribeServices (10)
 * Every list-then-describe chain is one row of a table in
 * c3v-cluster-load.c, run by one routine. The load completes when no call
 * is left; the first error cancels the rest and the load ends with it and
 * a partial snapshot.
 *
 * Why one cluster-wide ListTasks chain: it is the only cheap listing that
 * is complete (ListTasks per container instance misses EC2 tasks still
 * waiting for capacity, and ECS throttles a fan-out of one call per
 * instance). Measured against the fake endpoint at 30 ms a call, 1,000
 * instances and 10,000 tasks, listing every task ARN took 3.34 s with the
 * chain (100 calls) and 3.53 s per instance (1,005 calls; 4.23 s with 64
 * in flight): the fan-out does not even win where nothing throttles.
 *
 * The load knows nothing of C3vLoader: it reports through the callbacks
 * it is given.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-ecs-client.h"
#include "c3v-snapshot.h"
#include "c3v-task-definition-cache.h"

G_BEGIN_DECLS

typedef struct _C3vClusterLoad C3vClusterLoad;

typedef struct
{
  /* While the load is live (never once it is cancelled or has failed):
   * @phase is translated, e.g. "Loading tasks". */
  void (*progress) (const char *phase, guint done, guint total, gpointer user_data);
  /* A partial snapshot (borrowed) while loading, at most every 100 ms. */
  void (*partial) (C3vSnapshot *snapshot, gpointer user_data);
  /* Once, at the end: the complete @snapshot, or @error and @partial
   * (what was loaded before it; NULL when cancelled). Both snapshots are
   * handed over. The load may be freed from here. */
  void (*done) (C3vSnapshot *snapshot, C3vSnapshot *partial, const GError *error,
                gpointer user_data);
} C3vClusterLoadCallbacks;

/* @cluster: a name or an ARN. @definitions is borrowed and must outlive
 * the load. */
C3vClusterLoad *c3v_cluster_load_new (C3vEcsClient *client, C3vTaskDefinitionCache *definitions,
                                      const char *cluster, const C3vClusterLoadCallbacks *callbacks,
                                      gpointer user_data);
/* The whole load fails (with a partial snapshot) when it is not done
 * within @timeout_s seconds, however slowly each call goes; 0: never.
 * Before c3v_cluster_load_start(). */
void c3v_cluster_load_set_timeout (C3vClusterLoad *self, guint timeout_s);
/* Starts the calls; cancelling @cancellable (may be NULL) stops them and
 * ends the load with G_IO_ERROR_CANCELLED. Call once. */
void c3v_cluster_load_start (C3vClusterLoad *self, GCancellable *cancellable);
/* Only once done (or never started). */
void c3v_cluster_load_free (C3vClusterLoad *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vClusterLoad, c3v_cluster_load_free)

G_END_DECLS
