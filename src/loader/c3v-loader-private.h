/* c3v-loader-private.h: what one load tells its loader.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-loader.h"
#include "c3v-task-definition-cache.h"

G_BEGIN_DECLS

C3vTaskDefinitionCache *c3v_loader_get_task_definitions (C3vLoader *self);
void c3v_loader_emit_progress (C3vLoader *self, const char *phase, guint done, guint total);
void c3v_loader_emit_partial (C3vLoader *self, C3vSnapshot *snapshot);

G_END_DECLS
