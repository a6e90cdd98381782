/* test-layout.c: geometry, order, grouping, wrapping and hit testing.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>

#include "view/c3v-layout.h"
#include "view-fixture.h"

#define ARN_OF(id) ("arn:aws:ecs:eu-west-1:123456789012:task/demo/" id)

#define EPSILON 1e-6

static C3vLayout *
layout_with (C3vSnapshot *snapshot, double width, C3vSortKey sort, C3vGroupKey group)
{
  C3vLayoutOptions options;

  c3v_layout_options_init (&options);
  options.available_width = width;
  options.sort = sort;
  options.group = group;
  return c3v_layout_new (snapshot, &options);
}

static const C3vLayoutBar *
bar_of_instance (C3vLayout *layout, gint instance_index)
{
  guint               n = 0;
  const C3vLayoutBar *bars = c3v_layout_get_bars (layout, &n);

  for (guint i = 0; i < n; i++)
    if (bars[i].instance_index == instance_index)
      return &bars[i];
  return NULL;
}

/* Three instances of 4, 8 and 16 GiB, one task each of 1 and 2 GiB. */
static C3vSnapshot *
small_cluster (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("small", "arn:small", "eu-west-1");
  g_autofree char *a
      = view_fixture_add_instance (builder, "aaa", "m5.large", "eu-west-1a", 4096, 2048);
  g_autofree char *b
      = view_fixture_add_instance (builder, "bbb", "m5.xlarge", "eu-west-1b", 8192, 4096);
  g_autofree char *c
      = view_fixture_add_instance (builder, "ccc", "m5.2xlarge", "eu-west-1a", 16384, 8192);

  view_fixture_add_task (builder, "t1", "web", "web", a, 1024, 256);
  view_fixture_add_task (builder, "t2", "worker", NULL, a, 2048, 512);
  view_fixture_add_task (builder, "t3", "web", "web", c, 1024, 256);
  view_fixture_add_task (builder, "t4", "batch", NULL, NULL, 512, 256);
  return c3v_snapshot_builder_build (builder, 1764140400000, TRUE);
}

static void
test_bar_heights (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  double scale = c3v_layout_get_scale (layout);

  g_assert_cmpfloat (scale, >, 0);
  for (guint i = 0; i < c3v_snapshot_get_n_instances (snapshot); i++)
    {
      const C3vInstance  *instance = c3v_snapshot_get_instance (snapshot, i);
      const C3vLayoutBar *bar = bar_of_instance (layout, i);

      g_assert_nonnull (bar);
      g_assert_cmpfloat_with_epsilon (bar->rect.height, instance->registered_memory * scale,
                                      EPSILON);
    }
  /* One shared scale: 16 GiB is four times 4 GiB, and the tallest bar
   * fills the plot. */
  g_assert_cmpfloat_with_epsilon (bar_of_instance (layout, 2)->rect.height,
                                  4 * bar_of_instance (layout, 0)->rect.height, EPSILON);
}

static void
test_cpu_heights (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  C3vLayoutOptions options;
  g_autoptr (C3vLayout) layout = NULL;
  guint               n_ticks = 0;
  const C3vScaleTick *ticks;

  c3v_layout_options_init (&options);
  options.resource = C3V_RESOURCE_CPU;
  layout = c3v_layout_new (snapshot, &options);

  g_assert_cmpfloat_with_epsilon (bar_of_instance (layout, 1)->rect.height,
                                  4096 * c3v_layout_get_scale (layout), EPSILON);
  ticks = c3v_layout_get_ticks (layout, &n_ticks);
  g_assert_cmpuint (n_ticks, >=, 3);
  g_assert_cmpstr (ticks[0].text, ==, "0 vCPU");
  g_assert_true (g_str_has_suffix (ticks[n_ticks - 1].text, "vCPU"));
}

static void
test_box_heights (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  guint               n = 0;
  guint               n_bars = 0;
  guint               n_rows = 0;
  const C3vLayoutBox *boxes = c3v_layout_get_boxes (layout, &n);
  const C3vLayoutBar *bars = c3v_layout_get_bars (layout, &n_bars);
  const C3vLayoutRow *rows = c3v_layout_get_rows (layout, &n_rows);

  g_assert_cmpuint (n, ==, c3v_snapshot_get_n_tasks (snapshot));
  for (guint i = 0; i < n; i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (snapshot, boxes[i].task_index);
      double         scale = rows[bars[boxes[i].bar_index].row_index].scale;

      g_assert_cmpfloat_with_epsilon (boxes[i].rect.height, task->reserved_memory * scale, EPSILON);
    }
}

static gboolean
rect_inside (const C3vRect *inner, const C3vRect *outer)
{
  return inner->x >= outer->x - EPSILON && inner->y >= outer->y - EPSILON
         && inner->x + inner->width <= outer->x + outer->width + EPSILON
         && inner->y + inner->height <= outer->y + outer->height + EPSILON;
}

static gboolean
rects_overlap (const C3vRect *a, const C3vRect *b)
{
  return a->x < b->x + b->width - EPSILON && b->x < a->x + a->width - EPSILON
         && a->y < b->y + b->height - EPSILON && b->y < a->y + a->height - EPSILON;
}

static void
check_geometry (C3vSnapshot *snapshot, C3vLayout *layout)
{
  guint               n_bars = 0;
  guint               n_boxes = 0;
  guint               n_rows = 0;
  const C3vLayoutBar *bars = c3v_layout_get_bars (layout, &n_bars);
  const C3vLayoutBox *boxes = c3v_layout_get_boxes (layout, &n_boxes);
  const C3vLayoutRow *rows = c3v_layout_get_rows (layout, &n_rows);
  guint               n_tasks = c3v_snapshot_get_n_tasks (snapshot);
  g_autofree guint   *seen = g_new0 (guint, n_tasks);
  guint               n_unplaced = 0;

  c3v_snapshot_get_unplaced_tasks (snapshot, &n_unplaced);
  g_assert_cmpuint (n_bars, ==, c3v_snapshot_get_n_instances (snapshot) + n_unplaced);

  /* Every task exactly once, inside the bar of its own instance, or in the
   * lane when it has none; boxes of a bar never overlap. */
  g_assert_cmpuint (n_boxes, ==, n_tasks);
  for (guint i = 0; i < n_boxes; i++)
    {
      const C3vLayoutBox *box = &boxes[i];
      const C3vTask      *task = c3v_snapshot_get_task (snapshot, box->task_index);
      const C3vLayoutBar *bar = &bars[box->bar_index];

      seen[box->task_index]++;
      g_assert_cmpint (bar->instance_index, ==, task->instance_index);
      g_assert_true (rect_inside (&box->rect, &bar->rect));
      g_assert_cmpint (c3v_layout_find_task_box (layout, box->task_index), ==, (gint) i);
      if (i > 0 && boxes[i - 1].bar_index == box->bar_index)
        g_assert_false (rects_overlap (&box->rect, &boxes[i - 1].rect));
    }
  for (guint i = 0; i < n_tasks; i++)
    g_assert_cmpuint (seen[i], ==, 1);

  /* Bars are disjoint (within a row by x, across rows by y) and rows do
   * not overlap. */
  for (guint r = 0; r < n_rows; r++)
    {
      if (r > 0)
        g_assert_cmpfloat (rows[r].top, >=, rows[r - 1].bottom);
      for (guint i = rows[r].first_bar; i < rows[r].first_bar + rows[r].n_bars; i++)
        {
          g_assert_cmpuint (bars[i].row_index, ==, r);
          if (bars[i].instance_index >= 0)
            g_assert_cmpint (c3v_layout_find_instance_bar (layout, bars[i].instance_index), ==,
                             (gint) i);
          g_assert_cmpfloat (bars[i].rect.y, >=, rows[r].plot_top - EPSILON);
          g_assert_cmpfloat_with_epsilon (bars[i].rect.y + bars[i].rect.height, rows[r].baseline,
                                          EPSILON);
          if (i > rows[r].first_bar)
            g_assert_cmpfloat (bars[i].rect.x, >=, bars[i - 1].rect.x + bars[i - 1].rect.width + 1);
        }
    }
  g_assert_cmpfloat (c3v_layout_get_height (layout), >=, rows[n_rows - 1].bottom);
}

static void
test_every_task_once (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (60, 12, 9, 15, 7);
  C3vGroupKey groups[] = { C3V_GROUP_NONE, C3V_GROUP_ZONE, C3V_GROUP_INSTANCE_TYPE };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (C3vSortKey sort = C3V_SORT_NAME; sort <= C3V_SORT_FREE_CPU; sort++)
      {
        g_autoptr (C3vLayout) layout = layout_with (snapshot, 900, sort, groups[g]);

        check_geometry (snapshot, layout);
      }
}

static void
test_lane (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  guint               n_rows = 0;
  guint               n_bars = 0;
  const C3vLayoutRow *rows = c3v_layout_get_rows (layout, &n_rows);
  const C3vLayoutBar *bars = c3v_layout_get_bars (layout, &n_bars);
  const C3vLayoutRow *lane = &rows[n_rows - 1];
  const C3vLayoutBar *bar = &bars[lane->first_bar];

  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_true (lane->is_lane);
  g_assert_nonnull (lane->header);
  g_assert_cmpuint (lane->n_bars, ==, 1);
  g_assert_cmpint (bar->instance_index, ==, -1);
  /* The lane has its own scale, its tallest task as tall as a row's plot,
   * its axis labelled in its own ticks, and its header says so. */
  g_assert_cmpfloat_with_epsilon (bar->rect.height, lane->baseline - lane->plot_top, EPSILON);
  g_assert_cmpfloat_with_epsilon (lane->scale, bar->rect.height / 512, EPSILON);
  g_assert_nonnull (strstr (lane->header, "scale"));
  check_geometry (snapshot, layout);
}

/* An instance that registered no memory but has tasks: they are drawn
 * (not squeezed to nothing while the legend counts them), and marked. */
static void
test_no_capacity (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autofree char *empty
      = view_fixture_add_instance (builder, "empty", "m5.large", "eu-west-1a", 0, 0);
  g_autofree char *fine
      = view_fixture_add_instance (builder, "fine", "m5.large", "eu-west-1a", 8192, 2048);
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  guint               n = 0;
  const C3vLayoutBox *boxes;
  const C3vLayoutBar *bar;
  C3vHit              hit;

  view_fixture_add_task (builder, "t1", "web", "web", empty, 1024, 256);
  view_fixture_add_task (builder, "t2", "web", "web", empty, 2048, 256);
  view_fixture_add_task (builder, "t3", "web", "web", fine, 1024, 256);
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  boxes = c3v_layout_get_boxes (layout, &n);
  bar = bar_of_instance (layout, c3v_snapshot_find_instance (snapshot, empty));

  g_assert_true (bar->no_capacity);
  g_assert_false (
      bar_of_instance (layout, c3v_snapshot_find_instance (snapshot, fine))->no_capacity);
  g_assert_cmpuint (bar->n_boxes, ==, 2);
  for (guint i = bar->first_box; i < bar->first_box + bar->n_boxes; i++)
    {
      g_assert_cmpfloat (boxes[i].rect.height, >=, 2);
      g_assert_true (c3v_layout_hit_test (layout, boxes[i].rect.x + 1,
                                          boxes[i].rect.y + boxes[i].rect.height / 2, &hit));
      g_assert_cmpint (hit.kind, ==, C3V_HIT_TASK);
    }
  check_geometry (snapshot, layout);
}

/* A 512 MiB Fargate task beside 64 GiB instances is readable, not a pixel. */
static void
test_lane_readable (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autofree char *big
      = view_fixture_add_instance (builder, "big", "r5.4xlarge", "eu-west-1a", 65536, 16384);
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  guint               n_rows = 0;
  guint               n_ticks = 0;
  const C3vLayoutRow *rows;
  const C3vScaleTick *ticks;
  gint                box;

  view_fixture_add_task (builder, "t1", "web", "web", big, 1024, 256);
  view_fixture_add_task (builder, "f1", "job", NULL, NULL, 512, 256);
  view_fixture_add_task (builder, "f2", "job", NULL, NULL, 2048, 1024);
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  rows = c3v_layout_get_rows (layout, &n_rows);

  box = c3v_layout_find_task_box (layout, c3v_snapshot_find_task (snapshot, ARN_OF ("f1")));
  g_assert_cmpint (box, >=, 0);
  g_assert_cmpfloat (c3v_layout_get_boxes (layout, &n_ticks)[box].rect.height, >=, 40);
  /* The lane's axis goes to 2 GiB, not to 64 GiB. */
  ticks = c3v_layout_get_row_ticks (layout, &rows[n_rows - 1], &n_ticks);
  g_assert_cmpuint (n_ticks, >=, 2);
  g_assert_cmpuint (ticks[n_ticks - 1].value, <=, 2048);
  ticks = c3v_layout_get_row_ticks (layout, &rows[0], &n_ticks);
  g_assert_cmpuint (ticks[n_ticks - 1].value, >=, 32768);
}

static const char *
bar_name (C3vSnapshot *snapshot, const C3vLayoutBar *bar)
{
  return c3v_snapshot_get_instance (snapshot, bar->instance_index)->ec2_instance_id;
}

static void
test_sort (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (40, 8, 0, 10, 3);
  g_autoptr (C3vLayout) by_name = layout_with (snapshot, 4000, C3V_SORT_NAME, C3V_GROUP_NONE);
  g_autoptr (C3vLayout) by_free
      = layout_with (snapshot, 4000, C3V_SORT_FREE_MEMORY, C3V_GROUP_NONE);
  g_autoptr (C3vLayout) by_type = layout_with (snapshot, 4000, C3V_SORT_TYPE, C3V_GROUP_NONE);
  guint               n = 0;
  const C3vLayoutBar *bars;

  bars = c3v_layout_get_bars (by_name, &n);
  g_assert_cmpuint (n, ==, 40);
  for (guint i = 1; i < n; i++)
    g_assert_cmpstr (bar_name (snapshot, &bars[i - 1]), <, bar_name (snapshot, &bars[i]));

  bars = c3v_layout_get_bars (by_free, &n);
  for (guint i = 1; i < n; i++)
    {
      const C3vInstance *a = c3v_snapshot_get_instance (snapshot, bars[i - 1].instance_index);
      const C3vInstance *b = c3v_snapshot_get_instance (snapshot, bars[i].instance_index);

      g_assert_cmpuint (a->registered_memory - a->reserved_memory, >=,
                        b->registered_memory - b->reserved_memory);
    }

  bars = c3v_layout_get_bars (by_type, &n);
  for (guint i = 1; i < n; i++)
    {
      const C3vInstance *a = c3v_snapshot_get_instance (snapshot, bars[i - 1].instance_index);
      const C3vInstance *b = c3v_snapshot_get_instance (snapshot, bars[i].instance_index);

      g_assert_cmpint (g_strcmp0 (a->instance_type, b->instance_type), <=, 0);
      if (g_strcmp0 (a->instance_type, b->instance_type) == 0)
        g_assert_cmpstr (a->ec2_instance_id, <, b->ec2_instance_id);
    }
}

static void
test_group (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (30, 8, 0, 10, 5);
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 4000, C3V_SORT_NAME, C3V_GROUP_ZONE);
  guint               n_rows = 0;
  guint               n_bars = 0;
  const C3vLayoutRow *rows = c3v_layout_get_rows (layout, &n_rows);
  const C3vLayoutBar *bars = c3v_layout_get_bars (layout, &n_bars);

  /* Three AZs, each its own row under a header naming it, in AZ order. */
  g_assert_cmpuint (n_rows, ==, 3);
  for (guint r = 0; r < n_rows; r++)
    {
      const char *zone
          = c3v_snapshot_get_instance (snapshot, bars[rows[r].first_bar].instance_index)
                ->availability_zone;

      g_autofree char *isolated = g_strdup_printf ("\u2068%s\u2069", zone);

      g_assert_nonnull (rows[r].header);
      /* The name is isolated from the text after it. */
      g_assert_true (g_str_has_prefix (rows[r].header, isolated));
      g_assert_cmpuint (rows[r].n_bars, ==, 10);
      for (guint i = rows[r].first_bar; i < rows[r].first_bar + rows[r].n_bars; i++)
        {
          g_assert_cmpstr (
              c3v_snapshot_get_instance (snapshot, bars[i].instance_index)->availability_zone, ==,
              zone);
          if (i > rows[r].first_bar)
            g_assert_cmpstr (bar_name (snapshot, &bars[i - 1]), <, bar_name (snapshot, &bars[i]));
        }
      if (r > 0)
        g_assert_cmpstr (rows[r - 1].header, <, rows[r].header);
    }
}

static void
test_wrapping (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (50, 4, 0, 5, 9);
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 640, C3V_SORT_NAME, C3V_GROUP_NONE);
  g_autoptr (C3vLayout) wide = layout_with (snapshot, 6400, C3V_SORT_NAME, C3V_GROUP_NONE);
  guint               n_rows = 0;
  const C3vLayoutRow *rows = c3v_layout_get_rows (layout, &n_rows);
  guint               total = 0;

  g_assert_cmpuint (n_rows, >, 1);
  for (guint r = 0; r < n_rows; r++)
    {
      g_assert_cmpfloat (rows[r].right, <=, 640);
      if (r + 1 < n_rows)
        g_assert_cmpuint (rows[r].n_bars, ==, rows[0].n_bars);
      total += rows[r].n_bars;
    }
  g_assert_cmpuint (total, ==, 50);
  g_assert_cmpfloat (c3v_layout_get_width (layout), <=, 640);
  g_assert_cmpfloat (c3v_layout_get_height (layout), >, c3v_layout_get_height (wide));
  c3v_layout_get_rows (wide, &n_rows);
  g_assert_cmpuint (n_rows, ==, 1);
  check_geometry (snapshot, layout);
}

static void
test_zoom (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  C3vLayoutOptions options;
  g_autoptr (C3vLayout) normal = NULL;
  g_autoptr (C3vLayout) zoomed = NULL;
  g_autoptr (C3vLayout) tiny = NULL;

  c3v_layout_options_init (&options);
  normal = c3v_layout_new (snapshot, &options);
  options.zoom = 2.0;
  zoomed = c3v_layout_new (snapshot, &options);
  g_assert_false (c3v_layout_is_for (normal, snapshot, &options));
  g_assert_true (c3v_layout_is_for (zoomed, snapshot, &options));

  g_assert_cmpfloat_with_epsilon (bar_of_instance (zoomed, 0)->rect.width,
                                  2 * bar_of_instance (normal, 0)->rect.width, EPSILON);
  g_assert_cmpfloat_with_epsilon (bar_of_instance (zoomed, 2)->rect.height,
                                  2 * bar_of_instance (normal, 2)->rect.height, EPSILON);

  /* However far out, bars keep a minimum width. */
  options.zoom = 0.1;
  tiny = c3v_layout_new (snapshot, &options);
  g_assert_cmpfloat (bar_of_instance (tiny, 0)->rect.width, ==, 3);
  g_assert_cmpfloat (bar_of_instance (tiny, 0)->rect.width, <,
                     bar_of_instance (normal, 0)->rect.width);
}

static void
test_legend (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  C3vLayoutOptions options;
  g_autoptr (C3vLayout) by_service = NULL;
  guint                 n = 0;
  const C3vLegendEntry *legend = c3v_layout_get_legend (layout, &n);

  /* Most tasks first, then by label. */
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (legend[0].label, ==, "web:1");
  g_assert_cmpuint (legend[0].n_tasks, ==, 2);
  g_assert_cmpstr (legend[1].label, ==, "batch:1");
  g_assert_cmpstr (legend[2].label, ==, "worker:1");
  g_assert_cmpint (c3v_layout_find_legend_entry (layout, "worker:1"), ==, 2);
  g_assert_cmpint (c3v_layout_find_legend_entry (layout, "nope:1"), ==, -1);

  c3v_layout_options_init (&options);
  options.color_by_service = TRUE;
  by_service = c3v_layout_new (snapshot, &options);
  legend = c3v_layout_get_legend (by_service, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (legend[0].label, ==, "web");
  /* Standalone tasks by their family, as users know them. */
  g_assert_cmpstr (legend[1].label, ==, "batch");
  g_assert_cmpstr (legend[2].label, ==, "worker");
}

/* A standalone family named like a service keeps an entry of its own. */
static void
test_standalone_named_like_service (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autofree char *arn
      = view_fixture_add_instance (builder, "one", "m5.large", "eu-west-1a", 8192, 2048);
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions      options;
  guint                 n = 0;
  const C3vLegendEntry *legend;

  view_fixture_add_task (builder, "t1", "cron", "cron", arn, 1024, 256);
  view_fixture_add_task (builder, "t2", "cron", NULL, arn, 1024, 256);
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  c3v_layout_options_init (&options);
  options.color_by_service = TRUE;
  layout = c3v_layout_new (snapshot, &options);
  legend = c3v_layout_get_legend (layout, &n);

  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (c3v_layout_find_legend_entry (layout, "cron"), >=, 0);
  g_assert_cmpstr (legend[0].short_label, ==, "cron");
  g_assert_cmpstr (legend[1].short_label, ==, "cron");
  g_assert_true (
      g_str_has_prefix (legend[1 - c3v_layout_find_legend_entry (layout, "cron")].label, "cron "));
}

static void
check_hits (C3vSnapshot *snapshot, C3vLayout *layout)
{
  guint                 n_boxes = 0;
  guint                 n_bars = 0;
  guint                 n_legend = 0;
  const C3vLayoutBox   *boxes = c3v_layout_get_boxes (layout, &n_boxes);
  const C3vLayoutBar   *bars = c3v_layout_get_bars (layout, &n_bars);
  const C3vLegendEntry *legend = c3v_layout_get_legend (layout, &n_legend);
  C3vHit                hit;

  for (guint i = 0; i < n_boxes; i++)
    {
      const C3vRect *r = &boxes[i].rect;

      g_assert_true (c3v_layout_hit_test (layout, r->x + r->width / 2, r->y + r->height / 2, &hit));
      g_assert_cmpint (hit.kind, ==, C3V_HIT_TASK);
      g_assert_cmpuint (hit.index, ==, boxes[i].task_index);
      g_assert_cmpuint (hit.box, ==, i);
      g_assert_cmpuint (hit.bar, ==, boxes[i].bar_index);
    }

  for (guint i = 0; i < n_bars; i++)
    {
      const C3vRect *r = &bars[i].rect;

      /* The gap right of every bar is empty. */
      g_assert_false (
          c3v_layout_hit_test (layout, r->x + r->width + 1, r->y + r->height / 2, &hit));
      g_assert_cmpint (hit.kind, ==, C3V_HIT_NONE);
      if (bars[i].instance_index < 0)
        continue;
      /* The label names the instance. */
      g_assert_true (
          c3v_layout_hit_test (layout, r->x + r->width / 2, bars[i].label_rect.y + 10, &hit));
      g_assert_cmpint (hit.kind, ==, C3V_HIT_INSTANCE);
      g_assert_cmpint (hit.index, ==, bars[i].instance_index);
    }

  for (guint i = 0; i < n_legend; i++)
    {
      g_assert_true (c3v_layout_hit_test (layout, legend[i].rect.x + 4,
                                          legend[i].rect.y + legend[i].rect.height / 2, &hit));
      g_assert_cmpint (hit.kind, ==, C3V_HIT_LEGEND_ENTRY);
      g_assert_cmpuint (hit.index, ==, i);
    }

  g_assert_false (c3v_layout_hit_test (layout, -5, -5, &hit));
  g_assert_false (c3v_layout_hit_test (layout, 2, 2, &hit));
  g_assert_false (c3v_layout_hit_test (layout, 1e6, 1e6, &hit));
}

static void
test_hit_test (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (80, 10, 12, 12, 11);
  g_autoptr (C3vLayout) layout
      = layout_with (snapshot, 1000, C3V_SORT_FREE_CPU, C3V_GROUP_INSTANCE_TYPE);
  g_autoptr (C3vSnapshot) small = small_cluster ();
  g_autoptr (C3vLayout) small_layout = layout_with (small, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  const C3vLayoutBar *bar = bar_of_instance (small_layout, 1);
  C3vHit              hit;

  check_hits (snapshot, layout);
  check_hits (small, small_layout);

  /* Instance 1 has no tasks: its free room is the instance. */
  g_assert_true (c3v_layout_hit_test (small_layout, bar->rect.x + 2,
                                      bar->rect.y + bar->rect.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, C3V_HIT_INSTANCE);
  g_assert_cmpuint (hit.index, ==, 1);
  /* Above a short bar, in the plot, there is nothing. */
  bar = bar_of_instance (small_layout, 0);
  g_assert_false (c3v_layout_hit_test (small_layout, bar->rect.x + 2, bar->rect.y - 30, &hit));
}

/* Right of a row's last bar, where a next bar would go, there is nothing:
 * not the first bar of the next row, whose label is further down. */
static void
test_hit_past_row_end (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (50, 4, 0, 5, 9);
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 640, C3V_SORT_NAME, C3V_GROUP_NONE);
  guint               n_rows = 0;
  guint               n_bars = 0;
  const C3vLayoutRow *rows = c3v_layout_get_rows (layout, &n_rows);
  const C3vLayoutBar *bars = c3v_layout_get_bars (layout, &n_bars);

  g_assert_cmpuint (n_rows, >, 2);
  for (guint r = 0; r < n_rows; r++)
    {
      const C3vLayoutBar *last = &bars[rows[r].first_bar + rows[r].n_bars - 1];
      double              x = rows[r].x + rows[r].n_bars * rows[r].pitch + 1;
      double              ys[] = {
                     last->rect.y + last->rect.height / 2, /* beside the bar */
                     last->label_rect.y + 10,              /* beside its label */
      };

      for (guint i = 0; i < G_N_ELEMENTS (ys); i++)
        {
          C3vHit hit;

          g_assert_false (c3v_layout_hit_test (layout, x, ys[i], &hit));
          g_assert_cmpint (hit.kind, ==, C3V_HIT_NONE);
        }
    }
}

/* Left of a row's first bar (its axis) and right of a legend entry (the gap
 * to the next) there is nothing. */
static void
test_hit_margins (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (50, 4, 3, 12, 9);
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 640, C3V_SORT_NAME, C3V_GROUP_NONE);
  guint                 n_rows = 0;
  guint                 n_bars = 0;
  guint                 n_legend = 0;
  const C3vLayoutRow   *rows = c3v_layout_get_rows (layout, &n_rows);
  const C3vLayoutBar   *bars = c3v_layout_get_bars (layout, &n_bars);
  const C3vLegendEntry *legend = c3v_layout_get_legend (layout, &n_legend);
  C3vHit                hit;

  g_assert_cmpuint (n_rows, >, 2);
  for (guint r = 0; r < n_rows; r++)
    {
      const C3vLayoutBar *first = &bars[rows[r].first_bar];

      g_assert_false (c3v_layout_hit_test (layout, rows[r].x - 1,
                                           first->rect.y + first->rect.height / 2, &hit));
      g_assert_false (c3v_layout_hit_test (layout, rows[r].x - 1, first->label_rect.y + 10, &hit));
    }

  g_assert_cmpuint (n_legend, >, 1);
  for (guint i = 0; i < n_legend; i++)
    {
      const C3vRect *r = &legend[i].rect;

      g_assert_false (
          c3v_layout_hit_test (layout, r->x + r->width + 2, r->y + r->height / 2, &hit));
    }
}

/* The scale makes room for every bar, the lane's included: a Fargate task
 * bigger than any instance fits its plot, and a task twice another's size
 * stands at least as tall (whatever heights the lane chooses). */
static void
test_scale_counts_lane (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("big-lane", "arn:big-lane", "eu-west-1");
  g_autofree char *a
      = view_fixture_add_instance (builder, "aaa", "m5.large", "eu-west-1a", 4096, 2048);
  g_autoptr (C3vSnapshot) snapshot = NULL;

  view_fixture_add_task (builder, "t1", "web", "web", a, 1024, 256);
  view_fixture_add_task (builder, "big", "etl", NULL, NULL, 30720, 16384);
  view_fixture_add_task (builder, "small", "cron", NULL, NULL, 15360, 8192);
  snapshot = c3v_snapshot_builder_build (builder, 1764140400000, TRUE);

  for (C3vResource resource = C3V_RESOURCE_MEMORY; resource <= C3V_RESOURCE_CPU; resource++)
    {
      C3vLayoutOptions options;
      g_autoptr (C3vLayout) layout = NULL;
      guint               n_rows = 0;
      guint               n_bars = 0;
      const C3vLayoutRow *rows;
      const C3vLayoutBar *bars;
      const C3vLayoutRow *lane;
      gint                big
          = c3v_snapshot_find_task (snapshot, "arn:aws:ecs:eu-west-1:123456789012:task/demo/big");
      gint small
          = c3v_snapshot_find_task (snapshot, "arn:aws:ecs:eu-west-1:123456789012:task/demo/small");
      const C3vLayoutBox *boxes;
      guint               n_boxes = 0;

      c3v_layout_options_init (&options);
      options.resource = resource;
      layout = c3v_layout_new (snapshot, &options);
      rows = c3v_layout_get_rows (layout, &n_rows);
      bars = c3v_layout_get_bars (layout, &n_bars);
      boxes = c3v_layout_get_boxes (layout, &n_boxes);
      lane = &rows[n_rows - 1];
      g_assert_true (lane->is_lane);
      check_geometry (snapshot, layout);

      for (guint i = 0; i < n_bars; i++)
        {
          g_assert_cmpfloat (bars[i].rect.height, >, 0);
          g_assert_cmpfloat (bars[i].rect.height, <=,
                             rows[bars[i].row_index].baseline - rows[bars[i].row_index].plot_top
                                 + EPSILON);
        }
      g_assert_cmpint (big, >=, 0);
      g_assert_cmpint (small, >=, 0);
      g_assert_cmpfloat (boxes[c3v_layout_find_task_box (layout, big)].rect.height, >,
                         boxes[c3v_layout_find_task_box (layout, small)].rect.height);
    }
}

static void
test_search (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  gint web = c3v_snapshot_find_task (snapshot, "arn:aws:ecs:eu-west-1:123456789012:task/demo/t1");

  g_assert_cmpint (web, >=, 0);
  g_assert_true (c3v_layout_task_matches (layout, web, NULL));
  g_assert_true (c3v_layout_task_matches (layout, web, "WEB"));
  g_assert_true (c3v_layout_task_matches (layout, web, "t1"));
  g_assert_true (c3v_layout_task_matches (layout, web, "registry.example.com/web"));
  g_assert_false (c3v_layout_task_matches (layout, web, "worker"));
}

static void
test_empty (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("empty", "arn:empty", "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = c3v_snapshot_builder_build (builder, 0, FALSE);
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 800, C3V_SORT_NAME, C3V_GROUP_ZONE);
  guint  n = 1;
  C3vHit hit;

  c3v_layout_get_bars (layout, &n);
  g_assert_cmpuint (n, ==, 0);
  c3v_layout_get_legend (layout, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpfloat (c3v_layout_get_height (layout), >, 0);
  g_assert_false (c3v_layout_hit_test (layout, 100, 100, &hit));
}

/* While loading, a task whose instance is not described yet waits
 * off-screen instead of posing as a Fargate task; once the load is complete
 * it is drawn in the lane, so no task goes missing. */
static void
test_pending_instance (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("c", "arn:aws:ecs:eu-west-1:1:cluster/c", "eu-west-1");
  g_autofree char *arn
      = view_fixture_add_instance (builder, "a", "m5.large", "eu-west-1a", 8192, 2048);
  C3vLayoutOptions options;

  view_fixture_add_task (builder, "placed", "web", NULL, arn, 512, 256);
  view_fixture_add_task (builder, "waiting", "web", NULL,
                         "arn:aws:ecs:eu-west-1:1:container-instance/c/not-yet", 512, 256);
  view_fixture_add_task (builder, "fargate", "batch", NULL, NULL, 1024, 512);
  c3v_layout_options_init (&options);

  for (guint complete = 0; complete <= 1; complete++)
    {
      g_autoptr (C3vSnapshot) snapshot = c3v_snapshot_builder_build (builder, 0, complete);
      g_autoptr (C3vLayout) layout = c3v_layout_new (snapshot, &options);
      gint waiting = c3v_snapshot_find_task (
          snapshot, "arn:aws:ecs:eu-west-1:123456789012:task/demo/waiting");
      gint fargate = c3v_snapshot_find_task (
          snapshot, "arn:aws:ecs:eu-west-1:123456789012:task/demo/fargate");

      g_assert_cmpint (waiting, >=, 0);
      g_assert_cmpint (fargate, >=, 0);
      g_assert_cmpint (c3v_layout_find_task_box (layout, fargate), >=, 0);
      if (complete)
        g_assert_cmpint (c3v_layout_find_task_box (layout, waiting), >=, 0);
      else
        g_assert_cmpint (c3v_layout_find_task_box (layout, waiting), ==, -1);
    }
}

/* 2,000 instances at the smallest zoom fit a full-HD window: rows drop
 * the label band they no longer draw; the fit zoom is the largest that fits. */
static void
test_compact (void)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (2000, 10, 0, 20, 1);
  g_autoptr (C3vLayout) tiny = NULL;
  g_autoptr (C3vLayout) fitted = NULL;
  g_autoptr (C3vLayout) larger = NULL;
  C3vLayoutOptions    options;
  guint               n_bars = 0;
  guint               n_rows = 0;
  const C3vLayoutBar *bars;
  const C3vLayoutRow *rows;
  double              zoom;

  c3v_layout_options_init (&options);
  options.available_width = 1700;
  options.show_legend = FALSE;
  options.zoom = 0.1;
  tiny = c3v_layout_new (snapshot, &options);
  bars = c3v_layout_get_bars (tiny, &n_bars);
  rows = c3v_layout_get_rows (tiny, &n_rows);
  g_assert_cmpuint (n_bars, ==, 2000);
  for (guint i = 0; i < n_bars; i++)
    g_assert_cmpfloat (bars[i].label_rect.height, ==, 0);
  for (guint i = 0; i < n_rows; i++)
    g_assert_cmpfloat (rows[i].bottom - rows[i].baseline, <=, 2);
  g_assert_cmpfloat (c3v_layout_get_height (tiny), <=, 900);
  g_assert_nonnull (c3v_layout_get_omissions (tiny));
  check_geometry (snapshot, tiny);

  zoom = c3v_layout_fit_zoom (snapshot, &options, 900, 0.1, 4.0);
  g_assert_cmpfloat (zoom, >, 0.1);
  options.zoom = zoom;
  fitted = c3v_layout_new (snapshot, &options);
  g_assert_cmpfloat (c3v_layout_get_height (fitted), <=, 900);
  options.zoom = zoom + 0.02;
  larger = c3v_layout_new (snapshot, &options);
  g_assert_cmpfloat (c3v_layout_get_height (larger), >, 900);
}

static void
assert_hit (GArray *matches, guint i, C3vHitKind kind, guint index)
{
  g_assert_cmpuint (i, <, matches->len);
  g_assert_cmpint (g_array_index (matches, C3vHit, i).kind, ==, kind);
  g_assert_cmpuint (g_array_index (matches, C3vHit, i).index, ==, index);
}

/* Search finds instances by EC2 id, container instance id, zone and type
 * as well as tasks, counts them, and steps through them in picture order. */
static void
test_matches (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  g_autoptr (C3vLayout) layout = layout_with (snapshot, 1000, C3V_SORT_NAME, C3V_GROUP_NONE);
  guint  n_instances = 0;
  guint  n_tasks = 0;
  gint   a = c3v_snapshot_find_instance (snapshot, c3v_snapshot_get_instance (snapshot, 0)->arn);
  gint   t1 = c3v_snapshot_find_task (snapshot, ARN_OF ("t1"));
  gint   t3 = c3v_snapshot_find_task (snapshot, ARN_OF ("t3"));
  C3vHit from = { C3V_HIT_NONE, 0, 0, 0 };
  g_autoptr (GArray) by_id = c3v_layout_find_matches (layout, "I-AAA", &n_instances, &n_tasks);
  g_autoptr (GArray) by_type = c3v_layout_find_matches (layout, "m5.xlarge", NULL, NULL);
  g_autoptr (GArray) by_zone = c3v_layout_find_matches (layout, "west-1a", NULL, NULL);
  g_autoptr (GArray) by_ci = c3v_layout_find_matches (layout, "ci-ccc", NULL, NULL);
  g_autoptr (GArray) web = c3v_layout_find_matches (layout, "web", &n_instances, &n_tasks);
  g_autoptr (GArray) none = c3v_layout_find_matches (layout, "nothing", NULL, NULL);

  g_assert_cmpuint (by_id->len, ==, 1);
  assert_hit (by_id, 0, C3V_HIT_INSTANCE, a);
  g_assert_cmpuint (by_type->len, ==, 1);
  /* Two instances, and the Fargate task by its own zone. */
  g_assert_cmpuint (by_zone->len, ==, 3);
  g_assert_cmpint (g_array_index (by_zone, C3vHit, 2).kind, ==, C3V_HIT_TASK);
  g_assert_cmpuint (by_ci->len, ==, 1);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (c3v_layout_next_match (layout, none, NULL, TRUE), ==, -1);

  /* "web": t1 (on i-aaa) and t3 (on i-ccc), left to right. */
  g_assert_cmpuint (n_instances, ==, 0);
  g_assert_cmpuint (n_tasks, ==, 2);
  assert_hit (web, 0, C3V_HIT_TASK, t1);
  assert_hit (web, 1, C3V_HIT_TASK, t3);
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, TRUE), ==, 0);
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, FALSE), ==, 1);
  from = g_array_index (web, C3vHit, 0);
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, TRUE), ==, 1);
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, FALSE), ==, 1);
  from = g_array_index (web, C3vHit, 1);
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, TRUE), ==, 0);
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, FALSE), ==, 0);
  /* From a place between matches (the middle instance): the next one on. */
  from = (C3vHit){ C3V_HIT_INSTANCE, 1, (guint) c3v_layout_find_instance_bar (layout, 1), 0 };
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, TRUE), ==, 1);
  g_assert_cmpint (c3v_layout_next_match (layout, web, &from, FALSE), ==, 0);
}

static void
test_summary_and_limit (void)
{
  g_autoptr (C3vSnapshot) snapshot = small_cluster ();
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions      options;
  C3vRect               rect;
  const char *const    *lines;
  guint                 n_rows = 0;
  guint                 n = 0;
  const C3vLegendEntry *legend;
  C3vHit                hit;

  c3v_layout_options_init (&options);
  options.legend_limit = 1;
  layout = c3v_layout_new (snapshot, &options);

  /* The cluster, then each of its two zones, above the first row. */
  lines = c3v_layout_get_summary (layout, &rect);
  g_assert_nonnull (lines);
  g_assert_cmpuint (g_strv_length ((GStrv) lines), ==, 3);
  g_assert_nonnull (strstr (lines[1], "eu-west-1a"));
  g_assert_cmpfloat (rect.y + rect.height, <=, c3v_layout_get_rows (layout, &n_rows)[0].top);

  /* One legend entry shown; the key says how many were left out. */
  legend = c3v_layout_get_legend (layout, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_nonnull (strstr (c3v_layout_get_omissions (layout), "2 more labels"));
  g_assert_true (c3v_layout_hit_test (layout, legend[0].rect.x + 2, legend[0].rect.y + 2, &hit));
  g_assert_false (
      c3v_layout_hit_test (layout, legend[0].rect.x + 2 + 270, legend[0].rect.y + 2, &hit));

  options.show_summary = FALSE;
  g_clear_object (&layout);
  layout = c3v_layout_new (snapshot, &options);
  g_assert_null (c3v_layout_get_summary (layout, NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/layout/bar-heights", test_bar_heights);
  g_test_add_func ("/view/layout/cpu-heights", test_cpu_heights);
  g_test_add_func ("/view/layout/box-heights", test_box_heights);
  g_test_add_func ("/view/layout/every-task-once", test_every_task_once);
  g_test_add_func ("/view/layout/lane", test_lane);
  g_test_add_func ("/view/layout/lane-readable", test_lane_readable);
  g_test_add_func ("/view/layout/no-capacity", test_no_capacity);
  g_test_add_func ("/view/layout/compact", test_compact);
  g_test_add_func ("/view/layout/matches", test_matches);
  g_test_add_func ("/view/layout/summary-and-limit", test_summary_and_limit);
  g_test_add_func ("/view/layout/standalone-named-like-service",
                   test_standalone_named_like_service);
  g_test_add_func ("/view/layout/pending-instance", test_pending_instance);
  g_test_add_func ("/view/layout/sort", test_sort);
  g_test_add_func ("/view/layout/group", test_group);
  g_test_add_func ("/view/layout/wrapping", test_wrapping);
  g_test_add_func ("/view/layout/zoom", test_zoom);
  g_test_add_func ("/view/layout/legend", test_legend);
  g_test_add_func ("/view/layout/hit-test", test_hit_test);
  g_test_add_func ("/view/layout/hit-past-row-end", test_hit_past_row_end);
  g_test_add_func ("/view/layout/hit-margins", test_hit_margins);
  g_test_add_func ("/view/layout/scale-counts-lane", test_scale_counts_lane);
  g_test_add_func ("/view/layout/search", test_search);
  g_test_add_func ("/view/layout/empty", test_empty);

  return g_test_run ();
}
