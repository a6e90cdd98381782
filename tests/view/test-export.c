/* test-export.c: PNG export, read back, and its error paths.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "view/c3v-export.h"
#include "view/c3v-layout.h"
#include "view-fixture.h"

#define WIDTH 1100

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("c3v-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "cluster.png", NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static C3vLayout *
export_layout (C3vSnapshot *snapshot)
{
  C3vLayoutOptions options;

  /* What c3v_export_png() documents it draws. */
  c3v_layout_options_init (&options);
  options.available_width = WIDTH;
  options.show_title = TRUE;
  options.show_legend = TRUE;
  options.show_summary = TRUE;
  options.legend_beside = TRUE;
  return c3v_layout_new (snapshot, &options);
}

static void
test_png_colors (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_roomy ();
  g_autoptr (C3vLayout) layout = export_layout (snapshot);
  g_autoptr (GError) error = NULL;
  cairo_surface_t      *surface;
  guint                 n_boxes = 0;
  guint                 n_legend = 0;
  const C3vLayoutBox   *boxes = c3v_layout_get_boxes (layout, &n_boxes);
  const C3vLegendEntry *legend = c3v_layout_get_legend (layout, &n_legend);

  g_assert_true (c3v_export_png (snapshot, fixture->path, C3V_RESOURCE_MEMORY, WIDTH,
                                 c3v_theme_get_light (), &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (fixture->path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==,
                   (int) ceil (c3v_layout_get_width (layout)));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                   (int) ceil (c3v_layout_get_height (layout)));

  /* The whole cluster, not a window of it: the last box and the last legend
   * entry are in the picture, each with its legend colour. A box's left
   * edge is clear of its centred label. */
  g_assert_cmpuint (n_boxes, ==, 24 * 4 + 2);
  for (guint i = 0; i < n_boxes; i++)
    {
      const C3vRect *r = &boxes[i].rect;

      view_fixture_assert_pixel (surface, r->x + 1, r->y + r->height - 2,
                                 &legend[boxes[i].legend_index].color);
    }
  view_fixture_assert_pixel (surface, legend[n_legend - 1].rect.x + 3,
                             legend[n_legend - 1].rect.y + legend[n_legend - 1].rect.height / 2,
                             &legend[n_legend - 1].color);
  view_fixture_assert_pixel (surface, 1, 1, &c3v_theme_get_light ()->background);

  cairo_surface_destroy (surface);
}

static void
test_dark (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (5, 4, 1, 3, 2);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (c3v_export_png (snapshot, fixture->path, C3V_RESOURCE_CPU, 800,
                                 c3v_theme_get_dark (), &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (fixture->path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  view_fixture_assert_pixel (surface, 1, 1, &c3v_theme_get_dark ()->background);
  cairo_surface_destroy (surface);
}

static void
test_unwritable (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (3, 2, 0, 2, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "x.png", NULL);

  g_assert_false (c3v_export_png (snapshot, path, C3V_RESOURCE_MEMORY, 800, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Any cluster exports at the default width (issue 17): rows are compacted
 * until the picture fits an image, and its key says what was left out. */
static void
test_any_size (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (5000, 3, 40, 30, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions options;
  cairo_surface_t *surface;
  const char      *omissions;
  C3vRect          legend;

  c3v_layout_options_init (&options);
  options.available_width = C3V_EXPORT_DEFAULT_WIDTH;
  options.show_title = TRUE;
  layout = c3v_export_layout_new (snapshot, &options, &error);
  g_assert_no_error (error);
  omissions = c3v_layout_get_omissions (layout);
  g_assert_nonnull (omissions);
  g_assert_nonnull (strstr (omissions, "shrunk"));
  /* The legend is beside the bars, at the top, not under them. */
  c3v_layout_get_legend_rect (layout, &legend);
  g_assert_cmpfloat (legend.x, >, C3V_EXPORT_DEFAULT_WIDTH / 2);
  g_assert_cmpfloat (legend.y, <, 200);

  g_assert_true (c3v_export_png (snapshot, fixture->path, C3V_RESOURCE_MEMORY,
                                 C3V_EXPORT_DEFAULT_WIDTH, NULL, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (fixture->path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, C3V_EXPORT_DEFAULT_WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                   (int) ceil (c3v_layout_get_height (layout)));
  g_assert_cmpint (cairo_image_surface_get_height (surface), <=, C3V_EXPORT_MAX_SIDE);
  cairo_surface_destroy (surface);
}

static void
test_too_large (Fixture *fixture, gconstpointer data)
{
  /* 40,000 instances in a 200-pixel column: not even heat strips fit. */
  g_autoptr (C3vSnapshot) snapshot = view_fixture_cluster (40000, 0, 0, 1, 1);
  g_autoptr (GError) error = NULL;

  g_assert_false (c3v_export_png (snapshot, fixture->path, C3V_RESOURCE_MEMORY, 200, NULL, &error));
  g_assert_error (error, C3V_EXPORT_ERROR, C3V_EXPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "32767"));
  g_assert_nonnull (strstr (error->message, "wider"));
  g_assert_null (strstr (error->message, "zoom"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (c3v_export_png (snapshot, fixture->path, C3V_RESOURCE_MEMORY, 10, NULL, &error));
  g_assert_error (error, C3V_EXPORT_ERROR, C3V_EXPORT_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/view/export/png-colors", Fixture, NULL, fixture_set_up, test_png_colors,
              fixture_tear_down);
  g_test_add ("/view/export/dark", Fixture, NULL, fixture_set_up, test_dark, fixture_tear_down);
  g_test_add ("/view/export/unwritable", Fixture, NULL, fixture_set_up, test_unwritable,
              fixture_tear_down);
  g_test_add ("/view/export/any-size", Fixture, NULL, fixture_set_up, test_any_size,
              fixture_tear_down);
  g_test_add ("/view/export/too-large", Fixture, NULL, fixture_set_up, test_too_large,
              fixture_tear_down);

  return g_test_run ();
}
