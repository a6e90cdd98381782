/* c3v-layout.c: snapshot + options -> rectangles.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-layout-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "c3v-summary.h"
#include "c3v-units.h"

/* Sizes at zoom 1.0, in pixels. */
#define BAR_WIDTH        26.0
#define BAR_GAP          6.0
#define MIN_BAR_WIDTH    3.0
#define MIN_BAR_GAP      1.0
#define PLOT_HEIGHT      200.0
#define MIN_PLOT_HEIGHT  16.0
#define LABEL_HEIGHT     124.0 /* at most; less when the names are short */
#define MIN_LABEL_HEIGHT 40.0
#define HEADER_HEIGHT    24.0
#define ROW_GAP          14.0
#define COMPACT_ROW_GAP  6.0
#define SUMMARY_LINE     16.0
#define SUMMARY_ZONES    8 /* at most, then the cluster line alone says it */
#define OMISSIONS_LINE   18.0
#define TITLE_HEIGHT     46.0
#define LEGEND_HEADER    30.0
#define LEGEND_ENTRY_W   270.0
#define LEGEND_ENTRY_H   20.0
/* Narrower than this, the bars would not gain from the legend beside. */
#define MIN_BARS_BESIDE 480.0
#define BESIDE_FROM     1200.0
/* A task with almost no reservation still gets a visible, hoverable box. */
#define MIN_BOX_HEIGHT 2.0

G_DEFINE_FINAL_TYPE (C3vLayout, c3v_layout, G_TYPE_OBJECT)

static void
clear_tick (gpointer data)
{
  C3vScaleTick *tick = data;

  g_free (tick->text);
}

static void
clear_row (gpointer data)
{
  C3vLayoutRow *row = data;

  g_free (row->header);
}

static void
clear_legend_entry (gpointer data)
{
  C3vLegendEntry *entry = data;

  g_free (entry->label);
  g_free (entry->short_label);
}

static void
c3v_layout_finalize (GObject *object)
{
  C3vLayout *self = (C3vLayout *) object;

  g_clear_pointer (&self->snapshot, c3v_snapshot_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->lane_ticks, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->lane_tasks, g_array_unref);
  g_clear_pointer (&self->legend_index, g_hash_table_unref);
  g_clear_pointer (&self->task_legend, g_free);
  g_clear_pointer (&self->task_box, g_free);
  g_clear_pointer (&self->instance_bar, g_free);
  g_clear_pointer (&self->summary, g_strfreev);
  if (self->omissions != NULL)
    g_string_free (self->omissions, TRUE);

  G_OBJECT_CLASS (c3v_layout_parent_class)->finalize (object);
}

static void
c3v_layout_class_init (C3vLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = c3v_layout_finalize;
}

static void
c3v_layout_init (C3vLayout *self)
{
  self->ticks = g_array_new (FALSE, TRUE, sizeof (C3vScaleTick));
  g_array_set_clear_func (self->ticks, clear_tick);
  self->lane_ticks = g_array_new (FALSE, TRUE, sizeof (C3vScaleTick));
  g_array_set_clear_func (self->lane_ticks, clear_tick);
  self->rows = g_array_new (FALSE, TRUE, sizeof (C3vLayoutRow));
  g_array_set_clear_func (self->rows, clear_row);
  self->bars = g_array_new (FALSE, TRUE, sizeof (C3vLayoutBar));
  self->boxes = g_array_new (FALSE, TRUE, sizeof (C3vLayoutBox));
  self->legend = g_array_new (FALSE, TRUE, sizeof (C3vLegendEntry));
  g_array_set_clear_func (self->legend, clear_legend_entry);
  self->legend_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->omissions = g_string_new (NULL);
}

void
c3v_layout_options_init (C3vLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->resource = C3V_RESOURCE_MEMORY;
  options->sort = C3V_SORT_NAME;
  options->group = C3V_GROUP_NONE;
  options->available_width = 1200;
  options->zoom = 1.0;
  options->show_legend = TRUE;
  options->show_summary = TRUE;
}

static double
zoomed (const C3vLayout *self, double size, double minimum)
{
  return MAX (minimum, round (size * self->options.zoom));
}

/* ---- Instance order and groups ---- */

static const char *
instance_name (const C3vInstance *instance)
{
  if (instance->ec2_instance_id != NULL && instance->ec2_instance_id[0] != '\0')
    return instance->ec2_instance_id;
  return instance->id ? instance->id : "";
}

static const char *
instance_group_key (const C3vInstance *instance, C3vGroupKey group)
{
  const char *key = NULL;

  if (group == C3V_GROUP_ZONE)
    key = instance->availability_zone;
  else if (group == C3V_GROUP_INSTANCE_TYPE)
    key = instance->instance_type;

  return key ? key : "";
}

static guint32
instance_free (const C3vInstance *instance, C3vResource resource)
{
  guint32 registered = c3v_instance_get_registered (instance, resource);
  guint32 reserved = c3v_instance_get_reserved (instance, resource);

  return registered > reserved ? registered - reserved : 0;
}

static int
compare_strings (const char *a, const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "");
}

static int
compare_instances (gconstpointer a, gconstpointer b, gpointer user_data)
{
  C3vLayout         *self = user_data;
  const C3vInstance *ia = c3v_snapshot_get_instance (self->snapshot, *(const guint *) a);
  const C3vInstance *ib = c3v_snapshot_get_instance (self->snapshot, *(const guint *) b);
  int                cmp = strcmp (instance_group_key (ia, self->options.group),
                                   instance_group_key (ib, self->options.group));

  if (cmp != 0)
    return cmp;

  switch (self->options.sort)
    {
      case C3V_SORT_TYPE:
        cmp = compare_strings (ia->instance_type, ib->instance_type);
        break;
      case C3V_SORT_ZONE:
        cmp = compare_strings (ia->availability_zone, ib->availability_zone);
        break;
      case C3V_SORT_FREE_MEMORY:
      case C3V_SORT_FREE_CPU:
        {
          C3vResource resource
              = self->options.sort == C3V_SORT_FREE_CPU ? C3V_RESOURCE_CPU : C3V_RESOURCE_MEMORY;
          guint32 fa = instance_free (ia, resource);
          guint32 fb = instance_free (ib, resource);

          cmp = fa == fb ? 0 : (fa > fb ? -1 : 1);
        }
        break;
      case C3V_SORT_NAME:
      default:
        break;
    }

  if (cmp != 0)
    return cmp;
  cmp = strcmp (instance_name (ia), instance_name (ib));
  if (cmp != 0)
    return cmp;
  /* A total order keeps equal names in a stable place across refreshes. */
  return compare_strings (ia->arn, ib->arn);
}

/* ---- The lane ---- */

/* Tasks without a container instance. While loading, a task whose instance
 * is not described yet is left out rather than shown as a Fargate task;
 * once the load is complete, one whose instance ECS did not describe is
 * drawn in the lane, so no task goes missing. */
static void
select_lane_tasks (C3vLayout *self)
{
  guint        n = 0;
  const guint *unplaced = c3v_snapshot_get_unplaced_tasks (self->snapshot, &n);
  gboolean     complete = c3v_snapshot_is_complete (self->snapshot);

  self->lane_tasks = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    if (complete
        || c3v_snapshot_get_task (self->snapshot, unplaced[i])->container_instance_arn == NULL)
      g_array_append_val (self->lane_tasks, unplaced[i]);
}

static const guint *
lane_tasks (C3vLayout *self, guint *n)
{
  *n = self->lane_tasks->len;
  return (const guint *) (gpointer) self->lane_tasks->data;
}

/* ---- Scale ---- */

static guint64
max_value (C3vLayout *self)
{
  guint64      max = 0;
  guint        n_unplaced = 0;
  const guint *unplaced = lane_tasks (self, &n_unplaced);

  for (guint i = 0; i < c3v_snapshot_get_n_instances (self->snapshot); i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (self->snapshot, i);

      max = MAX (max, c3v_instance_get_registered (instance, self->options.resource));
    }
  /* The lane has a scale of its own (lane_max_value()). */
  (void) unplaced;
  (void) n_unplaced;

  return MAX (max, 1);
}

static guint64
lane_max_value (C3vLayout *self)
{
  guint64      max = 0;
  guint        n = 0;
  const guint *tasks = lane_tasks (self, &n);

  for (guint i = 0; i < n; i++)
    max = MAX (max, c3v_task_get_reserved (c3v_snapshot_get_task (self->snapshot, tasks[i]),
                                           self->options.resource));

  return MAX (max, 1);
}

/* Memory ticks on powers of two of GiB (what instance sizes are made of),
 * CPU ticks on powers of two of vCPU; about four gridlines per row. */
static void
build_ticks (C3vLayout *self, GArray *ticks, guint64 max)
{
  guint64 unit = 1024; /* 1 GiB or 1 vCPU */
  guint64 step = unit / 8;

  while (max / step > 5)
    step *= 2;

  for (guint64 value = 0; value <= max; value += step)
    {
      C3vScaleTick tick = { value, c3v_format_resource (self->options.resource, value) };

      g_array_append_val (ticks, tick);
    }
}

/* ---- Geometry ---- */

typedef struct
{
  double bar_width;
  double pitch;
  double plot_height;
  double label_height;
  guint  per_row;
  double scale; /* pixels per MiB or CPU unit in the rows to come */
  double row_gap;
  double bars_width; /* what rows may take: the legend may sit beside */
  double y;
} Cursor;

static double
box_height (C3vLayout *self, guint task_index, double scale)
{
  const C3vTask *task = c3v_snapshot_get_task (self->snapshot, task_index);

  return MAX (MIN_BOX_HEIGHT, c3v_task_get_reserved (task, self->options.resource) * scale);
}

/* Same labels together, most common at the bottom: the stack reads like
 * the legend and fewer neighbouring boxes differ. Task order breaks ties. */
static int
compare_stacked (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const guint *task_legend = user_data;
  guint        ta = *(const guint *) a;
  guint        tb = *(const guint *) b;

  if (task_legend[ta] != task_legend[tb])
    return task_legend[ta] < task_legend[tb] ? -1 : 1;
  return ta < tb ? -1 : ta > tb;
}

static void
stack_boxes (C3vLayout *self, C3vLayoutBar *bar, guint bar_index, const guint *tasks, guint n_tasks,
             double scale)
{
  double            total = 0;
  double            shrink = 1.0;
  double            y = bar->rect.y + bar->rect.height;
  g_autofree guint *order = g_memdup2 (tasks, sizeof (guint) * MAX (n_tasks, 1));

  g_qsort_with_data (order, n_tasks, sizeof (guint), compare_stacked, self->task_legend);

  for (guint i = 0; i < n_tasks; i++)
    total += box_height (self, order[i], scale);
  /* More reserved than registered (a mismatch ECS reported): squeeze the
   * stack into the bar rather than draw over the neighbours; the bar's
   * mismatch flag tells. */
  if (total > bar->rect.height && total > 0)
    shrink = bar->rect.height / total;

  bar->first_box = self->boxes->len;
  bar->n_boxes = n_tasks;
  for (guint i = 0; i < n_tasks; i++)
    {
      double       height = box_height (self, order[i], scale) * shrink;
      C3vLayoutBox box = { { bar->rect.x, y - height, bar->rect.width, height },
                           order[i],
                           self->task_legend[order[i]],
                           bar_index };

      y -= height;
      self->task_box[order[i]] = self->boxes->len;
      g_array_append_val (self->boxes, box);
    }
}

static C3vLayoutRow *
open_row (C3vLayout *self, Cursor *cursor, const char *header, gboolean is_lane)
{
  C3vLayoutRow row = { 0 };

  row.header = g_strdup (header);
  row.top = cursor->y;
  row.plot_top = row.top + (header ? HEADER_HEIGHT : 0) + C3V_FLAG_ROOM;
  row.baseline = row.plot_top + cursor->plot_height;
  row.bottom = row.baseline + (cursor->label_height > 0 ? cursor->label_height : 2);
  row.x = C3V_MARGIN + C3V_AXIS_WIDTH;
  row.pitch = cursor->pitch;
  row.scale = cursor->scale;
  row.first_bar = self->bars->len;
  row.is_lane = is_lane;
  g_array_append_val (self->rows, row);
  cursor->y = row.bottom + cursor->row_gap;

  return &g_array_index (self->rows, C3vLayoutRow, self->rows->len - 1);
}

static void
close_row (C3vLayout *self, C3vLayoutRow *row)
{
  row->n_bars = self->bars->len - row->first_bar;
  row->right = row->x + MAX (row->n_bars, 1) * row->pitch;
  self->width = MAX (self->width, row->right + C3V_MARGIN);
}

/* One bar at the end of @row: an instance sized by its registered
 * resource, or in the lane, one task sized by its own reservation. */
static void
add_bar (C3vLayout *self, const C3vLayoutRow *row, const Cursor *cursor, guint item,
         gboolean is_lane)
{
  C3vLayoutBar       bar = { 0 };
  guint              bar_index = self->bars->len;
  const C3vInstance *instance = is_lane ? NULL : c3v_snapshot_get_instance (self->snapshot, item);

  bar.rect.width = cursor->bar_width;
  bar.rect.height
      = is_lane ? box_height (self, item, row->scale)
                : c3v_instance_get_registered (instance, self->options.resource) * row->scale;
  if (!is_lane && bar.rect.height <= 0 && instance->n_tasks > 0)
    {
      /* Nothing registered, yet tasks placed (a broken or hostile answer):
       * their boxes still get drawn, on the height they need (at most a
       * row's), and the bar is marked instead of squeezing them to 0. */
      double needed = 0;

      for (guint i = 0; i < instance->n_tasks; i++)
        needed += box_height (self, instance->task_indices[i], row->scale);
      bar.rect.height = MIN (needed, row->baseline - row->plot_top);
      bar.no_capacity = TRUE;
    }
  bar.rect.x = row->x + (bar_index - row->first_bar) * row->pitch;
  bar.rect.y = row->baseline - bar.rect.height;
  bar.label_rect
      = (C3vRect){ bar.rect.x, row->baseline + 4, row->pitch, MAX (cursor->label_height - 8, 0) };
  bar.instance_index = is_lane ? -1 : (gint) item;
  bar.row_index = self->rows->len - 1;
  g_array_append_val (self->bars, bar);

  if (is_lane)
    {
      stack_boxes (self, &g_array_index (self->bars, C3vLayoutBar, bar_index), bar_index, &item, 1,
                   row->scale);
    }
  else
    {
      self->instance_bar[item] = bar_index;
      stack_boxes (self, &g_array_index (self->bars, C3vLayoutBar, bar_index), bar_index,
                   instance->task_indices, instance->n_tasks, row->scale);
    }
}

/* Lays out @n bars under @header, wrapping every cursor->per_row bars. */
static void
place_bars (C3vLayout *self, Cursor *cursor, const char *header, gboolean is_lane,
            const guint *items, guint n)
{
  C3vLayoutRow *row = NULL;

  for (guint i = 0; i < n; i++)
    {
      if (i % cursor->per_row == 0)
        {
          if (row != NULL)
            close_row (self, row);
          row = open_row (self, cursor, i == 0 ? header : NULL, is_lane);
        }
      add_bar (self, row, cursor, items[i], is_lane);
    }

  if (row != NULL)
    close_row (self, row);
}

static char *
dup_group_header (C3vLayout *self, const char *key, guint n)
{
  const char *name = key[0] != '\0' ? key : _ ("Unknown");

  if (self->options.group == C3V_GROUP_NONE)
    return NULL;
  /* Names from the wire are isolated (FSI ... PDI) wherever text follows
   * them, so a right-to-left override cannot reorder that text. */
  g_autofree char *isolated = g_strdup_printf ("\u2068%s\u2069", name);

  return g_strdup_printf (g_dngettext (NULL, "%s — %u instance", "%s — %u instances", n), isolated,
                          n);
}

static void
place_instances (C3vLayout *self, Cursor *cursor)
{
  guint             n = c3v_snapshot_get_n_instances (self->snapshot);
  g_autofree guint *order = g_new0 (guint, MAX (n, 1));
  guint             start = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_instances, self);

  while (start < n)
    {
      const char *key = instance_group_key (
          c3v_snapshot_get_instance (self->snapshot, order[start]), self->options.group);
      guint            end = start + 1;
      g_autofree char *header = NULL;

      while (end < n
             && strcmp (key,
                        instance_group_key (c3v_snapshot_get_instance (self->snapshot, order[end]),
                                            self->options.group))
                    == 0)
        end++;

      header = dup_group_header (self, key, end - start);
      place_bars (self, cursor, header, FALSE, &order[start], end - start);
      start = end;
    }
}

static void
place_lane (C3vLayout *self, Cursor *cursor)
{
  guint            n = 0;
  const guint     *unplaced = lane_tasks (self, &n);
  g_autofree char *header = NULL;
  guint64          tallest = 0;

  if (n == 0)
    return;

  /* The lane has its own scale, its tallest task as tall as a row: on the
   * instances' scale a 512 MiB task next to 64 GiB instances would be a
   * pixel high. Its axis shows that scale and the header says so. */
  tallest = lane_max_value (self);
  self->lane_scale = cursor->plot_height / tallest;
  cursor->scale = self->lane_scale;

  header = g_strdup_printf (
      g_dngettext (NULL,
                   "Without a container instance (Fargate and others) — %u task, on a scale of "
                   "its own",
                   "Without a container instance (Fargate and others) — %u tasks, on a scale of "
                   "its own",
                   n),
      n);
  place_bars (self, cursor, header, TRUE, unplaced, n);
}

static void
note_omissions (C3vLayout *self, const Cursor *cursor)
{
  guint left_out = self->options.show_legend ? self->legend->len - self->legend_shown : 0;

  if (self->options.compacted)
    /* Translators: an export shrank its bars to fit an image */
    g_string_append_printf (self->omissions, _ ("Bars shrunk to %.0f%% to fit the image. "),
                            self->options.zoom * 100);
  if (cursor->label_height <= 0 && self->bars->len > 0)
    g_string_append (self->omissions, _ ("Instance names are left out at this size. "));
  if (left_out > 0)
    g_string_append_printf (self->omissions,
                            g_dngettext (NULL, "%u more label is not listed.",
                                         "%u more labels are not listed.", left_out),
                            left_out);
  g_strchomp (self->omissions->str);
  g_string_set_size (self->omissions, strlen (self->omissions->str));
}

/* The title and the state keys on one line, or in a narrow column one
 * a line; then what the picture left out, wrapped to @width. */
static double
legend_header_height (C3vLayout *self, double width)
{
  double height
      = width >= C3V_LEGEND_KEYS_WIDTH ? LEGEND_HEADER : LEGEND_HEADER + 3 * OMISSIONS_LINE;
  const char *omissions = self->omissions->str;
  double      omissions_width = 0;

  if (self->omissions->len == 0)
    return height;
  c3v_layout_measure_texts (C3V_FONT_LEGEND, &omissions, 1, &omissions_width);
  return height + ceil (omissions_width * 1.15 / MAX (width, 1) + 0.5) * OMISSIONS_LINE;
}

/* The legend as @columns columns at (@x, @y), @width wide. */
static double
place_legend_at (C3vLayout *self, const Cursor *cursor, double x, double y, double width,
                 guint columns)
{
  self->legend_rect = (C3vRect){ x, y, width, legend_header_height (self, width) };
  self->legend_entry_width = LEGEND_ENTRY_W;
  self->legend_entry_height = LEGEND_ENTRY_H;
  self->legend_columns = columns;
  self->legend_x = x;
  self->legend_y = y + self->legend_rect.height;

  for (guint i = 0; i < self->legend_shown; i++)
    {
      C3vLegendEntry *entry = &g_array_index (self->legend, C3vLegendEntry, i);

      entry->rect.x = self->legend_x + (i % columns) * LEGEND_ENTRY_W;
      entry->rect.y = self->legend_y + (i / columns) * LEGEND_ENTRY_H;
      entry->rect.width = LEGEND_ENTRY_W - 8;
      entry->rect.height = LEGEND_ENTRY_H;
    }

  return self->legend_y + ((self->legend_shown + columns - 1) / columns) * LEGEND_ENTRY_H;
}

static void
place_legend (C3vLayout *self, Cursor *cursor)
{
  double available = MAX (self->options.available_width, self->width) - 2 * C3V_MARGIN;
  guint  columns = MAX (1, (guint) (available / LEGEND_ENTRY_W));

  if (!self->options.show_legend)
    return;

  cursor->y = place_legend_at (self, cursor, C3V_MARGIN, cursor->y, available, columns) + ROW_GAP;
  self->width = MAX (self->width,
                     C3V_MARGIN + MIN (self->legend_shown, self->legend_columns) * LEGEND_ENTRY_W
                         + C3V_MARGIN);
}

static char *
dup_title (C3vLayout *self)
{
  g_autoptr (GDateTime) fetched
      = g_date_time_new_from_unix_utc (c3v_snapshot_get_fetched_at (self->snapshot) / 1000);
  g_autofree char *when
      = fetched ? g_date_time_format (fetched, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("");
  const char *name = c3v_snapshot_get_cluster_name (self->snapshot);
  const char *region = c3v_snapshot_get_region (self->snapshot);

  g_autofree char *isolated = g_strdup_printf ("\u2068%s\u2069", name ? name : "");

  /* Translators: cluster name, AWS region, fetch time, instance and task counts */
  return g_strdup_printf (_ ("%s — %s — %s — %u instances, %u tasks"), isolated,
                          region ? region : "", when, c3v_snapshot_get_n_instances (self->snapshot),
                          c3v_snapshot_get_n_tasks (self->snapshot));
}

static void
place_summary (C3vLayout *self, Cursor *cursor)
{
  g_autoptr (C3vSummary) summary = NULL;
  GPtrArray *lines;

  if (!self->options.show_summary || c3v_snapshot_get_n_instances (self->snapshot) == 0)
    return;

  summary = c3v_summary_new (self->snapshot);
  lines = g_ptr_array_new ();
  g_ptr_array_add (lines, c3v_summary_line_format (&summary->total));
  if (summary->n_zones > 1 && summary->n_zones <= SUMMARY_ZONES)
    for (guint i = 0; i < summary->n_zones; i++)
      g_ptr_array_add (lines, c3v_summary_line_format (&summary->zones[i]));
  self->summary_rect = (C3vRect){ C3V_MARGIN, cursor->y, cursor->bars_width - 2 * C3V_MARGIN,
                                  lines->len * SUMMARY_LINE };
  cursor->y += self->summary_rect.height + 10;
  g_ptr_array_add (lines, NULL);
  self->summary = (GStrv) g_ptr_array_free (lines, FALSE);
}

static void
keep_longest (const char **longest, const char *text)
{
  if (text != NULL && (*longest == NULL || strlen (text) > strlen (*longest)))
    *longest = text;
}

/* Labels under the bars take as much room as the longest name needs (ids
 * are all alike, so the longest string is as good as measuring them all),
 * up to LABEL_HEIGHT, beyond which the painter ellipsizes. */
static double
compute_label_height (C3vLayout *self)
{
  const char  *longest[3] = { NULL, NULL, NULL };
  double       widths[3] = { 0, 0, 0 };
  guint        n_unplaced = 0;
  const guint *unplaced = lane_tasks (self, &n_unplaced);

  for (guint i = 0; i < c3v_snapshot_get_n_instances (self->snapshot); i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (self->snapshot, i);

      keep_longest (&longest[0], instance_name (instance));
      keep_longest (&longest[1], instance->instance_type);
      keep_longest (&longest[2], instance->availability_zone);
    }
  for (guint i = 0; i < n_unplaced; i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (self->snapshot, unplaced[i]);

      keep_longest (&longest[0], task->family);
      keep_longest (&longest[1], task->id);
      keep_longest (&longest[2], task->availability_zone);
    }

  c3v_layout_measure_texts (C3V_FONT_LABEL, longest, G_N_ELEMENTS (longest), widths);
  return CLAMP (ceil (MAX (widths[0], MAX (widths[1], widths[2])) * 1.1) + 12, MIN_LABEL_HEIGHT,
                LABEL_HEIGHT);
}

/* Everything compute_geometry() places, so it can place it again. */
static void
reset_geometry (C3vLayout *self)
{
  g_array_set_size (self->rows, 0);
  g_array_set_size (self->bars, 0);
  g_array_set_size (self->boxes, 0);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_strfreev);
  for (guint i = 0; i < c3v_snapshot_get_n_tasks (self->snapshot); i++)
    self->task_box[i] = -1;
  for (guint i = 0; i < c3v_snapshot_get_n_instances (self->snapshot); i++)
    self->instance_bar[i] = -1;
  self->width = 0;
}

/* Title, summary, instance rows and the lane, in @bars_width; returns
 * where the bars start. */
static double
place_bars_area (C3vLayout *self, Cursor *cursor, double label_height, double bars_width)
{
  double gap = zoomed (self, BAR_GAP, MIN_BAR_GAP);
  double usable = bars_width - 2 * C3V_MARGIN - C3V_AXIS_WIDTH;
  double top;

  reset_geometry (self);
  cursor->bar_width = zoomed (self, BAR_WIDTH, MIN_BAR_WIDTH);
  cursor->pitch = cursor->bar_width + gap;
  cursor->plot_height = zoomed (self, PLOT_HEIGHT, MIN_PLOT_HEIGHT);
  /* Bars too narrow for a line of text: no label band, closer rows. */
  cursor->label_height = cursor->pitch < C3V_LABEL_LINE ? 0 : label_height;
  cursor->row_gap = cursor->label_height > 0 ? ROW_GAP : COMPACT_ROW_GAP;
  cursor->bars_width = bars_width;
  cursor->per_row = MAX (1, (guint) floor ((usable + gap) / cursor->pitch));
  cursor->y = C3V_MARGIN;
  self->scale = cursor->plot_height / max_value (self);
  cursor->scale = self->scale;
  self->width = self->options.available_width;

  if (self->options.show_title)
    {
      self->title = dup_title (self);
      self->title_rect
          = (C3vRect){ C3V_MARGIN, cursor->y, self->options.available_width - 2 * C3V_MARGIN,
                       TITLE_HEIGHT - 12 };
      cursor->y += TITLE_HEIGHT;
    }
  place_summary (self, cursor);
  top = cursor->y;

  place_instances (self, cursor);
  place_lane (self, cursor);

  self->legend_shown = !self->options.show_legend ? 0
                       : self->options.legend_limit > 0
                           ? MIN (self->legend->len, self->options.legend_limit)
                           : self->legend->len;
  g_string_truncate (self->omissions, 0);
  note_omissions (self, cursor);
  return top;
}

/* Exports: the legend in one to three columns at the right, beside the
 * bars, with as many columns as keep it about as tall as they are. */
static gboolean
place_legend_beside (C3vLayout *self, Cursor *cursor, double label_height)
{
  double available = self->options.available_width;

  for (guint columns = 1; columns <= 3; columns++)
    {
      double legend_width = columns * LEGEND_ENTRY_W;
      double top;
      double bottom;
      guint  rows;

      if (available - legend_width < MIN_BARS_BESIDE)
        return FALSE;
      top = place_bars_area (self, cursor, label_height, available - legend_width);
      rows = (self->legend->len + columns - 1) / columns;
      if (columns < 3 && top + rows * LEGEND_ENTRY_H > cursor->y
          && available - legend_width - LEGEND_ENTRY_W >= MIN_BARS_BESIDE)
        continue;
      bottom = place_legend_at (self, cursor, available - legend_width - C3V_MARGIN / 2, top,
                                legend_width, columns);
      cursor->y = MAX (cursor->y, bottom + ROW_GAP);
      return TRUE;
    }
  return FALSE;
}

static void
compute_geometry (C3vLayout *self)
{
  Cursor cursor = { 0 };
  double label_height = compute_label_height (self);

  place_bars_area (self, &cursor, label_height, self->options.available_width);
  /* Beside the bars once they are taller than a screen: under them, a
   * reader would have to scroll away from the bars to read it. */
  if (!self->options.show_legend || !self->options.legend_beside || cursor.y <= BESIDE_FROM
      || !place_legend_beside (self, &cursor, label_height))
    {
      if (self->options.legend_beside && cursor.y > BESIDE_FROM)
        place_bars_area (self, &cursor, label_height, self->options.available_width);
      place_legend (self, &cursor);
    }
  self->height = cursor.y - cursor.row_gap + C3V_MARGIN;
}

C3vLayout *
c3v_layout_new (C3vSnapshot *snapshot, const C3vLayoutOptions *options)
{
  C3vLayout *self;
  guint      n_tasks;
  guint      n_instances;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (C3V_TYPE_LAYOUT, NULL);
  self->snapshot = c3v_snapshot_ref (snapshot);
  self->options = *options;
  /* NaN or nonsense means "default"; beyond the clamp nothing gets more
   * readable, only slower. */
  if (!(self->options.zoom > 0))
    self->options.zoom = 1.0;
  self->options.zoom = CLAMP (self->options.zoom, 0.1, 10.0);

  n_tasks = c3v_snapshot_get_n_tasks (snapshot);
  self->task_box = g_new (gint, MAX (n_tasks, 1));
  for (guint i = 0; i < n_tasks; i++)
    self->task_box[i] = -1;
  /* Every instance gets a bar; -1 only guards a bug. */
  n_instances = c3v_snapshot_get_n_instances (snapshot);
  self->instance_bar = g_new (gint, MAX (n_instances, 1));
  for (guint i = 0; i < n_instances; i++)
    self->instance_bar[i] = -1;

  select_lane_tasks (self);
  c3v_layout_build_legend (self);
  build_ticks (self, self->ticks, max_value (self));
  build_ticks (self, self->lane_ticks, lane_max_value (self));
  compute_geometry (self);
  c3v_layout_separate_colors (self);
  c3v_layout_measure_labels (self);

  return self;
}

gboolean
c3v_layout_is_for (C3vLayout *self, C3vSnapshot *snapshot, const C3vLayoutOptions *options)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), FALSE);

  return self->snapshot == snapshot && self->options.resource == options->resource
         && self->options.sort == options->sort && self->options.group == options->group
         && !self->options.color_by_service == !options->color_by_service
         && self->options.available_width == options->available_width
         && self->options.zoom == options->zoom && !self->options.show_title == !options->show_title
         && !self->options.show_legend == !options->show_legend
         && !self->options.show_summary == !options->show_summary
         && !self->options.legend_beside == !options->legend_beside
         && self->options.legend_limit == options->legend_limit
         && !self->options.compacted == !options->compacted;
}

C3vSnapshot *
c3v_layout_get_snapshot (C3vLayout *self)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);
  return self->snapshot;
}

const C3vLayoutOptions *
c3v_layout_get_options (C3vLayout *self)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);
  return &self->options;
}

double
c3v_layout_get_width (C3vLayout *self)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), 0);
  return self->width;
}

double
c3v_layout_get_height (C3vLayout *self)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), 0);
  return self->height;
}

const char *
c3v_layout_get_title (C3vLayout *self, C3vRect *rect)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  if (rect != NULL)
    *rect = self->title_rect;
  return self->title;
}

double
c3v_layout_get_scale (C3vLayout *self)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), 0);
  return self->scale;
}

const C3vScaleTick *
c3v_layout_get_ticks (C3vLayout *self, guint *n_ticks)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  *n_ticks = self->ticks->len;
  return (const C3vScaleTick *) (gpointer) self->ticks->data;
}

const C3vScaleTick *
c3v_layout_get_row_ticks (C3vLayout *self, const C3vLayoutRow *row, guint *n_ticks)
{
  GArray *ticks;

  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  ticks = row->is_lane ? self->lane_ticks : self->ticks;
  *n_ticks = ticks->len;
  return (const C3vScaleTick *) (gpointer) ticks->data;
}

const C3vLayoutRow *
c3v_layout_get_rows (C3vLayout *self, guint *n_rows)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  *n_rows = self->rows->len;
  return (const C3vLayoutRow *) (gpointer) self->rows->data;
}

const C3vLayoutBar *
c3v_layout_get_bars (C3vLayout *self, guint *n_bars)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  *n_bars = self->bars->len;
  return (const C3vLayoutBar *) (gpointer) self->bars->data;
}

const C3vLayoutBox *
c3v_layout_get_boxes (C3vLayout *self, guint *n_boxes)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  *n_boxes = self->boxes->len;
  return (const C3vLayoutBox *) (gpointer) self->boxes->data;
}

const C3vLegendEntry *
c3v_layout_get_legend (C3vLayout *self, guint *n_entries)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  *n_entries = self->legend->len;
  return (const C3vLegendEntry *) (gpointer) self->legend->data;
}

void
c3v_layout_get_legend_rect (C3vLayout *self, C3vRect *rect)
{
  g_return_if_fail (C3V_IS_LAYOUT (self));

  *rect = self->legend_rect;
}

const char *
c3v_layout_get_omissions (C3vLayout *self)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  return self->omissions->len > 0 ? self->omissions->str : NULL;
}

const char *const *
c3v_layout_get_summary (C3vLayout *self, C3vRect *rect)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  if (rect != NULL)
    *rect = self->summary_rect;
  return (const char *const *) self->summary;
}

double
c3v_layout_fit_zoom (C3vSnapshot *snapshot, const C3vLayoutOptions *options, double height,
                     double min_zoom, double max_zoom)
{
  C3vLayoutOptions trial;
  double           low = min_zoom;
  double           high = max_zoom;

  g_return_val_if_fail (snapshot != NULL, min_zoom);
  g_return_val_if_fail (options != NULL, min_zoom);

  trial = *options;
  /* Heights change in steps (whole pixels, whole bars a row): a few
   * halvings find the step; check the top first, it often fits. */
  for (guint i = 0; i < 9 && high - low > 0.005; i++)
    {
      g_autoptr (C3vLayout) layout = NULL;

      trial.zoom = i == 0 ? high : (low + high) / 2;
      layout = c3v_layout_new (snapshot, &trial);
      if (c3v_layout_get_height (layout) <= height)
        {
          low = trial.zoom;
          if (i == 0)
            break;
        }
      else
        {
          high = trial.zoom;
        }
    }

  return low;
}

gint
c3v_layout_find_legend_entry (C3vLayout *self, const char *label)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), -1);

  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (self->legend_index, label)) - 1;
}

gint
c3v_layout_find_task_box (C3vLayout *self, guint task_index)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), -1);

  if (task_index >= c3v_snapshot_get_n_tasks (self->snapshot))
    return -1;
  return self->task_box[task_index];
}

gint
c3v_layout_find_instance_bar (C3vLayout *self, guint instance_index)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), -1);

  if (instance_index >= c3v_snapshot_get_n_instances (self->snapshot))
    return -1;
  return self->instance_bar[instance_index];
}
