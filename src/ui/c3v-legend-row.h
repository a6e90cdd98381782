/* c3v-legend-row.h: how one legend entry looks in the list (swatch,
 * label, task count), and whether it is highlighted.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "c3v-legend-item.h"

G_BEGIN_DECLS

#define C3V_TYPE_LEGEND_ROW (c3v_legend_row_get_type ())
G_DECLARE_FINAL_TYPE (C3vLegendRow, c3v_legend_row, C3V, LEGEND_ROW, GtkWidget)

GtkWidget *c3v_legend_row_new (void);
/* Shows @item (NULL: nothing), following its highlight. */
void c3v_legend_row_set_item (C3vLegendRow *self, C3vLegendItem *item);

G_END_DECLS
