/* c3v-legend-row.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-legend-row.h"

struct _C3vLegendRow
{
  GtkListBoxRow parent_instance;

  char   *label;
  C3vRgba color;
};

G_DEFINE_FINAL_TYPE (C3vLegendRow, c3v_legend_row, GTK_TYPE_LIST_BOX_ROW)

static void
c3v_legend_row_finalize (GObject *object)
{
  g_free (C3V_LEGEND_ROW (object)->label);

  G_OBJECT_CLASS (c3v_legend_row_parent_class)->finalize (object);
}

static void
c3v_legend_row_class_init (C3vLegendRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = c3v_legend_row_finalize;
}

static void
c3v_legend_row_init (C3vLegendRow *self)
{
}

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  C3vLegendRow *self = user_data;

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, self->color.red, self->color.green, self->color.blue, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

GtkWidget *
c3v_legend_row_new (const C3vLegendEntry *entry)
{
  C3vLegendRow    *self = g_object_new (C3V_TYPE_LEGEND_ROW, NULL);
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget       *swatch = gtk_drawing_area_new ();
  GtkWidget       *label = gtk_label_new (entry->label);
  g_autofree char *count_text = g_strdup_printf ("%u", entry->n_tasks);
  GtkWidget       *count = gtk_label_new (count_text);

  self->label = g_strdup (entry->label);
  self->color = entry->color;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, self, NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, entry->label);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  return GTK_WIDGET (self);
}

const char *
c3v_legend_row_get_label (C3vLegendRow *self)
{
  g_return_val_if_fail (C3V_IS_LEGEND_ROW (self), NULL);

  return self->label;
}
