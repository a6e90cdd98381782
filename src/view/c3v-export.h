/* c3v-export.h: the whole cluster as a PNG, with no display needed.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "c3v-layout.h"
#include "c3v-theme.h"

G_BEGIN_DECLS

#define C3V_EXPORT_ERROR (c3v_export_error_quark ())

typedef enum
{
  C3V_EXPORT_ERROR_TOO_LARGE, /* the picture would not fit an image */
  C3V_EXPORT_ERROR_FAILED,    /* cairo could not draw or encode */
  C3V_EXPORT_ERROR_INVALID,   /* a width too small to draw anything */
} C3vExportError;

/* Largest side and area of an exported image: cairo's own limit is 32767
 * pixels a side, and a 4-byte-per-pixel image of 100 Mpx is already 400 MB. */
#define C3V_EXPORT_MAX_SIDE   32767
#define C3V_EXPORT_MAX_PIXELS (100 * 1000 * 1000)
#define C3V_EXPORT_MIN_WIDTH  200
/* How tall a picture an export shrinks to when the one asked for is too
 * big for an image. */
#define C3V_EXPORT_COMPACT_SIDE 16384
/* Wide enough for a readable title, legend and a few dozen bars a row. */
#define C3V_EXPORT_DEFAULT_WIDTH 1600

GQuark c3v_export_error_quark (void);

/* Draws every instance, the lane, the scale, the legend and a title
 * (cluster, region, fetched time) at full resolution, @width pixels wide
 * (rows wrap to it) and as tall as needed, and writes a PNG to @path
 * (replaced atomically). */
gboolean c3v_export_png (C3vSnapshot *snapshot, const char *path, C3vResource resource, int width,
                         const C3vTheme *theme, GError **error);
/* The layout an export draws: @options with the legend beside the bars
 * (once they are taller than a screen) and the summary on top. Any
 * cluster fits an image: at @options->zoom if it can, else with smaller
 * bars (down to heat strips without names), else with fewer legend
 * entries, and the picture's key says what was left out. NULL (and
 * C3V_EXPORT_ERROR_TOO_LARGE) only when even that is too big. */
C3vLayout *c3v_export_layout_new (C3vSnapshot *snapshot, const C3vLayoutOptions *options,
                                  GError **error);
/* The same with every layout option chosen by the caller. */
gboolean c3v_export_png_full (C3vSnapshot *snapshot, const char *path,
                              const C3vLayoutOptions *options, const C3vTheme *theme,
                              GError **error);

G_END_DECLS
