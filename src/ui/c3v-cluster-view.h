/* c3v-cluster-view.h: the cluster drawing, a thin widget over src/view.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define C3V_TYPE_CLUSTER_VIEW (c3v_cluster_view_get_type ())
G_DECLARE_FINAL_TYPE (C3vClusterView, c3v_cluster_view, C3V, CLUSTER_VIEW, GtkWidget)

GtkWidget *c3v_cluster_view_new (void);

G_END_DECLS
