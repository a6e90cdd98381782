/* c3v-legend.h: the legend beside the cluster view, as a list model, and
 * which of its entries are highlighted.
 *
 * A GListModel of C3vLegendItem that a GtkListView shows. It follows the
 * view's layout (c3v_legend_set_layout() from "layout-changed") and keeps
 * the highlight, which the view dims everything else by. No GTK here.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "c3v-layout.h"
#include "c3v-legend-item.h"

G_BEGIN_DECLS

#define C3V_TYPE_LEGEND (c3v_legend_get_type ())
G_DECLARE_FINAL_TYPE (C3vLegend, c3v_legend, C3V, LEGEND, GObject)

C3vLegend *c3v_legend_new (void);
/* Shows @layout's entries (NULL: none). The highlight is the one last
 * chosen for the layout's cluster and colouring (task definition or
 * service), less the entries this legend does not have. */
void c3v_legend_set_layout (C3vLegend *self, C3vLayout *layout);
/* A click (or Enter) on entry @position. Without @toggle it highlights
 * that entry alone, or nothing when it was highlighted alone; with @toggle
 * (Ctrl) it adds the entry to the highlight or takes it out. */
void c3v_legend_activate (C3vLegend *self, guint position, gboolean toggle);
void c3v_legend_clear_highlight (C3vLegend *self);
/* The highlighted labels, NULL-terminated, or NULL when none is. */
const char *const *c3v_legend_get_highlight (C3vLegend *self);

G_END_DECLS
