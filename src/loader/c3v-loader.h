/* c3v-loader.h: loads whole clusters from ECS into snapshots.
 *
 * Pages and batches its calls, runs independent chains concurrently, caches
 * task definitions (in memory and on disk), reports progress and publishes
 * partial snapshots while it loads.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "c3v-ecs-client.h"
#include "c3v-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *arn;
  const char *status;
  guint       registered_instances;
  guint       running_tasks;
  guint       pending_tasks;
  guint       active_services;
} C3vClusterSummary;

#define C3V_TYPE_LOADER (c3v_loader_get_type ())
G_DECLARE_FINAL_TYPE (C3vLoader, c3v_loader, C3V, LOADER, GObject)

/* Signals:
 *   "progress" (const char *phase, guint done, guint total)
 *       phase is translated, e.g. "Describing tasks"
 *   "partial"  (C3vSnapshot *snapshot)  a partial snapshot while loading
 * Neither is emitted for a load that was cancelled. */

/* @cache_dir: where task definitions persist (NULL: memory only). */
C3vLoader    *c3v_loader_new (C3vEcsClient *client, const char *cache_dir);
C3vEcsClient *c3v_loader_get_client (C3vLoader *self);

/* ListClusters (all pages) + DescribeClusters: a GPtrArray of
 * C3vClusterSummary, sorted by name, freed with the array. */
/* A load that is not done after this long fails with what it has
 * (the `load-timeout` setting); 0: never. */
#define C3V_LOADER_DEFAULT_LOAD_TIMEOUT_S 300
void       c3v_loader_set_load_timeout (C3vLoader *self, guint timeout_s);
void       c3v_loader_list_clusters_async (C3vLoader *self, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *c3v_loader_list_clusters_finish (C3vLoader *self, GAsyncResult *result, GError **error);

/* Starting a load cancels the previous one. On error, @partial (if not
 * NULL) receives what was loaded before it. */
void         c3v_loader_load_async (C3vLoader *self, const char *cluster, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
C3vSnapshot *c3v_loader_load_finish (C3vLoader *self, GAsyncResult *result, C3vSnapshot **partial,
                                     GError **error);

G_END_DECLS
