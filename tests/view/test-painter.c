/* test-painter.c: highlight, hover and clipping, read back from pixels.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "view/c3v-painter.h"
#include "view-fixture.h"

typedef struct
{
  C3vSnapshot     *snapshot;
  C3vLayout       *layout;
  cairo_surface_t *surface;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  C3vLayoutOptions options;

  c3v_layout_options_init (&options);
  options.available_width = 1000;
  fixture->snapshot = view_fixture_roomy ();
  fixture->layout = c3v_layout_new (fixture->snapshot, &options);
  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                 (int) c3v_layout_get_width (fixture->layout),
                                                 (int) c3v_layout_get_height (fixture->layout));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  cairo_surface_destroy (fixture->surface);
  g_object_unref (fixture->layout);
  c3v_snapshot_unref (fixture->snapshot);
}

static void
paint (Fixture *fixture, const C3vPaintState *state)
{
  cairo_t *cr = cairo_create (fixture->surface);

  c3v_painter_paint (cr, fixture->layout, c3v_theme_get_light (), state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (fixture->surface);
}

static gboolean
pixel_is (cairo_surface_t *surface, double x, double y, const C3vRgba *color)
{
  int rgb[3];

  view_fixture_read_pixel (surface, (int) x, (int) y, rgb);
  return ABS (rgb[0] - (int) (color->red * 255 + 0.5)) <= 2
         && ABS (rgb[1] - (int) (color->green * 255 + 0.5)) <= 2
         && ABS (rgb[2] - (int) (color->blue * 255 + 0.5)) <= 2;
}

/* Lit boxes keep their legend colour, the others are dimmed. */
static void
check_lit (Fixture *fixture, const char *lit_family)
{
  guint                 n_boxes = 0;
  guint                 n_legend = 0;
  const C3vLayoutBox   *boxes = c3v_layout_get_boxes (fixture->layout, &n_boxes);
  const C3vLegendEntry *legend = c3v_layout_get_legend (fixture->layout, &n_legend);
  guint                 lit = 0;

  for (guint i = 0; i < n_boxes; i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (fixture->snapshot, boxes[i].task_index);
      const C3vRect *r = &boxes[i].rect;
      gboolean       expected = strcmp (task->family, lit_family) == 0;

      g_assert_cmpint (pixel_is (fixture->surface, r->x + 1, r->y + r->height - 2,
                                 &legend[boxes[i].legend_index].color),
                       ==, expected);
      lit += expected;
    }
  g_assert_cmpuint (lit, >, 0);
}

static void
test_search (Fixture *fixture, gconstpointer data)
{
  C3vPaintState state;

  c3v_paint_state_init (&state);
  state.search = "SERVICE-3";
  paint (fixture, &state);
  check_lit (fixture, "service-3");
}

static void
test_highlight_labels (Fixture *fixture, gconstpointer data)
{
  const char *const labels[] = { "service-5:1", NULL };
  C3vPaintState     state;

  c3v_paint_state_init (&state);
  state.highlight_labels = labels;
  paint (fixture, &state);
  check_lit (fixture, "service-5");
}

static void
test_hover (Fixture *fixture, gconstpointer data)
{
  guint               n = 0;
  const C3vLayoutBox *box = &c3v_layout_get_boxes (fixture->layout, &n)[5];
  C3vPaintState       state;

  c3v_paint_state_init (&state);
  paint (fixture, &state);
  g_assert_false (pixel_is (fixture->surface, box->rect.x - 1, box->rect.y + box->rect.height / 2,
                            &c3v_theme_get_light ()->hover));

  g_assert_true (
      c3v_layout_hit_test (fixture->layout, box->rect.x + 3, box->rect.y + 3, &state.hover));
  g_assert_cmpint (state.hover.kind, ==, C3V_HIT_TASK);
  paint (fixture, &state);
  g_assert_true (pixel_is (fixture->surface, box->rect.x - 1, box->rect.y + box->rect.height / 2,
                           &c3v_theme_get_light ()->hover));

  /* A hover left over from an older, bigger layout draws nothing. */
  state.hover.box = 100000;
  paint (fixture, &state);
  g_assert_false (pixel_is (fixture->surface, box->rect.x - 1, box->rect.y + box->rect.height / 2,
                            &c3v_theme_get_light ()->hover));
}

static void
test_clip (Fixture *fixture, gconstpointer data)
{
  static const C3vRgba  sentinel = { 1, 0, 0, 1 };
  guint                 n = 0;
  const C3vLayoutBox   *boxes = c3v_layout_get_boxes (fixture->layout, &n);
  const C3vLegendEntry *legend = c3v_layout_get_legend (fixture->layout, &n);
  const C3vLayoutBox   *box = &boxes[0];
  cairo_t              *cr = cairo_create (fixture->surface);

  /* Paint only a window around the first box, as the widget does when
   * scrolled: nothing outside it may be touched. */
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_rectangle (cr, box->rect.x - 10, box->rect.y - 10, box->rect.width + 20,
                   box->rect.height + 20);
  cairo_clip (cr);
  c3v_painter_paint (cr, fixture->layout, c3v_theme_get_light (), NULL);
  cairo_destroy (cr);
  cairo_surface_flush (fixture->surface);

  g_assert_true (pixel_is (fixture->surface, box->rect.x + 1, box->rect.y + box->rect.height - 2,
                           &legend[box->legend_index].color));
  g_assert_true (
      pixel_is (fixture->surface, box->rect.x + box->rect.width + 12, box->rect.y, &sentinel));
  g_assert_true (pixel_is (fixture->surface, 2, 2, &sentinel));
}

static cairo_surface_t *
paint_layout (C3vLayout *layout, const C3vTheme *theme, const C3vPaintState *state)
{
  cairo_surface_t *surface
      = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) c3v_layout_get_width (layout),
                                    (int) c3v_layout_get_height (layout));
  cairo_t *cr = cairo_create (surface);

  c3v_painter_paint (cr, layout, theme, state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels of @color along the stripe above @bar, and pixels of another. */
static void
count_stripe (cairo_surface_t *surface, const C3vRect *bar, const C3vRgba *color, guint *same,
              guint *other)
{
  *same = *other = 0;
  for (double x = bar->x; x < bar->x + bar->width; x++)
    {
      if (pixel_is (surface, x, bar->y - 4, color))
        (*same)++;
      else
        (*other)++;
    }
}

static void
assert_mark (cairo_surface_t *surface, const C3vRect *bar, const C3vRgba *color, gboolean lit)
{
  guint same = 0;
  guint other = 0;

  count_stripe (surface, bar, color, &same, &other);
  if (lit)
    {
      /* A pattern, not a plain fill a task could have, and a frame. */
      g_assert_cmpuint (same, >, 0);
      g_assert_cmpuint (other, >, 0);
      g_assert_true (pixel_is (surface, bar->x, bar->y + bar->height / 2, color));
    }
  else
    {
      g_assert_cmpuint (same, ==, 0);
      g_assert_false (pixel_is (surface, bar->x, bar->y + bar->height / 2, color));
    }
}

static void
test_status_marks (void)
{
  /* Instance 1 is DRAINING, 2 has lost its agent, 3 reports a mismatch. */
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (5, 4, 0, 3, 2);
  C3vLayoutOptions options;
  g_autoptr (C3vLayout) layout = NULL;
  const C3vTheme     *theme = c3v_theme_get_dark ();
  cairo_surface_t    *surface;
  guint               n = 0;
  const C3vLayoutBar *bars;
  const C3vRect      *draining, *disconnected, *mismatch, *plain;
  C3vPaintState       state;

  c3v_layout_options_init (&options);
  layout = c3v_layout_new (snapshot, &options);
  bars = c3v_layout_get_bars (layout, &n);
  draining = &bars[c3v_layout_find_instance_bar (layout, 1)].rect;
  disconnected = &bars[c3v_layout_find_instance_bar (layout, 2)].rect;
  mismatch = &bars[c3v_layout_find_instance_bar (layout, 3)].rect;
  plain = &bars[c3v_layout_find_instance_bar (layout, 4)].rect;

  surface = paint_layout (layout, theme, NULL);
  assert_mark (surface, draining, &theme->draining, TRUE);
  assert_mark (surface, disconnected, &theme->disconnected, TRUE);
  g_assert_true (
      pixel_is (surface, mismatch->x + mismatch->width - 2, mismatch->y + 1, &theme->mismatch));
  g_assert_true (pixel_is (surface, plain->x + 3, plain->y - 4, &theme->background));
  g_assert_false (pixel_is (surface, plain->x + plain->width - 2, plain->y + 1, &theme->mismatch));
  cairo_surface_destroy (surface);

  /* A search with no match dims the marks with everything else: they must
   * not stand out as if they were hits. */
  c3v_paint_state_init (&state);
  state.search = "no-such-thing";
  surface = paint_layout (layout, theme, &state);
  assert_mark (surface, draining, &theme->draining, FALSE);
  assert_mark (surface, disconnected, &theme->disconnected, FALSE);
  g_assert_false (
      pixel_is (surface, mismatch->x + mismatch->width - 2, mismatch->y + 1, &theme->mismatch));
  cairo_surface_destroy (surface);

  /* Found by its instance id, the draining instance keeps its marks. */
  state.search = c3v_snapshot_get_instance (snapshot, 1)->ec2_instance_id;
  surface = paint_layout (layout, theme, &state);
  assert_mark (surface, draining, &theme->draining, TRUE);
  assert_mark (surface, disconnected, &theme->disconnected, FALSE);
  cairo_surface_destroy (surface);
}

static cairo_surface_t *
paint_service_legend (const char *service, C3vRect *text)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autofree char *arn
      = view_fixture_add_instance (builder, "one", "m5.large", "eu-west-1a", 8192, 2048);
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions      options;
  guint                 n = 0;
  const C3vLegendEntry *entry;

  view_fixture_add_task (builder, "t1", "fam", service, arn, 1024, 256);
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  c3v_layout_options_init (&options);
  options.color_by_service = TRUE;
  layout = c3v_layout_new (snapshot, &options);
  entry = c3v_layout_get_legend (layout, &n);
  g_assert_cmpuint (n, ==, 1);
  /* Right of the swatch. */
  *text = entry->rect;
  text->x += 20;
  text->width -= 20;
  return paint_layout (layout, c3v_theme_get_light (), NULL);
}

/* "\u202Eab" reads "ba": its legend entry must read "ba (1)", exactly as a
 * service named "ba" does, not ")1( ba" (the override running on). */
static void
test_legend_isolates_names (void)
{
  C3vRect          text;
  cairo_surface_t *plain = paint_service_legend ("ba", &text);
  cairo_surface_t *override = paint_service_legend ("\u202Eab", &text);
  guint            differ = 0;
  guint            ink = 0;

  for (double y = text.y; y < text.y + text.height; y++)
    for (double x = text.x; x < text.x + text.width; x++)
      {
        int a[3];
        int b[3];

        view_fixture_read_pixel (plain, (int) x, (int) y, a);
        view_fixture_read_pixel (override, (int) x, (int) y, b);
        ink += a[0] < 128;
        differ += ABS (a[0] - b[0]) > 64;
      }
  g_assert_cmpuint (ink, >, 20);
  g_assert_cmpuint (differ, <=, ink / 10);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (override);
}

/* The summary is drawn above the bars. */
static void
test_summary (Fixture *fixture, gconstpointer data)
{
  C3vRect            rect;
  const char *const *lines = c3v_layout_get_summary (fixture->layout, &rect);
  guint              ink = 0;

  g_assert_nonnull (lines);
  paint (fixture, NULL);
  for (double y = rect.y; y < rect.y + rect.height; y++)
    for (double x = rect.x; x < rect.x + 200; x++)
      ink += !pixel_is (fixture->surface, x, y, &c3v_theme_get_light ()->background);
  g_assert_cmpuint (ink, >, 50);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/view/painter/search", Fixture, NULL, fixture_set_up, test_search,
              fixture_tear_down);
  g_test_add ("/view/painter/highlight-labels", Fixture, NULL, fixture_set_up,
              test_highlight_labels, fixture_tear_down);
  g_test_add ("/view/painter/hover", Fixture, NULL, fixture_set_up, test_hover, fixture_tear_down);
  g_test_add ("/view/painter/clip", Fixture, NULL, fixture_set_up, test_clip, fixture_tear_down);
  g_test_add ("/view/painter/summary", Fixture, NULL, fixture_set_up, test_summary,
              fixture_tear_down);
  g_test_add_func ("/view/painter/status-marks", test_status_marks);
  g_test_add_func ("/view/painter/legend-isolates-names", test_legend_isolates_names);

  return g_test_run ();
}
