/* c3v-cluster-view.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-cluster-view.h"

struct _C3vClusterView
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (C3vClusterView, c3v_cluster_view, GTK_TYPE_WIDGET)

static void
c3v_cluster_view_class_init (C3vClusterViewClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "clusterview");
}

static void
c3v_cluster_view_init (C3vClusterView *self)
{
}

GtkWidget *
c3v_cluster_view_new (void)
{
  return g_object_new (C3V_TYPE_CLUSTER_VIEW, NULL);
}
