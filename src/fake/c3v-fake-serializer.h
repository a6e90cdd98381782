/* c3v-fake-serializer.h: account records to ECS's JSON shapes.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

#include "c3v-fake-account.h"

G_BEGIN_DECLS

/* Each adds one JSON object value to @builder. */
void c3v_fake_serialize_cluster (JsonBuilder *builder, const C3vFakeCluster *cluster,
                                 gboolean statistics, gboolean tags);
void c3v_fake_serialize_instance (JsonBuilder *builder, const C3vFakeCluster *cluster,
                                  const C3vFakeInstance *instance, gboolean tags);
void c3v_fake_serialize_task (JsonBuilder *builder, const C3vFakeCluster *cluster,
                              const C3vFakeTask *task, gboolean tags);
void c3v_fake_serialize_task_def (JsonBuilder *builder, const C3vFakeTaskDef *def);
void c3v_fake_serialize_service (JsonBuilder *builder, const C3vFakeCluster *cluster,
                                 const C3vFakeService *service);
/* {"arn": @arn, "reason": @reason} */
void c3v_fake_serialize_failure (JsonBuilder *builder, const char *arn, const char *reason);

G_END_DECLS
