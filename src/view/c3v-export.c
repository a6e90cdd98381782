/* c3v-export.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-export.h"

#include <glib/gi18n.h>
#include <math.h>

#include "c3v-painter.h"

G_DEFINE_QUARK (c3v - export - error - quark, c3v_export_error)

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} PngWriter;

static cairo_status_t
write_chunk (void *closure, const unsigned char *data, unsigned int length)
{
  PngWriter *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, NULL, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Through GIO rather than cairo_surface_write_to_png(): the file is
 * replaced atomically and a failure comes back as a real GError (which
 * folder, which errno) instead of a bare CAIRO_STATUS_WRITE_ERROR. */
static gboolean
write_png (cairo_surface_t *surface, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) stream = NULL;
  PngWriter      writer = { NULL, NULL };
  cairo_status_t status;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  writer.stream = G_OUTPUT_STREAM (stream);
  status = cairo_surface_write_to_png_stream (surface, write_chunk, &writer);
  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, C3V_EXPORT_ERROR, C3V_EXPORT_ERROR_FAILED,
                   _ ("Could not encode the image: %s"), cairo_status_to_string (status));
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static gboolean
check_size (double width, double height, GError **error)
{
  if (width <= C3V_EXPORT_MAX_SIDE && height <= C3V_EXPORT_MAX_SIDE
      && width * height <= C3V_EXPORT_MAX_PIXELS)
    return TRUE;

  /* Reached only when not even heat strips fit: then only a wider image,
   * whose rows hold more bars, can (the command line has no zoom). */
  if (height > C3V_EXPORT_MAX_SIDE && width < C3V_EXPORT_MAX_SIDE)
    g_set_error (error, C3V_EXPORT_ERROR, C3V_EXPORT_ERROR_TOO_LARGE,
                 _ ("The picture would be %.0f × %.0f pixels, more than an image can hold "
                    "(at most %d pixels a side and %d million pixels); export a wider image"),
                 width, height, C3V_EXPORT_MAX_SIDE, C3V_EXPORT_MAX_PIXELS / 1000000);
  else
    g_set_error (error, C3V_EXPORT_ERROR, C3V_EXPORT_ERROR_TOO_LARGE,
                 _ ("The picture would be %.0f × %.0f pixels, more than an image can hold "
                    "(at most %d pixels a side and %d million pixels)"),
                 width, height, C3V_EXPORT_MAX_SIDE, C3V_EXPORT_MAX_PIXELS / 1000000);
  return FALSE;
}

static gboolean
layout_fits (C3vLayout *layout, double max_height)
{
  double width = ceil (c3v_layout_get_width (layout));
  double height = ceil (c3v_layout_get_height (layout));

  return width <= C3V_EXPORT_MAX_SIDE && height <= max_height
         && width * height <= C3V_EXPORT_MAX_PIXELS;
}

C3vLayout *
c3v_export_layout_new (C3vSnapshot *snapshot, const C3vLayoutOptions *asked, GError **error)
{
  static const double zooms[] = { 0.75, 0.5, 0.35, 0.25, 0.15, 0.1 };
  static const guint  limits[] = { 0, 400, 100, 20 };
  C3vLayoutOptions    options = *asked;
  C3vLayout          *layout;

  /* The legend beside the bars, not under them; the summary on top. */
  options.legend_beside = TRUE;
  options.show_summary = TRUE;
  layout = c3v_layout_new (snapshot, &options);
  if (layout_fits (layout, C3V_EXPORT_MAX_SIDE))
    return layout;

  options.compacted = TRUE;
  /* When not even the smallest picture fits, say so at once. */
  options.zoom = zooms[G_N_ELEMENTS (zooms) - 1];
  options.legend_limit = limits[G_N_ELEMENTS (limits) - 1];
  g_object_unref (layout);
  layout = c3v_layout_new (snapshot, &options);
  if (!layout_fits (layout, C3V_EXPORT_MAX_SIDE))
    {
      check_size (ceil (c3v_layout_get_width (layout)), ceil (c3v_layout_get_height (layout)),
                  error);
      g_object_unref (layout);
      return NULL;
    }

  for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        if (zooms[z] >= asked->zoom)
          continue;
        options.zoom = zooms[z];
        options.legend_limit = limits[l];
        g_object_unref (layout);
        layout = c3v_layout_new (snapshot, &options);
        /* Once shrinking anyway, to a picture that opens and reads well
         * (and costs a fraction of the memory), not just under the limit. */
        if (layout_fits (layout, C3V_EXPORT_COMPACT_SIDE))
          return layout;
      }

  /* Over the comfortable height but within what an image holds. */
  g_object_unref (layout);
  options.zoom = zooms[G_N_ELEMENTS (zooms) - 1];
  options.legend_limit = limits[G_N_ELEMENTS (limits) - 1];
  return c3v_layout_new (snapshot, &options);
}

gboolean
c3v_export_png_full (C3vSnapshot *snapshot, const char *path, const C3vLayoutOptions *options,
                     const C3vTheme *theme, GError **error)
{
  g_autoptr (C3vLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  cairo_status_t   status;
  double           width;
  double           height;
  gboolean         ok;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (theme == NULL)
    theme = c3v_theme_get_light ();

  layout = c3v_export_layout_new (snapshot, options, error);
  if (layout == NULL)
    return FALSE;
  width = ceil (c3v_layout_get_width (layout));
  height = ceil (c3v_layout_get_height (layout));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  c3v_painter_paint (cr, layout, theme, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, C3V_EXPORT_ERROR, C3V_EXPORT_ERROR_FAILED,
                   _ ("Could not draw the image: %s"), cairo_status_to_string (status));
      ok = FALSE;
    }
  else
    {
      ok = write_png (surface, path, error);
    }

  cairo_surface_destroy (surface);
  return ok;
}

gboolean
c3v_export_png (C3vSnapshot *snapshot, const char *path, C3vResource resource, int width,
                const C3vTheme *theme, GError **error)
{
  C3vLayoutOptions options;

  if (width < C3V_EXPORT_MIN_WIDTH)
    {
      g_set_error (error, C3V_EXPORT_ERROR, C3V_EXPORT_ERROR_INVALID,
                   _ ("An exported image must be at least %d pixels wide"), C3V_EXPORT_MIN_WIDTH);
      return FALSE;
    }

  c3v_layout_options_init (&options);
  options.resource = resource;
  options.available_width = width;
  options.show_title = TRUE;
  options.show_legend = TRUE;

  return c3v_export_png_full (snapshot, path, &options, theme, error);
}
