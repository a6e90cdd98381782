/* c3v-palette.h: stable colours for task labels, readable text on them.
 *
 * A label ("family:revision" or a service name) always gets the same colour,
 * in every run and on every machine: the hue comes from a fixed hash of the
 * label (FNV-1a), never from GLib's per-process seeded hashes.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} C3vRgba;

/* How many fills the palette has before variants leave it. */
#define C3V_PALETTE_SIZE 20

/* The colour of @label; variant 0 is what c3v_palette_color_for_label()
 * gives, higher variants are alternatives used when two labels that sit
 * next to each other would look alike. */
void c3v_palette_color_for_label (const char *label, C3vRgba *out);
void c3v_palette_color_variant (const char *label, guint variant, C3vRgba *out);
/* Black or white, whichever contrasts more with @fill. */
void c3v_palette_text_color (const C3vRgba *fill, C3vRgba *out);
/* TRUE when @a and @b are too close to tell apart side by side. */
gboolean c3v_palette_colors_collide (const C3vRgba *a, const C3vRgba *b);

guint32 c3v_palette_hash (const char *label);
double  c3v_rgba_luminance (const C3vRgba *color);
double  c3v_rgba_contrast_ratio (const C3vRgba *a, const C3vRgba *b);
double  c3v_rgba_distance (const C3vRgba *a, const C3vRgba *b);
/* @color mixed towards @other by @amount (0 = @color, 1 = @other). */
void c3v_rgba_mix (const C3vRgba *color, const C3vRgba *other, double amount, C3vRgba *out);

G_END_DECLS
