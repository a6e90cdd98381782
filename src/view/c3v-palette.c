/* c3v-palette.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-palette.h"

#include <math.h>

/* Below this "redmean" distance (0..~765) two fills side by side read as
 * the same colour. */
#define COLLIDE_DISTANCE 100.0
/* The golden angle spreads successive variants far apart on the wheel. */
#define GOLDEN_ANGLE 137.508
/* Hues past the palette stay in [TASK_HUE_FIRST, +TASK_HUE_RANGE): from
 * green round to magenta, never the reds and ambers of the states. */
#define TASK_HUE_FIRST 90.0
#define TASK_HUE_RANGE 230.0

guint32
c3v_palette_hash (const char *label)
{
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) label; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= 16777619u;
    }

  return hash;
}

static double
hue_to_channel (double p, double q, double t)
{
  if (t < 0)
    t += 1;
  if (t > 1)
    t -= 1;
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 0.5)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

static void
hsl_to_rgba (double hue, double saturation, double lightness, C3vRgba *out)
{
  double q = lightness < 0.5 ? lightness * (1 + saturation)
                             : lightness + saturation - lightness * saturation;
  double p = 2 * lightness - q;
  double h = fmod (hue, 360.0) / 360.0;

  out->red = hue_to_channel (p, q, h + 1.0 / 3);
  out->green = hue_to_channel (p, q, h);
  out->blue = hue_to_channel (p, q, h - 1.0 / 3);
  out->alpha = 1.0;
}

/* Twenty fills that tell apart at a glance, on light and dark backgrounds
 * alike (GNOME's palette, extended): every pair is further apart than
 * COLLIDE_DISTANCE. A label hashes to one of them; its variants walk the
 * rest, so a legend of up to twenty labels can take twenty different ones.
 * Reds, oranges and ambers are left out on purpose: they belong to the
 * instance states (agent disconnected, draining), which must never be
 * mistaken for a task. */
static const guint32 qualitative[] = {
  0x3584e4, 0x9141ac, 0x2ec27e, 0xc061cb, 0x7d8ac7, 0x5bc8af, 0x00838f,
  0x865e3c, 0xff7eb6, 0x6a994e, 0x613583, 0x99c1f1, 0x006a4e, 0x8ff0a4,
  0x6b7b8c, 0xd9a3f5, 0xb5835a, 0x1a5fb4, 0xd4d48f, 0x00c8e8,
};

G_STATIC_ASSERT (G_N_ELEMENTS (qualitative) == C3V_PALETTE_SIZE);

/* Seventeen more, found by packing the green-to-magenta hues within the
 * palette's range of lightness: each is further than COLLIDE_DISTANCE from
 * every other fill here and above, so a legend of up to 37 labels can show
 * no two look-alikes. Hash-walked hues alone leave far fewer. */
static const guint32 extended[] = {
  0x73c91d, 0x35da0b, 0x34b234, 0x0bda49, 0x0b35da, 0x501dc9, 0x920bda, 0xda0bda, 0xc91d95,
  0x99e64c, 0x59f53d, 0x3df57d, 0x3df5c7, 0x4c4ce6, 0x903df5, 0xe23df5, 0x64e1f7,
};

#define N_FIXED_FILLS (C3V_PALETTE_SIZE + G_N_ELEMENTS (extended))

static void
rgb_to_rgba (guint32 rgb, C3vRgba *out)
{
  *out = (C3vRgba){ ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0,
                    1.0 };
}

void
c3v_palette_color_variant (const char *label, guint variant, C3vRgba *out)
{
  guint32 hash;
  double  hue;
  double  saturation;
  double  lightness;

  g_return_if_fail (label != NULL);
  g_return_if_fail (out != NULL);

  hash = c3v_palette_hash (label);
  if (variant < C3V_PALETTE_SIZE)
    {
      rgb_to_rgba (qualitative[(hash + variant) % C3V_PALETTE_SIZE], out);
      return;
    }
  if (variant < N_FIXED_FILLS)
    {
      rgb_to_rgba (extended[(hash + variant) % G_N_ELEMENTS (extended)], out);
      return;
    }

  /* Past the fixed fills: spread further variants around the colour wheel. */
  variant -= N_FIXED_FILLS;
  hue = fmod ((hash % 360) + variant * GOLDEN_ANGLE, TASK_HUE_RANGE) + TASK_HUE_FIRST;
  /* Mid saturation and lightness keep every fill away from both the light
   * and the dark background, and leave room for black or white text. */
  saturation = 0.50 + ((hash >> 9) % 25) / 100.0;
  /* Three bands of lightness, taken in turn, so that variants of nearby
   * hues still differ: two bands leave too few distinct fills for a long
   * legend. */
  lightness = 0.36 + 0.14 * ((variant + (hash >> 17)) % 3) + ((hash >> 19) % 5) / 100.0;

  hsl_to_rgba (hue, saturation, lightness, out);
}

void
c3v_palette_color_for_label (const char *label, C3vRgba *out)
{
  c3v_palette_color_variant (label, 0, out);
}

static double
linear_channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
c3v_rgba_luminance (const C3vRgba *color)
{
  return 0.2126 * linear_channel (color->red) + 0.7152 * linear_channel (color->green)
         + 0.0722 * linear_channel (color->blue);
}

/* WCAG contrast ratio, 1..21. */
double
c3v_rgba_contrast_ratio (const C3vRgba *a, const C3vRgba *b)
{
  double la = c3v_rgba_luminance (a);
  double lb = c3v_rgba_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

void
c3v_palette_text_color (const C3vRgba *fill, C3vRgba *out)
{
  static const C3vRgba black = { 0, 0, 0, 1 };
  static const C3vRgba white = { 1, 1, 1, 1 };

  if (c3v_rgba_contrast_ratio (fill, &black) >= c3v_rgba_contrast_ratio (fill, &white))
    *out = black;
  else
    *out = white;
}

/* The "redmean" approximation of perceived distance: cheap and much better
 * than plain RGB distance for telling fills apart. */
double
c3v_rgba_distance (const C3vRgba *a, const C3vRgba *b)
{
  double rmean = (a->red + b->red) * 255 / 2;
  double dr = (a->red - b->red) * 255;
  double dg = (a->green - b->green) * 255;
  double db = (a->blue - b->blue) * 255;

  return sqrt ((2 + rmean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rmean) / 256) * db * db);
}

gboolean
c3v_palette_colors_collide (const C3vRgba *a, const C3vRgba *b)
{
  return c3v_rgba_distance (a, b) < COLLIDE_DISTANCE;
}

void
c3v_rgba_mix (const C3vRgba *color, const C3vRgba *other, double amount, C3vRgba *out)
{
  out->red = color->red + (other->red - color->red) * amount;
  out->green = color->green + (other->green - color->green) * amount;
  out->blue = color->blue + (other->blue - color->blue) * amount;
  out->alpha = color->alpha + (other->alpha - color->alpha) * amount;
}
