/* c3v-cluster-load.h: one run of loading one cluster.
 *
 * The plan: four independent chains start at once and each page's
 * describe call starts as soon as that page's ARNs arrive:
 *   DescribeClusters                       (the cluster ARN, early "gone")
 *   ListContainerInstances pages -> DescribeContainerInstances (100)
 *   ListTasks pages -> DescribeTasks (100) -> DescribeTaskDefinition
 *                                             (once per new ARN, cached)
 *   ListServices pages (100) -> DescribeServices (10)
 * The load completes when no call is left; the first error cancels the
 * rest and the load ends with it and a partial snapshot.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-loader-private.h"

G_BEGIN_DECLS

typedef struct _C3vClusterLoad C3vClusterLoad;

/* Runs the load and completes @task (a C3vSnapshot, or an error), calls
 * made with @cancellable. The load is @task's task data. */
void         c3v_cluster_load_run         (C3vLoader      *loader,
                                           const char     *cluster,
                                           GCancellable   *cancellable,
                                           GTask          *task);
/* What was loaded before the error, or NULL. */
C3vSnapshot *c3v_cluster_load_get_partial (C3vClusterLoad *self);

G_END_DECLS
