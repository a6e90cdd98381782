/* bench-render.c: full repaints of a window on a 2,000-instance cluster,
 * and hover hit tests.
 *
 * Targets (2-core machine): a full repaint of a 1600x1000 window < 16 ms,
 * a hit test < 50 us. Prints medians; fails when a target is missed by far
 * (3x), so a noisy CI box does not flap but a regression to a scan over all
 * tasks does.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <cairo.h>
#include <time.h>

#include "view/c3v-layout.h"
#include "view/c3v-painter.h"
#include "view-fixture.h"

#define VIEW_WIDTH  1600
#define VIEW_HEIGHT 1000
#define N_REPAINTS  40
#define N_HITS      20000

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* Paints the window scrolled to @scroll_y, as the widget does: translate,
 * clip to the viewport, paint. */
static double
time_repaint (cairo_surface_t *surface, C3vLayout *layout, double scroll_y,
              const C3vPaintState *state)
{
  cairo_t *cr = cairo_create (surface);
  double   start = now_us ();

  cairo_rectangle (cr, 0, 0, VIEW_WIDTH, VIEW_HEIGHT);
  cairo_clip (cr);
  cairo_translate (cr, 0, -scroll_y);
  c3v_painter_paint (cr, layout, c3v_theme_get_light (), state);
  cairo_surface_flush (surface);
  cairo_destroy (cr);

  return now_us () - start;
}

int
main (int argc, char *argv[])
{
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (4);
  C3vLayoutOptions options;
  C3vPaintState    state;
  cairo_surface_t *surface;
  double           start;
  double           layout_ms;
  double           repaints[N_REPAINTS];
  double           filtered[N_REPAINTS];
  double           zoomed_out[N_REPAINTS];
  g_autoptr (C3vLayout) overview = NULL;
  g_autofree double *hits = g_new (double, N_HITS);
  double             height;
  double             repaint_ms;
  double             filtered_ms;
  double             hit_us;
  guint              found = 0;

  start = now_us ();
  snapshot = view_fixture_cluster (2000, 11, 200, 80, 1);
  g_print ("snapshot: %u instances, %u tasks (%.0f ms to build)\n",
           c3v_snapshot_get_n_instances (snapshot), c3v_snapshot_get_n_tasks (snapshot),
           (now_us () - start) / 1000);

  c3v_layout_options_init (&options);
  options.available_width = VIEW_WIDTH;
  start = now_us ();
  layout = c3v_layout_new (snapshot, &options);
  layout_ms = (now_us () - start) / 1000;
  height = c3v_layout_get_height (layout);
  g_print ("layout: %.0f x %.0f px content, %.1f ms\n", c3v_layout_get_width (layout), height,
           layout_ms);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  c3v_paint_state_init (&state);
  for (guint i = 0; i < N_REPAINTS; i++)
    repaints[i] = time_repaint (
        surface, layout, g_rand_double_range (rand, 0, MAX (0, height - VIEW_HEIGHT)), &state);
  state.search = "app-1";
  for (guint i = 0; i < N_REPAINTS; i++)
    filtered[i] = time_repaint (
        surface, layout, g_rand_double_range (rand, 0, MAX (0, height - VIEW_HEIGHT)), &state);

  /* Zoomed out, many more bars are on screen at once. */
  state.search = NULL;
  options.zoom = 0.25;
  overview = c3v_layout_new (snapshot, &options);
  for (guint i = 0; i < N_REPAINTS; i++)
    zoomed_out[i] = time_repaint (
        surface, overview,
        g_rand_double_range (rand, 0, MAX (0, c3v_layout_get_height (overview) - VIEW_HEIGHT)),
        &state);

  for (guint i = 0; i < N_HITS; i++)
    {
      double x = g_rand_double_range (rand, 0, c3v_layout_get_width (layout));
      double y = g_rand_double_range (rand, 0, height);
      C3vHit hit;
      double t0 = now_us ();

      found += c3v_layout_hit_test (layout, x, y, &hit);
      hits[i] = now_us () - t0;
    }

  repaint_ms = median (repaints, N_REPAINTS) / 1000;
  filtered_ms = median (filtered, N_REPAINTS) / 1000;
  hit_us = median (hits, N_HITS);
  g_print ("full repaint %dx%d: median %.2f ms (target < 16 ms)\n", VIEW_WIDTH, VIEW_HEIGHT,
           repaint_ms);
  g_print ("repaint with search: median %.2f ms\n", filtered_ms);
  g_print ("repaint at zoom 0.25: median %.2f ms\n", median (zoomed_out, N_REPAINTS) / 1000);
  g_print ("hit test: median %.3f us over %d points, %u hits (target < 50 us)\n", hit_us, N_HITS,
           found);

  cairo_surface_destroy (surface);

  if (repaint_ms > 3 * 16 || hit_us > 3 * 50)
    {
      g_printerr ("far beyond target\n");
      return 1;
    }
  return 0;
}
