/* c3v-cluster-row.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-cluster-row.h"
#include "c3v-task-counts.h"

struct _C3vClusterRow
{
  GtkListBoxRow parent_instance;

  char *name;
};

G_DEFINE_FINAL_TYPE (C3vClusterRow, c3v_cluster_row, GTK_TYPE_LIST_BOX_ROW)

static void
c3v_cluster_row_finalize (GObject *object)
{
  g_free (C3V_CLUSTER_ROW (object)->name);

  G_OBJECT_CLASS (c3v_cluster_row_parent_class)->finalize (object);
}

static void
c3v_cluster_row_class_init (C3vClusterRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = c3v_cluster_row_finalize;
}

static void
c3v_cluster_row_init (C3vClusterRow *self)
{
}

static char *
format_counts (const C3vClusterSummary *summary)
{
  /* Translators: the counts under a cluster's name in the sidebar. */
  g_autofree char *instance_digits = c3v_task_counts_group_digits (summary->registered_instances);
  g_autofree char *instances = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s instance", "%s instances", summary->registered_instances),
      instance_digits);
  g_autofree char *tasks = c3v_task_counts_format (summary->running_tasks, summary->pending_tasks);
  g_autofree char *services = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services", summary->active_services),
      summary->active_services);

  return g_strjoin (" · ", instances, tasks, services, NULL);
}

static GtkWidget *
make_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

GtkWidget *
c3v_cluster_row_new (const C3vClusterSummary *summary)
{
  C3vClusterRow   *self = g_object_new (C3V_TYPE_CLUSTER_ROW, NULL);
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *counts = format_counts (summary);
  GtkWidget       *name = make_label (summary->name, "cluster-name");
  GtkWidget       *counts_label;

  self->name = g_strdup (summary->name);
  gtk_widget_set_tooltip_text (name, summary->name);
  gtk_box_append (GTK_BOX (box), name);
  counts_label = make_label (counts, "cluster-counts");
  /* The counts wrap rather than be cut off ("40 se…") in a narrow sidebar. */
  gtk_label_set_ellipsize (GTK_LABEL (counts_label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (counts_label), TRUE);
  gtk_box_append (GTK_BOX (box), counts_label);
  gtk_widget_add_css_class (box, "cluster-row");
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  return GTK_WIDGET (self);
}

const char *
c3v_cluster_row_get_name (C3vClusterRow *self)
{
  g_return_val_if_fail (C3V_IS_CLUSTER_ROW (self), NULL);

  return self->name;
}
