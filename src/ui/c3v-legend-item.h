/* c3v-legend-item.h: one entry of the legend model (label, colour, count,
 * whether it is highlighted).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

#include "c3v-layout.h"

G_BEGIN_DECLS

#define C3V_TYPE_LEGEND_ITEM (c3v_legend_item_get_type ())
G_DECLARE_FINAL_TYPE (C3vLegendItem, c3v_legend_item, C3V, LEGEND_ITEM, GObject)

C3vLegendItem *c3v_legend_item_new (const C3vLegendEntry *entry);
const char    *c3v_legend_item_get_label (C3vLegendItem *self);
const C3vRgba *c3v_legend_item_get_color (C3vLegendItem *self);
guint          c3v_legend_item_get_n_tasks (C3vLegendItem *self);
gboolean       c3v_legend_item_get_highlighted (C3vLegendItem *self);
void           c3v_legend_item_set_highlighted (C3vLegendItem *self, gboolean highlighted);

G_END_DECLS
