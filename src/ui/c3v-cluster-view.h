/* c3v-cluster-view.h: the cluster drawing, a thin widget over src/view.
 *
 * Lays the snapshot out with C3vLayout for the width it is given, paints
 * only the visible part with C3vPainter (it is GtkScrollable, so a
 * 2,000-instance cluster costs what the window shows), answers tooltips
 * from the layout's hit test and offers a context menu on tasks.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "c3v-layout.h"

G_BEGIN_DECLS

#define C3V_TYPE_CLUSTER_VIEW (c3v_cluster_view_get_type ())
G_DECLARE_FINAL_TYPE (C3vClusterView, c3v_cluster_view, C3V, CLUSTER_VIEW, GtkWidget)

GtkWidget   *c3v_cluster_view_new (void);
void         c3v_cluster_view_set_snapshot (C3vClusterView *self, C3vSnapshot *snapshot);
C3vSnapshot *c3v_cluster_view_get_snapshot (C3vClusterView *self);
void         c3v_cluster_view_set_resource (C3vClusterView *self, C3vResource resource);
void         c3v_cluster_view_set_sort (C3vClusterView *self, C3vSortKey sort);
void         c3v_cluster_view_set_group (C3vClusterView *self, C3vGroupKey group);
void c3v_cluster_view_set_color_by_service (C3vClusterView *self, gboolean color_by_service);
void c3v_cluster_view_set_search (C3vClusterView *self, const char *search);
/* Hits of the search in the layout on screen. */
guint c3v_cluster_view_count_matches (C3vClusterView *self);
/* Focuses the next (!@forward: previous) hit, wrapping round, scrolled into
 * view; FALSE when there is none. */
gboolean c3v_cluster_view_focus_match (C3vClusterView *self, gboolean forward);
/* What the keyboard focus is on (kind C3V_HIT_NONE: nothing). */
C3vHit c3v_cluster_view_get_focus (C3vClusterView *self);
void   c3v_cluster_view_set_highlight (C3vClusterView *self, const char *const *labels);
void   c3v_cluster_view_zoom (C3vClusterView *self, double factor);
void   c3v_cluster_view_zoom_fit (C3vClusterView *self);
/* What the keyboard focus is on, as one line of text; NULL for nothing. */
char *c3v_cluster_view_dup_focus_text (C3vClusterView *self);
/* The task the arrow keys have reached, if any. */
gboolean c3v_cluster_view_get_focused_task (C3vClusterView *self, guint *task_index);
/* The legend labels highlighted, NULL-terminated, or NULL for none. */
const char *const *c3v_cluster_view_get_highlight (C3vClusterView *self);
/* The layout on screen (NULL before the first allocation). */
C3vLayout *c3v_cluster_view_get_layout (C3vClusterView *self);
/* Widget coordinates of the centre of @task_index's box, if visible. */
gboolean c3v_cluster_view_get_task_point (C3vClusterView *self, guint task_index, double *x,
                                          double *y);

G_END_DECLS
