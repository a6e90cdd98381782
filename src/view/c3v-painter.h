/* c3v-painter.h: draws a layout with cairo and pango (no GTK).
 *
 * The same code paints the widget (from gtk_snapshot_append_cairo) and the
 * PNG export. It draws in layout coordinates: the caller translates for
 * scrolling and clips to what is visible; only rows and bars inside the
 * clip are drawn, so a repaint costs what is on screen, not the cluster.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <cairo.h>

#include "c3v-layout.h"
#include "c3v-theme.h"

G_BEGIN_DECLS

typedef struct
{
  C3vHit hover; /* kind C3V_HIT_NONE for nothing */
  /* Tasks with one of these legend labels, or matching the search (family,
   * service, task id, image), are drawn normally and all others dimmed.
   * Both NULL/empty: nothing is dimmed. */
  const char *const *highlight_labels; /* NULL-terminated, may be NULL */
  const char        *search;           /* may be NULL */
} C3vPaintState;

void c3v_paint_state_init (C3vPaintState *state);
void c3v_painter_paint (cairo_t *cr, C3vLayout *layout, const C3vTheme *theme,
                        const C3vPaintState *state);

G_END_DECLS
