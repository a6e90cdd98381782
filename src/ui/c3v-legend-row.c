/* c3v-legend-row.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-legend-row.h"

struct _C3vLegendRow
{
  GtkWidget parent_instance;

  C3vLegendItem *item;
  GtkWidget     *swatch;
  GtkWidget     *label;
  GtkWidget     *count;
};

G_DEFINE_FINAL_TYPE (C3vLegendRow, c3v_legend_row, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  C3vLegendRow  *self = user_data;
  const C3vRgba *color;

  if (self->item == NULL)
    return;

  color = c3v_legend_item_get_color (self->item);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
update_highlighted (C3vLegendRow *self)
{
  gboolean highlighted = self->item != NULL && c3v_legend_item_get_highlighted (self->item);

  if (highlighted)
    gtk_widget_add_css_class (GTK_WIDGET (self), "highlighted");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "highlighted");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED, highlighted,
                               -1);
}

static void
c3v_legend_row_dispose (GObject *object)
{
  C3vLegendRow *self = C3V_LEGEND_ROW (object);
  GtkWidget    *child;

  c3v_legend_row_set_item (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (c3v_legend_row_parent_class)->dispose (object);
}

static void
c3v_legend_row_class_init (C3vLegendRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = c3v_legend_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legendrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
c3v_legend_row_init (C3vLegendRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 8);

  self->swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->swatch), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->swatch), draw_swatch, self, NULL);
  gtk_widget_set_valign (self->swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->swatch, widget);

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_set_parent (self->label, widget);

  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");
  gtk_widget_set_parent (self->count, widget);
}

GtkWidget *
c3v_legend_row_new (void)
{
  return g_object_new (C3V_TYPE_LEGEND_ROW, NULL);
}

void
c3v_legend_row_set_item (C3vLegendRow *self, C3vLegendItem *item)
{
  g_autofree char *count = NULL;
  const char      *label;

  g_return_if_fail (C3V_IS_LEGEND_ROW (self));

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);

  label = item != NULL ? c3v_legend_item_get_label (item) : "";
  count = item != NULL ? g_strdup_printf ("%u", c3v_legend_item_get_n_tasks (item)) : NULL;
  gtk_label_set_text (GTK_LABEL (self->label), label);
  gtk_widget_set_tooltip_text (self->label, item != NULL ? label : NULL);
  gtk_label_set_text (GTK_LABEL (self->count), count != NULL ? count : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (self->swatch);
  if (item != NULL)
    g_signal_connect_swapped (item, "notify::highlighted", G_CALLBACK (update_highlighted), self);
  update_highlighted (self);
}
