/* c3v-layout-legend.c: one legend entry per label, colours that tell
 * neighbours apart, and label widths measured once.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-layout-private.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

/* How many alternative colours to try before giving up on a collision. */
#define MAX_VARIANTS (3 * C3V_PALETTE_SIZE)

static char *
dup_task_label (const C3vLayout *self, const C3vTask *task, GHashTable *services)
{
  const char *family = task->family ? task->family : "";

  if (!self->options.color_by_service)
    return c3v_task_dup_label (task);
  if (task->service_name != NULL)
    return g_strdup (task->service_name);
  /* Standalone tasks go by their family, as people know them; one named
   * like a service keeps an entry of its own. */
  if (g_hash_table_contains (services, family))
    /* Translators: a task family run outside any service of the same name */
    return g_strdup_printf (_ ("%s (standalone)"), family);
  return g_strdup (family);
}

static GHashTable *
collect_services (C3vLayout *self)
{
  GHashTable *services = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < c3v_snapshot_get_n_tasks (self->snapshot); i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (self->snapshot, i);

      if (task->service_name != NULL)
        g_hash_table_add (services, (gpointer) task->service_name);
    }
  return services;
}

static const char *
task_short_label (const C3vLayout *self, const C3vTask *task)
{
  if (self->options.color_by_service && task->service_name != NULL)
    return task->service_name;
  return task->family ? task->family : "";
}

static int
compare_legend_entries (gconstpointer a, gconstpointer b)
{
  const C3vLegendEntry *ea = a;
  const C3vLegendEntry *eb = b;

  if (ea->n_tasks != eb->n_tasks)
    return ea->n_tasks > eb->n_tasks ? -1 : 1;
  return strcmp (ea->label, eb->label);
}

void
c3v_layout_build_legend (C3vLayout *self)
{
  guint             n_tasks = c3v_snapshot_get_n_tasks (self->snapshot);
  g_autofree guint *remap = NULL;
  g_autoptr (GHashTable) services = collect_services (self);

  self->task_legend = g_new0 (guint, MAX (n_tasks, 1));

  for (guint i = 0; i < n_tasks; i++)
    {
      const C3vTask   *task = c3v_snapshot_get_task (self->snapshot, i);
      g_autofree char *label = dup_task_label (self, task, services);
      gpointer         found = g_hash_table_lookup (self->legend_index, label);
      C3vLegendEntry   entry = { 0 };

      if (found != NULL)
        {
          self->task_legend[i] = GPOINTER_TO_UINT (found) - 1;
          g_array_index (self->legend, C3vLegendEntry, self->task_legend[i]).n_tasks++;
          continue;
        }

      entry.label = g_steal_pointer (&label);
      entry.short_label = g_strdup (task_short_label (self, task));
      entry.n_tasks = 1;
      g_array_append_val (self->legend, entry);
      self->task_legend[i] = self->legend->len - 1;
      g_hash_table_insert (self->legend_index, entry.label, GUINT_TO_POINTER (self->legend->len));
    }

  /* Sort by count, then renumber the tasks' indices and the lookup table;
   * rect.x carries each entry's old index through the sort (it is only
   * placed later, by place_legend()). */
  for (guint i = 0; i < self->legend->len; i++)
    g_array_index (self->legend, C3vLegendEntry, i).rect.x = i;
  g_array_sort (self->legend, compare_legend_entries);

  remap = g_new0 (guint, MAX (self->legend->len, 1));
  for (guint i = 0; i < self->legend->len; i++)
    {
      C3vLegendEntry *entry = &g_array_index (self->legend, C3vLegendEntry, i);

      remap[(guint) entry->rect.x] = i;
      entry->rect.x = 0;
      g_hash_table_insert (self->legend_index, entry->label, GUINT_TO_POINTER (i + 1));
      c3v_palette_color_for_label (entry->label, &entry->color);
    }
  for (guint i = 0; i < n_tasks; i++)
    self->task_legend[i] = remap[self->task_legend[i]];
}

static void
add_neighbour (GPtrArray **neighbours, guint a, guint b)
{
  if (a == b)
    return;
  if (neighbours[a] == NULL)
    neighbours[a] = g_ptr_array_new ();
  if (neighbours[b] == NULL)
    neighbours[b] = g_ptr_array_new ();
  g_ptr_array_add (neighbours[a], GUINT_TO_POINTER (b));
  g_ptr_array_add (neighbours[b], GUINT_TO_POINTER (a));
}

static int
compare_entry_labels (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const C3vLegendEntry *legend = user_data;
  guint                 ia = *(const guint *) a;
  guint                 ib = *(const guint *) b;

  return strcmp (legend[ia].label, legend[ib].label);
}

/* Up to this many labels, every colour in the legend differs from every
 * other (as far as MAX_VARIANTS allows), not only from the labels whose
 * boxes touch: a reader matching a box to its legend entry must not find
 * two look-alikes. Beyond it, only touching labels are kept apart, which
 * keeps the cost linear in the number of boxes. */
#define ALL_DISTINCT_MAX 64

typedef struct
{
  C3vLegendEntry *legend;
  GPtrArray     **neighbours;
  gboolean       *settled;
  guint           n;
} Separation;

/* Whether @color would be confused with what label @other shows (once
 * settled) or will show by default (its own colour, while not settled). */
static gboolean
collides_with (const Separation *s, guint other, const C3vRgba *color)
{
  C3vRgba home;

  if (s->settled[other])
    return c3v_palette_colors_collide (&s->legend[other].color, color);
  c3v_palette_color_for_label (s->legend[other].label, &home);
  return c3v_palette_colors_collide (&home, color);
}

/* Against every other label (small legends) or the labels whose boxes
 * touch @entry's; @homes_too also avoids the own colours of labels not yet
 * settled, so a label that has to move never pushes another off its own. */
static gboolean
collides (const Separation *s, guint entry, const C3vRgba *color, gboolean homes_too)
{
  GPtrArray *near = s->neighbours[entry];

  if (s->n <= ALL_DISTINCT_MAX)
    {
      for (guint other = 0; other < s->n; other++)
        if (other != entry && (s->settled[other] || homes_too) && collides_with (s, other, color))
          return TRUE;
      return FALSE;
    }

  for (guint i = 0; near != NULL && i < near->len; i++)
    {
      guint other = GPOINTER_TO_UINT (g_ptr_array_index (near, i));

      if ((s->settled[other] || homes_too) && collides_with (s, other, color))
        return TRUE;
    }
  return FALSE;
}

/* How close @color comes to what the labels already settled show (those
 * compared by collides()): the smaller, the easier to confuse. */
static double
closest_settled (const Separation *s, guint entry, const C3vRgba *color)
{
  GPtrArray *near = s->neighbours[entry];
  double     closest = G_MAXDOUBLE;

  if (s->n <= ALL_DISTINCT_MAX)
    {
      for (guint other = 0; other < s->n; other++)
        if (other != entry && s->settled[other])
          closest = MIN (closest, c3v_rgba_distance (&s->legend[other].color, color));
      return closest;
    }
  for (guint i = 0; near != NULL && i < near->len; i++)
    {
      guint other = GPOINTER_TO_UINT (g_ptr_array_index (near, i));

      if (s->settled[other])
        closest = MIN (closest, c3v_rgba_distance (&s->legend[other].color, color));
    }
  return closest;
}

/* Every variant collides with something: the first one clear of the
 * settled labels, else the one furthest from them, never merely the last
 * one tried. */
static void
take_least_confusable_variant (const Separation *s, guint entry)
{
  C3vLegendEntry *legend_entry = &s->legend[entry];
  double          best_distance = -1;
  guint           best = 0;

  for (guint variant = 0; variant <= MAX_VARIANTS; variant++)
    {
      C3vRgba color;
      double  distance;

      c3v_palette_color_variant (legend_entry->label, variant, &color);
      if (!collides (s, entry, &color, FALSE))
        {
          legend_entry->color = color;
          return;
        }
      distance = closest_settled (s, entry, &color);
      if (distance > best_distance)
        {
          best_distance = distance;
          best = variant;
        }
    }
  c3v_palette_color_variant (legend_entry->label, best, &legend_entry->color);
}

/* A label's colour is its own (c3v_palette_color_for_label(): the same in
 * every cluster, export and session) unless a label ranked before it, in a
 * fixed order that does not depend on the cluster (label order), has a
 * look-alike colour and shares the legend or a bar with it. Only then does
 * it take the first of its own variants that collides with nothing, and
 * that variant avoids the own colours of all later labels, so one move
 * never cascades into others: a label's colour changes between clusters
 * only where one of its look-alikes is present. */
void
c3v_layout_separate_colors (C3vLayout *self)
{
  guint                  n = self->legend->len;
  C3vLegendEntry        *legend = (C3vLegendEntry *) (gpointer) self->legend->data;
  g_autofree GPtrArray **neighbours = g_new0 (GPtrArray *, MAX (n, 1));
  g_autofree gboolean   *settled = g_new0 (gboolean, MAX (n, 1));
  g_autofree guint      *order = g_new0 (guint, MAX (n, 1));
  const C3vLayoutBox    *boxes = (const C3vLayoutBox *) (gpointer) self->boxes->data;
  Separation             s = { legend, neighbours, settled, n };

  for (guint i = 1; i < self->boxes->len; i++)
    if (boxes[i].bar_index == boxes[i - 1].bar_index
        || g_array_index (self->bars, C3vLayoutBar, boxes[i].bar_index).instance_index < 0)
      add_neighbour (neighbours, boxes[i].legend_index, boxes[i - 1].legend_index);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_entry_labels, legend);

  for (guint i = 0; i < n; i++)
    {
      guint           index = order[i];
      C3vLegendEntry *entry = &legend[index];

      c3v_palette_color_for_label (entry->label, &entry->color);
      if (collides (&s, index, &entry->color, FALSE))
        {
          guint variant = 1;

          /* First a variant clear of everyone, else one clear of the
           * settled labels at least. */
          for (; variant <= MAX_VARIANTS; variant++)
            {
              c3v_palette_color_variant (entry->label, variant, &entry->color);
              if (!collides (&s, index, &entry->color, TRUE))
                break;
            }
          if (variant > MAX_VARIANTS)
            take_least_confusable_variant (&s, index);
        }
      settled[index] = TRUE;
    }

  for (guint i = 0; i < n; i++)
    g_clear_pointer (&neighbours[i], g_ptr_array_unref);
}

/* Widths in pixels of @texts in @font, at the painter's resolution. */
void
c3v_layout_measure_texts (const char *font, const char *const *texts, guint n_texts, double *widths)
{
  PangoFontMap         *font_map = pango_cairo_font_map_get_default ();
  PangoContext         *context = pango_font_map_create_context (font_map);
  PangoFontDescription *description = pango_font_description_from_string (font);
  PangoLayout          *layout;

  pango_cairo_context_set_resolution (context, C3V_FONT_DPI);
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, description);

  for (guint i = 0; i < n_texts; i++)
    {
      int width = 0;

      pango_layout_set_text (layout, texts[i] ? texts[i] : "", -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widths[i] = width;
    }

  pango_font_description_free (description);
  g_object_unref (layout);
  g_object_unref (context);
}

/* Box labels are drawn only where they fit; measuring each label once here
 * keeps that decision out of the paint path. */
void
c3v_layout_measure_labels (C3vLayout *self)
{
  guint                   n = self->legend->len;
  g_autofree const char **texts = g_new0 (const char *, MAX (n, 1));
  g_autofree double      *widths = g_new0 (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    texts[i] = g_array_index (self->legend, C3vLegendEntry, i).short_label;
  c3v_layout_measure_texts (C3V_FONT_BOX, texts, n, widths);
  for (guint i = 0; i < n; i++)
    g_array_index (self->legend, C3vLegendEntry, i).short_label_width = widths[i];
}
