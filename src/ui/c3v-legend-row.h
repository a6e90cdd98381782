/* c3v-legend-row.h: one legend entry beside the view (swatch, label, count).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "c3v-layout.h"

G_BEGIN_DECLS

#define C3V_TYPE_LEGEND_ROW (c3v_legend_row_get_type ())
G_DECLARE_FINAL_TYPE (C3vLegendRow, c3v_legend_row, C3V, LEGEND_ROW, GtkListBoxRow)

GtkWidget  *c3v_legend_row_new (const C3vLegendEntry *entry);
const char *c3v_legend_row_get_label (C3vLegendRow *self);

G_END_DECLS
