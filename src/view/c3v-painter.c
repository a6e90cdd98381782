/* c3v-painter.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "c3v-layout-private.h"

/* How far a dimmed fill goes towards the background. */
#define DIM_AMOUNT 0.72
/* Boxes of DRAINING instances fade out a little: they are going away. */
#define DRAINING_AMOUNT 0.35
#define STRIPE_HEIGHT   4.0
#define SWATCH_SIZE     12.0

typedef enum
{
  FONT_BOX,
  FONT_LABEL,
  FONT_AXIS,
  FONT_HEADER,
  FONT_LEGEND,
  FONT_TITLE,
  N_FONTS
} FontKind;

static const char *const font_names[N_FONTS] = {
  C3V_FONT_BOX, C3V_FONT_LABEL, C3V_FONT_AXIS, C3V_FONT_HEADER, C3V_FONT_LEGEND, C3V_FONT_TITLE,
};

typedef struct
{
  cairo_t              *cr;
  C3vLayout            *layout;
  const C3vTheme       *theme;
  const C3vPaintState  *state;
  PangoLayout          *text;
  PangoFontDescription *fonts[N_FONTS];
  FontKind              current_font;
  double                line_heights[N_FONTS];
  cairo_pattern_t      *hatch;
  double                x0, y0, x1, y1; /* the clip, in layout coordinates */
  gboolean              filtering;
  gboolean             *legend_lit; /* per legend entry */
  /* Scratch for one row, reused: boxes are batched by fill (one cairo
   * fill per colour, not per box), and each box's state is kept for the
   * passes after the fills. */
  gint   *fill_heads; /* per fill: first box in its list, or -1 */
  guint   n_fills;
  gint   *fill_next; /* per box of the row: next box of the same fill */
  guint8 *box_state; /* per box of the row: BOX_* */
  guint   row_capacity;
} Painter;

enum
{
  BOX_LIT = 1 << 0,
  BOX_DRAINING = 1 << 1,
  BOX_VISIBLE = 1 << 2,
};

void
c3v_paint_state_init (C3vPaintState *state)
{
  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
  state->hover.kind = C3V_HIT_NONE;
}

static void
set_color (cairo_t *cr, const C3vRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static gboolean
rect_visible (const Painter *p, const C3vRect *rect)
{
  return rect->x < p->x1 && rect->x + rect->width > p->x0 && rect->y < p->y1
         && rect->y + rect->height > p->y0;
}

/* ---- Text ---- */

static void
use_font (Painter *p, FontKind font)
{
  if (p->current_font == font)
    return;
  pango_layout_set_font_description (p->text, p->fonts[font]);
  p->current_font = font;
}

/* Draws @text with its top-left corner at (x, y), cut to @width with an
 * ellipsis when @width > 0, aligned per @align inside it. */
static void
draw_text (Painter *p, FontKind font, const char *text, double x, double y, double width,
           PangoAlignment align, const C3vRgba *color)
{
  use_font (p, font);
  pango_layout_set_text (p->text, text, -1);
  pango_layout_set_width (p->text, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (p->text, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (p->text, align);
  set_color (p->cr, color);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, p->text);
}

/* Measured once a paint: every row's axis asks. */
static double
text_height (Painter *p, FontKind font)
{
  int height = 0;

  if (p->line_heights[font] > 0)
    return p->line_heights[font];
  use_font (p, font);
  pango_layout_set_width (p->text, -1);
  pango_layout_set_text (p->text, "Ag", -1);
  pango_layout_get_pixel_size (p->text, NULL, &height);
  p->line_heights[font] = height;
  return height;
}

/* Text turned by -90 degrees, read bottom to top, ending at @top and
 * centred on @cx. */
static void
draw_rotated_text (Painter *p, FontKind font, const char *text, double cx, double top,
                   double length, const C3vRgba *color)
{
  int height = 0;

  use_font (p, font);
  pango_layout_set_text (p->text, text, -1);
  pango_layout_set_width (p->text, (int) (length * PANGO_SCALE));
  pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_alignment (p->text, PANGO_ALIGN_RIGHT);
  pango_layout_get_pixel_size (p->text, NULL, &height);

  cairo_save (p->cr);
  cairo_translate (p->cr, cx - height / 2.0, top + length);
  cairo_rotate (p->cr, -G_PI / 2);
  set_color (p->cr, color);
  cairo_move_to (p->cr, 0, 0);
  pango_cairo_show_layout (p->cr, p->text);
  cairo_restore (p->cr);
}

/* ---- Highlighting ---- */

static gboolean
label_in_set (const char *label, const char *const *labels)
{
  for (; labels != NULL && *labels != NULL; labels++)
    if (strcmp (label, *labels) == 0)
      return TRUE;
  return FALSE;
}

static void
compute_highlights (Painter *p)
{
  guint                 n = 0;
  const C3vLegendEntry *legend = c3v_layout_get_legend (p->layout, &n);
  const char           *search = p->state ? p->state->search : NULL;
  const char *const    *labels = p->state ? p->state->highlight_labels : NULL;
  g_autofree char      *folded = NULL;

  p->filtering = (search != NULL && search[0] != '\0') || (labels != NULL && labels[0] != NULL);
  if (!p->filtering)
    return;

  p->legend_lit = g_new0 (gboolean, MAX (n, 1));
  folded = search ? g_ascii_strdown (search, -1) : NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_ascii_strdown (legend[i].label, -1);

      p->legend_lit[i] = label_in_set (legend[i].label, labels)
                         || (folded != NULL && folded[0] != '\0' && strstr (label, folded) != NULL);
    }
}

/* @bar_found: the box's instance matches the search by itself. */
static gboolean
box_lit (const Painter *p, const C3vLayoutBox *box, gboolean bar_found)
{
  const char *search = p->state->search;

  if (!p->filtering || bar_found || p->legend_lit[box->legend_index])
    return TRUE;
  return search != NULL && search[0] != '\0'
         && c3v_layout_task_matches_own (p->layout, box->task_index, search);
}

static gboolean
instance_lit (const Painter *p, const C3vLayoutBar *bar)
{
  const char *search = p->state->search;

  return bar->instance_index >= 0 && search != NULL && search[0] != '\0'
         && c3v_layout_instance_matches (p->layout, bar->instance_index, search);
}

/* ---- Bars ---- */

static void
draw_box_label (Painter *p, const C3vLayoutBox *box, const C3vLegendEntry *entry,
                const C3vRgba *fill)
{
  double  line = C3V_LABEL_LINE;
  C3vRgba ink;

  c3v_palette_text_color (fill, &ink);
  if (box->rect.height >= line + 2 && box->rect.width >= entry->short_label_width + 4)
    draw_text (p, FONT_BOX, entry->short_label, box->rect.x,
               box->rect.y + (box->rect.height - line) / 2 - 1, box->rect.width, PANGO_ALIGN_CENTER,
               &ink);
  else if (box->rect.width >= line + 1 && box->rect.height >= entry->short_label_width + 6)
    draw_rotated_text (p, FONT_BOX, entry->short_label, box->rect.x + box->rect.width / 2,
                       box->rect.y + (box->rect.height - entry->short_label_width) / 2 - 2,
                       entry->short_label_width + 2, &ink);
}

/* A box's fill: its legend colour, faded when its instance drains,
 * dimmed when it does not match. */
static void
box_fill (Painter *p, guint legend_index, guint8 state, C3vRgba *fill)
{
  guint n = 0;

  *fill = c3v_layout_get_legend (p->layout, &n)[legend_index].color;
  if (!(state & BOX_LIT))
    c3v_rgba_mix (fill, &p->theme->background, DIM_AMOUNT, fill);
  else if (state & BOX_DRAINING)
    c3v_rgba_mix (fill, &p->theme->background, DRAINING_AMOUNT, fill);
}

/* Edges on whole pixels: neighbours share them exactly, and cairo fills
 * pixel-aligned boxes on its fast path instead of rasterising polygons
 * (a full repaint at small zooms is tens of thousands of boxes). */
static void
add_snapped_rect (Painter *p, double x, double y, double width, double height)
{
  double top = round (y);
  double bottom = round (y + height);

  cairo_rectangle (p->cr, round (x), top, round (x + width) - round (x), bottom - top);
}

static void
add_box_path (Painter *p, const C3vLayoutBox *box)
{
  double gap = box->rect.height >= 4 ? 1 : 0;

  add_snapped_rect (p, box->rect.x, box->rect.y + gap, box->rect.width, box->rect.height - gap);
}

static cairo_pattern_t *
create_hatch (const C3vTheme *theme)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t         *cr = cairo_create (tile);
  cairo_pattern_t *pattern;

  set_color (cr, &theme->free_room);
  cairo_paint (cr);
  set_color (cr, &theme->grid);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, -1, 9);
  cairo_line_to (cr, 9, -1);
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  /* The tile is never scaled: nearest sampling keeps pixman on its fast
   * path, which matters with hundreds of bars on screen. */
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_surface_destroy (tile);

  return pattern;
}

typedef enum
{
  MARK_DRAINING,
  MARK_DISCONNECTED,
} MarkKind;

/* A state mark has a form no task box can take (boxes are plain fills):
 * draining is hatched with diagonal bands, a lost agent is dashed. Their
 * reds and ambers are hues the palette never gives a task. */
static void
draw_state_stripe (Painter *p, MarkKind kind, double x, double y, double width, double height,
                   const C3vRgba *color)
{
  cairo_save (p->cr);
  cairo_rectangle (p->cr, x, y, width, height);
  cairo_clip (p->cr);
  set_color (p->cr, color);
  if (kind == MARK_DRAINING)
    {
      cairo_set_line_width (p->cr, 2.5);
      for (double band = x - height; band < x + width + height; band += 5)
        {
          cairo_move_to (p->cr, band, y + height);
          cairo_line_to (p->cr, band + height, y);
        }
      cairo_stroke (p->cr);
    }
  else
    {
      for (double dash = x; dash < x + width; dash += 4)
        cairo_rectangle (p->cr, dash, y, 2.5, height);
      cairo_fill (p->cr);
    }
  cairo_restore (p->cr);
}

static void
dim_if (const Painter *p, gboolean dim, const C3vRgba *color, C3vRgba *out)
{
  *out = *color;
  if (dim)
    c3v_rgba_mix (color, &p->theme->background, DIM_AMOUNT, out);
}

/* Stripes above the bar, the bar's frame in the state's colour, and the
 * mismatch flag; all dimmed with the boxes when the bar has no match. */
static void
draw_status_marks (Painter *p, const C3vLayoutBar *bar, const C3vInstance *instance, gboolean dim)
{
  gboolean draining = g_strcmp0 (instance->status, "DRAINING") == 0;
  gboolean disconnected = !instance->agent_connected;
  double   y = bar->rect.y - STRIPE_HEIGHT - 2;
  double   half = bar->rect.width / 2;
  C3vRgba  drain_color;
  C3vRgba  lost_color;
  C3vRgba  frame;

  dim_if (p, dim, &p->theme->draining, &drain_color);
  dim_if (p, dim, &p->theme->disconnected, &lost_color);
  dim_if (p, dim, disconnected ? &p->theme->disconnected : &p->theme->draining, &frame);

  if (draining)
    draw_state_stripe (p, MARK_DRAINING, bar->rect.x, y, disconnected ? half : bar->rect.width,
                       STRIPE_HEIGHT, &drain_color);
  if (disconnected)
    draw_state_stripe (p, MARK_DISCONNECTED, bar->rect.x + (draining ? half : 0), y,
                       draining ? half : bar->rect.width, STRIPE_HEIGHT, &lost_color);
  if (draining || disconnected)
    {
      set_color (p->cr, &frame);
      cairo_set_line_width (p->cr, 1);
      cairo_rectangle (p->cr, bar->rect.x + 0.5, bar->rect.y + 0.5, bar->rect.width - 1,
                       MAX (bar->rect.height - 1, 0));
      cairo_stroke (p->cr);
    }

  if (instance->mismatch)
    {
      double  size = MIN (8, bar->rect.width * 0.6);
      double  right = bar->rect.x + bar->rect.width;
      C3vRgba flag;

      /* A corner flag inside the bar's top right. */
      dim_if (p, dim, &p->theme->mismatch, &flag);
      set_color (p->cr, &flag);
      cairo_move_to (p->cr, right - size, bar->rect.y);
      cairo_line_to (p->cr, right, bar->rect.y);
      cairo_line_to (p->cr, right, bar->rect.y + size);
      cairo_close_path (p->cr);
      cairo_fill (p->cr);
    }
}

/* Tasks on an instance that registered nothing: a dashed frame in the
 * mismatch colour says the height is not a capacity. */
static void
draw_no_capacity (Painter *p, const C3vLayoutBar *bar)
{
  static const double dash[] = { 2, 2 };

  cairo_save (p->cr);
  set_color (p->cr, &p->theme->mismatch);
  cairo_set_line_width (p->cr, 2);
  cairo_set_dash (p->cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_rectangle (p->cr, bar->rect.x - 1, bar->rect.y - 1, bar->rect.width + 2,
                   bar->rect.height + 2);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

static void
draw_instance_label (Painter *p, const C3vLayoutBar *bar)
{
  C3vSnapshot     *snapshot = c3v_layout_get_snapshot (p->layout);
  guint            lines = (guint) MIN (3, floor (bar->label_rect.width / C3V_LABEL_LINE));
  g_autofree char *text = NULL;
  C3vRgba          ink = p->theme->foreground;

  if (lines == 0)
    return;

  if (bar->instance_index >= 0)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (snapshot, bar->instance_index);
      const char *name = instance->ec2_instance_id ? instance->ec2_instance_id : instance->id;

      text = g_strjoin ("\n", name ? name : "",
                        lines > 1 ? (instance->instance_type ? instance->instance_type : "") : NULL,
                        lines > 2 ? (instance->availability_zone ? instance->availability_zone : "")
                                  : NULL,
                        NULL);
      if (!instance->agent_connected || g_strcmp0 (instance->status, "ACTIVE") != 0)
        c3v_rgba_mix (&ink, &p->theme->background, 0.35, &ink);
    }
  else
    {
      guint               n = 0;
      const C3vLayoutBox *box = &c3v_layout_get_boxes (p->layout, &n)[bar->first_box];
      const C3vTask      *task = c3v_snapshot_get_task (snapshot, box->task_index);

      text = g_strjoin (
          "\n", task->family ? task->family : "", lines > 1 ? (task->id ? task->id : "") : NULL,
          lines > 2 ? (task->availability_zone ? task->availability_zone : "") : NULL, NULL);
    }

  draw_rotated_text (p, FONT_LABEL, text, bar->label_rect.x + (bar->rect.width) / 2,
                     bar->label_rect.y, bar->label_rect.height, &ink);
}

static const C3vInstance *
bar_instance (Painter *p, const C3vLayoutBar *bar)
{
  if (bar->instance_index < 0)
    return NULL;
  return c3v_snapshot_get_instance (c3v_layout_get_snapshot (p->layout), bar->instance_index);
}

/* Room for @n boxes of row scratch. */
static void
reserve_row (Painter *p, guint n)
{
  if (n <= p->row_capacity)
    return;
  p->row_capacity = MAX (n, 2 * p->row_capacity);
  p->fill_next = g_renew (gint, p->fill_next, p->row_capacity);
  p->box_state = g_renew (guint8, p->box_state, p->row_capacity);
}

/* The bars [first, end) of a row, in passes: free room, boxes batched by
 * fill, box labels, frames, then each bar's marks and label. */
static void
draw_bars (Painter *p, const C3vLayoutBar *bars, guint first, guint end)
{
  guint                 n = 0;
  const C3vLayoutBox   *boxes = c3v_layout_get_boxes (p->layout, &n);
  guint                 box0;
  guint                 box_end;
  guint                 n_legend = 0;
  const C3vLegendEntry *legend = c3v_layout_get_legend (p->layout, &n_legend);
  gboolean              strips;

  if (first >= end)
    return;
  box0 = bars[first].first_box;
  box_end = bars[end - 1].first_box + bars[end - 1].n_boxes;
  reserve_row (p, box_end - box0 + 1);

  /* Free room above each instance's stack, one fill: hatched, or plain
   * and darker where bars are heat strips too narrow to show a hatch (a
   * plain fill of whole pixels costs a fraction of a pattern). */
  strips = bars[first].rect.width < C3V_LABEL_LINE;
  if (!strips)
    cairo_set_source (p->cr, p->hatch);
  else
    set_color (p->cr, &p->theme->grid);
  for (guint b = first; b < end; b++)
    {
      const C3vLayoutBar *bar = &bars[b];
      double stack_top = bar->n_boxes > 0 ? boxes[bar->first_box + bar->n_boxes - 1].rect.y
                                          : bar->rect.y + bar->rect.height;

      if (bar->instance_index >= 0 && stack_top > bar->rect.y)
        add_snapped_rect (p, bar->rect.x, bar->rect.y, bar->rect.width, stack_top - bar->rect.y);
    }
  cairo_fill (p->cr);

  /* Every box is asked whether it matches, drawn or not: a bar's marks
   * are lit when any of its tasks (or the instance itself) matches. */
  for (guint b = first; b < end; b++)
    {
      const C3vInstance *instance = bar_instance (p, &bars[b]);
      gboolean draining = instance != NULL && g_strcmp0 (instance->status, "DRAINING") == 0;
      gboolean found = p->filtering && instance_lit (p, &bars[b]);

      for (guint i = bars[b].first_box; i < bars[b].first_box + bars[b].n_boxes; i++)
        {
          guint8 state = (box_lit (p, &boxes[i], found) ? BOX_LIT : 0)
                         | (draining ? BOX_DRAINING : 0)
                         | (rect_visible (p, &boxes[i].rect) ? BOX_VISIBLE : 0);
          guint fill = boxes[i].legend_index * 4 + (state & (BOX_LIT | BOX_DRAINING));

          p->box_state[i - box0] = state;
          if (!(state & BOX_VISIBLE))
            continue;
          p->fill_next[i - box0] = p->fill_heads[fill];
          p->fill_heads[fill] = (gint) (i - box0);
        }
    }

  for (guint fill = 0; fill < p->n_fills; fill++)
    {
      C3vRgba color;

      if (p->fill_heads[fill] < 0)
        continue;
      box_fill (p, fill / 4, fill % 4, &color);
      set_color (p->cr, &color);
      for (gint i = p->fill_heads[fill]; i >= 0; i = p->fill_next[i])
        add_box_path (p, &boxes[box0 + i]);
      cairo_fill (p->cr);
      p->fill_heads[fill] = -1;
    }

  /* Labels where they fit (the widths were measured by the layout). */
  for (guint i = box0; i < box_end; i++)
    {
      const C3vLegendEntry *entry = &legend[boxes[i].legend_index];
      double                shorter = MIN (boxes[i].rect.width, boxes[i].rect.height);
      C3vRgba               fill;

      if (!(p->box_state[i - box0] & BOX_VISIBLE) || shorter < C3V_LABEL_LINE
          || MAX (boxes[i].rect.width, boxes[i].rect.height) < entry->short_label_width + 4)
        continue;
      box_fill (p, boxes[i].legend_index, p->box_state[i - box0], &fill);
      draw_box_label (p, &boxes[i], entry, &fill);
    }

  /* Instance frames, one stroke; heat strips have none, their free room
   * is dark enough to show the bar's height. */
  set_color (p->cr, &p->theme->bar_frame);
  cairo_set_line_width (p->cr, 1);
  for (guint b = first; b < end && !strips; b++)
    if (bars[b].instance_index >= 0)
      {
        double top = round (bars[b].rect.y);

        cairo_rectangle (p->cr, round (bars[b].rect.x) + 0.5, top + 0.5,
                         round (bars[b].rect.width) - 1,
                         MAX (round (bars[b].rect.y + bars[b].rect.height) - top - 1, 0));
      }
  cairo_stroke (p->cr);

  for (guint b = first; b < end; b++)
    {
      const C3vLayoutBar *bar = &bars[b];
      const C3vInstance  *instance = bar_instance (p, bar);
      gboolean            any_lit = FALSE;

      for (guint i = bar->first_box; i < bar->first_box + bar->n_boxes; i++)
        any_lit |= (p->box_state[i - box0] & BOX_LIT) != 0;
      if (instance != NULL)
        {
          draw_status_marks (p, bar, instance, p->filtering && !any_lit && !instance_lit (p, bar));
          if (bar->no_capacity)
            draw_no_capacity (p, bar);
        }
      if (rect_visible (p, &bar->label_rect))
        draw_instance_label (p, bar);
    }
}

/* ---- Rows: header, axis with gridlines, bars ---- */

static void
draw_axis (Painter *p, const C3vLayoutRow *row)
{
  guint               n_ticks = 0;
  const C3vScaleTick *ticks = c3v_layout_get_row_ticks (p->layout, row, &n_ticks);
  double              scale = row->scale;
  double              half_line = text_height (p, FONT_AXIS) / 2;

  double labelled = G_MAXDOUBLE; /* y of the last tick labelled */

  cairo_set_line_width (p->cr, 1);
  for (guint i = 0; i < n_ticks; i++)
    {
      double y = round (row->baseline - ticks[i].value * scale) + 0.5;

      if (y < row->plot_top - 1)
        break;
      set_color (p->cr, i == 0 ? &p->theme->bar_frame : &p->theme->grid);
      cairo_move_to (p->cr, row->x - 4, y);
      cairo_line_to (p->cr, row->right, y);
      cairo_stroke (p->cr);
      /* Compact rows have no room for every label: no overlaps. */
      if (labelled - y < 2 * half_line + 1)
        continue;
      draw_text (p, FONT_AXIS, ticks[i].text, row->x - C3V_AXIS_WIDTH, y - half_line,
                 C3V_AXIS_WIDTH - 6, PANGO_ALIGN_RIGHT, &p->theme->foreground);
      labelled = y;
    }
}

static void
draw_row (Painter *p, const C3vLayoutRow *row)
{
  guint               first = 0;
  guint               end = 0;
  guint               n = 0;
  const C3vLayoutBar *bars = c3v_layout_get_bars (p->layout, &n);

  if (row->header != NULL)
    draw_text (p, FONT_HEADER, row->header, C3V_MARGIN, row->top + 2,
               MAX (row->right, p->x1) - C3V_MARGIN, PANGO_ALIGN_LEFT, &p->theme->foreground);

  draw_axis (p, row);

  c3v_layout_visible_bars (p->layout, row - c3v_layout_get_rows (p->layout, &n), p->x0, p->x1,
                           &first, &end);
  draw_bars (p, bars, first, end);
}

/* ---- Legend and title ---- */

static double
text_width (Painter *p, FontKind font, const char *text)
{
  int width = 0;

  use_font (p, font);
  pango_layout_set_width (p->text, -1);
  pango_layout_set_text (p->text, text, -1);
  pango_layout_get_pixel_size (p->text, &width, NULL);
  return width;
}

static void
draw_key (Painter *p, double *x, double y, gint mark, const C3vRgba *color, const char *text)
{
  double width = text_width (p, FONT_LEGEND, text);

  if (mark >= 0)
    {
      draw_state_stripe (p, (MarkKind) mark, *x, y + 5, SWATCH_SIZE * 1.5, STRIPE_HEIGHT + 2,
                         color);
    }
  else
    {
      /* The mismatch flag, as in a bar's corner. */
      set_color (p->cr, color);
      cairo_move_to (p->cr, *x + SWATCH_SIZE * 1.5 - 8, y + 4);
      cairo_line_to (p->cr, *x + SWATCH_SIZE * 1.5, y + 4);
      cairo_line_to (p->cr, *x + SWATCH_SIZE * 1.5, y + 12);
      cairo_close_path (p->cr);
      cairo_fill (p->cr);
    }
  draw_text (p, FONT_LEGEND, text, *x + SWATCH_SIZE * 1.5 + 4, y, -1, PANGO_ALIGN_LEFT,
             &p->theme->foreground);
  *x += SWATCH_SIZE * 1.5 + 4 + width + 16;
}

static void
draw_legend_header (Painter *p, const C3vRect *rect)
{
  const char    *title = _ ("Legend");
  const char    *keys[] = { _ ("Draining"), _ ("Agent disconnected"), _ ("Reservation mismatch") };
  const C3vRgba *colors[] = { &p->theme->draining, &p->theme->disconnected, &p->theme->mismatch };
  const gint     marks[] = { MARK_DRAINING, MARK_DISCONNECTED, -1 };
  const char    *omissions = c3v_layout_get_omissions (p->layout);
  double         x = rect->x;

  gboolean one_line = rect->width >= C3V_LEGEND_KEYS_WIDTH;
  double   y = rect->y + 4;

  draw_text (p, FONT_HEADER, title, x, y, -1, PANGO_ALIGN_LEFT, &p->theme->foreground);
  x += text_width (p, FONT_HEADER, title) + 24;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!one_line)
        {
          x = rect->x;
          y += 18;
        }
      draw_key (p, &x, y, marks[i], colors[i], keys[i]);
    }

  /* What the picture left out is part of its key. */
  if (omissions != NULL)
    {
      use_font (p, FONT_LEGEND);
      pango_layout_set_text (p->text, omissions, -1);
      pango_layout_set_width (p->text, (int) (rect->width * PANGO_SCALE));
      pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_wrap (p->text, PANGO_WRAP_WORD);
      pango_layout_set_alignment (p->text, PANGO_ALIGN_LEFT);
      set_color (p->cr, &p->theme->foreground);
      cairo_move_to (p->cr, rect->x, y + 22);
      pango_cairo_show_layout (p->cr, p->text);
    }
}

static void
draw_legend (Painter *p)
{
  guint                 n = 0;
  const C3vLegendEntry *legend = c3v_layout_get_legend (p->layout, &n);
  C3vRect               header;
  double                line = text_height (p, FONT_LEGEND);

  c3v_layout_get_legend_rect (p->layout, &header);
  if (header.height <= 0)
    return;
  if (rect_visible (p, &header))
    draw_legend_header (p, &header);

  for (guint i = 0; i < MIN (n, p->layout->legend_shown); i++)
    {
      const C3vLegendEntry *entry = &legend[i];
      g_autofree char      *text = NULL;
      C3vRgba               fill = entry->color;
      C3vRgba               ink = p->theme->foreground;

      if (!rect_visible (p, &entry->rect))
        continue;
      if (p->filtering && !p->legend_lit[i])
        {
          c3v_rgba_mix (&fill, &p->theme->background, DIM_AMOUNT, &fill);
          c3v_rgba_mix (&ink, &p->theme->background, 0.5, &ink);
        }

      set_color (p->cr, &fill);
      cairo_rectangle (p->cr, entry->rect.x, entry->rect.y + (entry->rect.height - SWATCH_SIZE) / 2,
                       SWATCH_SIZE, SWATCH_SIZE);
      cairo_fill (p->cr);
      /* Isolated: a right-to-left override in a name must not run on
       * into the count (or anything after it). */
      text = g_strdup_printf ("\u2068%s\u2069 (%u)", entry->label, entry->n_tasks);
      draw_text (p, FONT_LEGEND, text, entry->rect.x + SWATCH_SIZE + 6,
                 entry->rect.y + (entry->rect.height - line) / 2,
                 entry->rect.width - SWATCH_SIZE - 6, PANGO_ALIGN_LEFT, &ink);
    }
}

/* ---- Summary above the bars ---- */

static void
draw_summary (Painter *p)
{
  C3vRect            rect;
  const char *const *lines = c3v_layout_get_summary (p->layout, &rect);
  double line = lines != NULL && lines[0] != NULL ? rect.height / g_strv_length ((GStrv) lines) : 0;

  if (lines == NULL || !rect_visible (p, &rect))
    return;
  for (guint i = 0; lines[i] != NULL; i++)
    draw_text (p, i == 0 ? FONT_HEADER : FONT_LEGEND, lines[i], rect.x, rect.y + i * line,
               rect.width, PANGO_ALIGN_LEFT, &p->theme->foreground);
}

/* ---- Hover ---- */

static void
outline (Painter *p, const C3vRect *rect)
{
  set_color (p->cr, &p->theme->hover);
  cairo_set_line_width (p->cr, 2);
  cairo_rectangle (p->cr, rect->x - 1, rect->y - 1, rect->width + 2, rect->height + 2);
  cairo_stroke (p->cr);
}

/* The hover may come from an older layout of the same widget: indices are
 * checked, never trusted. */
static void
draw_hover (Painter *p)
{
  const C3vHit         *hover = &p->state->hover;
  guint                 n = 0;
  const C3vLayoutBox   *boxes;
  const C3vLayoutBar   *bars;
  const C3vLegendEntry *legend;

  switch (hover->kind)
    {
      case C3V_HIT_TASK:
        boxes = c3v_layout_get_boxes (p->layout, &n);
        if (hover->box < n)
          outline (p, &boxes[hover->box].rect);
        break;
      case C3V_HIT_INSTANCE:
        bars = c3v_layout_get_bars (p->layout, &n);
        if (hover->bar < n)
          outline (p, &bars[hover->bar].rect);
        break;
      case C3V_HIT_LEGEND_ENTRY:
        legend = c3v_layout_get_legend (p->layout, &n);
        if (hover->index < n)
          outline (p, &legend[hover->index].rect);
        break;
      case C3V_HIT_NONE:
      default:
        break;
    }
}

static void
painter_init (Painter *p, cairo_t *cr, C3vLayout *layout, const C3vTheme *theme,
              const C3vPaintState *state)
{
  static const C3vPaintState no_state = { { C3V_HIT_NONE, 0, 0, 0 }, NULL, NULL };

  memset (p, 0, sizeof *p);
  p->cr = cr;
  p->layout = layout;
  p->theme = theme;
  p->state = state ? state : &no_state;
  p->text = pango_cairo_create_layout (cr);
  pango_cairo_context_set_resolution (pango_layout_get_context (p->text), C3V_FONT_DPI);
  pango_layout_context_changed (p->text);
  /* Texts are composed in the interface's direction; a name's own
   * direction stays inside its isolate and must not flip the line. */
  pango_layout_set_auto_dir (p->text, FALSE);
  for (guint i = 0; i < N_FONTS; i++)
    p->fonts[i] = pango_font_description_from_string (font_names[i]);
  p->current_font = N_FONTS;
  p->hatch = create_hatch (theme);
  cairo_clip_extents (cr, &p->x0, &p->y0, &p->x1, &p->y1);
  compute_highlights (p);
  c3v_layout_get_legend (layout, &p->n_fills);
  p->n_fills *= 4;
  p->fill_heads = g_new (gint, MAX (p->n_fills, 1));
  for (guint i = 0; i < p->n_fills; i++)
    p->fill_heads[i] = -1;
}

static void
painter_clear (Painter *p)
{
  g_clear_object (&p->text);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&p->fonts[i], pango_font_description_free);
  g_clear_pointer (&p->hatch, cairo_pattern_destroy);
  g_clear_pointer (&p->legend_lit, g_free);
  g_clear_pointer (&p->fill_heads, g_free);
  g_clear_pointer (&p->fill_next, g_free);
  g_clear_pointer (&p->box_state, g_free);
}

void
c3v_painter_paint (cairo_t *cr, C3vLayout *layout, const C3vTheme *theme,
                   const C3vPaintState *state)
{
  Painter             p;
  guint               n = 0;
  const C3vLayoutRow *rows;
  guint               first = 0;
  guint               end = 0;
  const char         *title;
  C3vRect             title_rect;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (C3V_IS_LAYOUT (layout));
  g_return_if_fail (theme != NULL);

  cairo_save (cr);
  painter_init (&p, cr, layout, theme, state);

  set_color (cr, &theme->background);
  cairo_paint (cr);

  title = c3v_layout_get_title (layout, &title_rect);
  if (title != NULL && rect_visible (&p, &title_rect))
    draw_text (&p, FONT_TITLE, title, title_rect.x, title_rect.y, title_rect.width,
               PANGO_ALIGN_LEFT, &theme->foreground);

  draw_summary (&p);

  rows = c3v_layout_get_rows (layout, &n);
  c3v_layout_visible_rows (layout, p.y0, p.y1, &first, &end);
  for (guint i = first; i < end; i++)
    draw_row (&p, &rows[i]);

  draw_legend (&p);
  draw_hover (&p);

  painter_clear (&p);
  cairo_restore (cr);
}
