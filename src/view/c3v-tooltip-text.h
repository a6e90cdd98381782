/* c3v-tooltip-text.h: Pango markup describing a task, an instance or a
 * legend entry, for tooltips. Every value from the API is escaped; container
 * environment values are never shown.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "model/c3v-snapshot.h"
#include "c3v-layout.h"

G_BEGIN_DECLS

char *c3v_tooltip_text_for_task (C3vSnapshot *snapshot, guint task_index);
char *c3v_tooltip_text_for_instance (C3vSnapshot *snapshot, guint instance_index);
char *c3v_tooltip_text_for_legend_entry (const C3vLegendEntry *entry);
/* Dispatches on @hit; NULL for C3V_HIT_NONE. */
char *c3v_tooltip_text_for_hit (C3vLayout *layout, const C3vHit *hit);

G_END_DECLS
