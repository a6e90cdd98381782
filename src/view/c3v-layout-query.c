/* c3v-layout-query.c: hit testing, visibility and search on a layout.
 *
 * Hover calls these on every pointer motion and paint on every frame, so
 * they never scan all bars or tasks: rows are found by binary search, bars
 * by arithmetic on the row's pitch, boxes by binary search in their bar.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-layout-private.h"

#include <math.h>
#include <string.h>

/* First row whose bottom is below @y (rows are sorted and disjoint). */
static guint
first_row_ending_after (C3vLayout *self, double y)
{
  guint lo = 0;
  guint hi = self->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->rows, C3vLayoutRow, mid).bottom <= y)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

void
c3v_layout_visible_rows (C3vLayout *self, double y0, double y1, guint *first, guint *end)
{
  g_return_if_fail (C3V_IS_LAYOUT (self));

  *first = first_row_ending_after (self, y0);
  *end = *first;
  while (*end < self->rows->len && g_array_index (self->rows, C3vLayoutRow, *end).top < y1)
    (*end)++;
}

void
c3v_layout_visible_bars (C3vLayout *self, guint row_index, double x0, double x1, guint *first,
                         guint *end)
{
  const C3vLayoutRow *row;
  double              from;
  double              to;

  g_return_if_fail (C3V_IS_LAYOUT (self));
  g_return_if_fail (row_index < self->rows->len);

  row = &g_array_index (self->rows, C3vLayoutRow, row_index);
  from = floor ((x0 - row->x) / row->pitch);
  to = ceil ((x1 - row->x) / row->pitch);
  from = CLAMP (from, 0, row->n_bars);
  to = CLAMP (to, from, row->n_bars);
  *first = row->first_bar + (guint) from;
  *end = row->first_bar + (guint) to;
}

/* The box of @bar containing @y, or -1. Boxes go upwards, so their y
 * decreases with the index. */
static gint
find_box (C3vLayout *self, const C3vLayoutBar *bar, double y)
{
  guint lo = 0;
  guint hi = bar->n_boxes;

  while (lo < hi)
    {
      guint               mid = lo + (hi - lo) / 2;
      const C3vLayoutBox *box = &g_array_index (self->boxes, C3vLayoutBox, bar->first_box + mid);

      if (y >= box->rect.y + box->rect.height)
        hi = mid;
      else if (y < box->rect.y)
        lo = mid + 1;
      else
        return bar->first_box + mid;
    }

  return -1;
}

static gboolean
hit_legend (C3vLayout *self, double x, double y, C3vHit *hit)
{
  double                col;
  double                line;
  guint                 index;
  const C3vLegendEntry *entry;

  if (self->legend_columns == 0 || y < self->legend_y || x < self->legend_x)
    return FALSE;

  col = floor ((x - self->legend_x) / self->legend_entry_width);
  line = floor ((y - self->legend_y) / self->legend_entry_height);
  if (col >= self->legend_columns)
    return FALSE;

  index = (guint) line * self->legend_columns + (guint) col;
  if (index >= self->legend_shown)
    return FALSE;

  entry = &g_array_index (self->legend, C3vLegendEntry, index);
  if (x >= entry->rect.x + entry->rect.width)
    return FALSE;

  hit->kind = C3V_HIT_LEGEND_ENTRY;
  hit->index = index;
  return TRUE;
}

static gboolean
hit_bar (C3vLayout *self, double x, double y, C3vHit *hit)
{
  guint               row_index = first_row_ending_after (self, y);
  const C3vLayoutRow *row;
  const C3vLayoutBar *bar;
  double              col;
  gint                box;

  if (row_index >= self->rows->len)
    return FALSE;
  row = &g_array_index (self->rows, C3vLayoutRow, row_index);
  if (y < row->plot_top - C3V_FLAG_ROOM || x < row->x)
    return FALSE;

  col = floor ((x - row->x) / row->pitch);
  if (col >= row->n_bars)
    return FALSE;
  hit->bar = row->first_bar + (guint) col;
  bar = &g_array_index (self->bars, C3vLayoutBar, hit->bar);

  if (y >= row->baseline)
    {
      /* The label below a bar names it. */
      if (y >= bar->label_rect.y + bar->label_rect.height)
        return FALSE;
    }
  else if (x >= bar->rect.x + bar->rect.width || y < bar->rect.y - C3V_FLAG_ROOM)
    {
      return FALSE;
    }
  else if ((box = find_box (self, bar, y)) >= 0)
    {
      hit->kind = C3V_HIT_TASK;
      hit->box = box;
      hit->index = g_array_index (self->boxes, C3vLayoutBox, box).task_index;
      return TRUE;
    }

  if (bar->instance_index >= 0)
    {
      hit->kind = C3V_HIT_INSTANCE;
      hit->index = bar->instance_index;
      return TRUE;
    }
  if (bar->n_boxes == 1 && y >= row->baseline)
    {
      hit->kind = C3V_HIT_TASK;
      hit->box = bar->first_box;
      hit->index = g_array_index (self->boxes, C3vLayoutBox, bar->first_box).task_index;
      return TRUE;
    }

  return FALSE;
}

gboolean
c3v_layout_hit_test (C3vLayout *self, double x, double y, C3vHit *hit)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  hit->kind = C3V_HIT_NONE;

  if (hit_bar (self, x, y, hit) || hit_legend (self, x, y, hit))
    return TRUE;

  hit->kind = C3V_HIT_NONE;
  return FALSE;
}

/* ASCII case folding is enough for what is searched (ids, image names,
 * family and service names) and needs no allocation per task. */
static gboolean
contains_nocase (const char *haystack, const char *needle, gsize needle_len)
{
  if (haystack == NULL)
    return FALSE;

  for (; *haystack != '\0'; haystack++)
    if (g_ascii_strncasecmp (haystack, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
instance_matches (const C3vInstance *instance, const char *search, gsize len)
{
  return contains_nocase (instance->ec2_instance_id, search, len)
         || contains_nocase (instance->id, search, len)
         || contains_nocase (instance->availability_zone, search, len)
         || contains_nocase (instance->instance_type, search, len);
}

gboolean
c3v_layout_instance_matches (C3vLayout *self, guint instance_index, const char *search)
{
  g_return_val_if_fail (C3V_IS_LAYOUT (self), FALSE);

  if (search == NULL || search[0] == '\0')
    return TRUE;
  if (instance_index >= c3v_snapshot_get_n_instances (self->snapshot))
    return FALSE;
  return instance_matches (c3v_snapshot_get_instance (self->snapshot, instance_index), search,
                           strlen (search));
}

/* What the task itself says: family, service, task id, images (and for a
 * task without an instance, its zone). */
gboolean
c3v_layout_task_matches_own (C3vLayout *self, guint task_index, const char *search)
{
  const C3vTask *task = c3v_snapshot_get_task (self->snapshot, task_index);
  gsize          len = strlen (search);

  if (contains_nocase (task->family, search, len)
      || contains_nocase (task->service_name, search, len)
      || contains_nocase (task->id, search, len))
    return TRUE;

  for (guint i = 0; i < task->n_containers; i++)
    if (contains_nocase (task->containers[i].image, search, len))
      return TRUE;

  return task->instance_index < 0 && contains_nocase (task->availability_zone, search, len);
}

gboolean
c3v_layout_task_matches (C3vLayout *self, guint task_index, const char *search)
{
  const C3vTask *task;

  g_return_val_if_fail (C3V_IS_LAYOUT (self), FALSE);

  if (search == NULL || search[0] == '\0')
    return TRUE;
  if (task_index >= c3v_snapshot_get_n_tasks (self->snapshot))
    return FALSE;

  /* A task is found by where it runs, too: its instance's ids, zone and
   * type. */
  task = c3v_snapshot_get_task (self->snapshot, task_index);
  return c3v_layout_task_matches_own (self, task_index, search)
         || (task->instance_index >= 0
             && instance_matches (c3v_snapshot_get_instance (self->snapshot, task->instance_index),
                                  search, strlen (search)));
}

/* ---- Matches, in picture order ---- */

/* Boxes are numbered bar by bar in bar order, so a match's place is its
 * box (an instance goes just before its first box), then its bar (bars
 * without boxes share the next bar's first box). */
static guint64
match_key (C3vLayout *self, const C3vHit *hit)
{
  const C3vLayoutBar *bar = &g_array_index (self->bars, C3vLayoutBar, hit->bar);
  guint64             place
      = hit->kind == C3V_HIT_TASK ? 2 * (guint64) hit->box + 1 : 2 * (guint64) bar->first_box;

  return (place << 24) | hit->bar;
}

GArray *
c3v_layout_find_matches (C3vLayout *self, const char *search, guint *n_instances, guint *n_tasks)
{
  GArray *matches;
  guint   instances = 0;
  guint   tasks = 0;

  g_return_val_if_fail (C3V_IS_LAYOUT (self), NULL);

  matches = g_array_new (FALSE, TRUE, sizeof (C3vHit));
  for (guint b = 0; search != NULL && search[0] != '\0' && b < self->bars->len; b++)
    {
      const C3vLayoutBar *bar = &g_array_index (self->bars, C3vLayoutBar, b);
      C3vHit              hit = { C3V_HIT_INSTANCE, 0, b, 0 };

      if (bar->instance_index >= 0
          && c3v_layout_instance_matches (self, bar->instance_index, search))
        {
          hit.index = bar->instance_index;
          g_array_append_val (matches, hit);
          instances++;
          continue;
        }
      for (guint i = bar->first_box; i < bar->first_box + bar->n_boxes; i++)
        {
          guint task = g_array_index (self->boxes, C3vLayoutBox, i).task_index;

          if (!c3v_layout_task_matches (self, task, search))
            continue;
          hit = (C3vHit){ C3V_HIT_TASK, task, b, i };
          g_array_append_val (matches, hit);
          tasks++;
        }
    }

  if (n_instances != NULL)
    *n_instances = instances;
  if (n_tasks != NULL)
    *n_tasks = tasks;
  return matches;
}

gint
c3v_layout_next_match (C3vLayout *self, GArray *matches, const C3vHit *from, gboolean forward)
{
  guint   lo = 0;
  guint   hi;
  guint64 key;

  g_return_val_if_fail (C3V_IS_LAYOUT (self), -1);
  g_return_val_if_fail (matches != NULL, -1);

  if (matches->len == 0)
    return -1;
  if (from == NULL || from->bar >= self->bars->len
      || (from->kind != C3V_HIT_TASK && from->kind != C3V_HIT_INSTANCE)
      || (from->kind == C3V_HIT_TASK && from->box >= self->boxes->len))
    return forward ? 0 : (gint) matches->len - 1;

  /* The first match whose key is above @from's. */
  key = match_key (self, from);
  hi = matches->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (match_key (self, &g_array_index (matches, C3vHit, mid)) <= key)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (forward)
    return lo < matches->len ? (gint) lo : 0;
  /* Before @from: skip @from itself when it is a match. */
  while (lo > 0 && match_key (self, &g_array_index (matches, C3vHit, lo - 1)) >= key)
    lo--;
  return lo > 0 ? (gint) lo - 1 : (gint) matches->len - 1;
}
