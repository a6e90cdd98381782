/* c3v-cluster-row.h: a cluster in the sidebar (name and counts).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "c3v-loader.h"

G_BEGIN_DECLS

#define C3V_TYPE_CLUSTER_ROW (c3v_cluster_row_get_type ())
G_DECLARE_FINAL_TYPE (C3vClusterRow, c3v_cluster_row, C3V, CLUSTER_ROW, GtkListBoxRow)

GtkWidget  *c3v_cluster_row_new (const C3vClusterSummary *summary);
const char *c3v_cluster_row_get_name (C3vClusterRow *self);

G_END_DECLS
