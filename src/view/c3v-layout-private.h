/* c3v-layout-private.h: what the layout, its queries and the painter share.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-layout.h"
#include "c3v-summary.h"

G_BEGIN_DECLS

/* Fonts do not follow the zoom: labels stay readable at any bar size. */
#define C3V_FONT_BOX    "Cantarell, Sans 7.5"
#define C3V_FONT_LABEL  "Cantarell, Sans 7"
#define C3V_FONT_AXIS   "Cantarell, Sans 7.5"
#define C3V_FONT_HEADER "Cantarell, Sans Bold 9"
#define C3V_FONT_LEGEND "Cantarell, Sans 8.5"
#define C3V_FONT_TITLE  "Cantarell, Sans Bold 13"
#define C3V_FONT_DPI    96.0

/* Page margin, and the room left of every row for the y axis labels. */
#define C3V_MARGIN     16.0
#define C3V_AXIS_WIDTH 60.0

/* Narrower than this, the legend's state keys go one a line. */
#define C3V_LEGEND_KEYS_WIDTH 620.0

/* Room above a bar's top for the status stripe and mismatch flag. */
#define C3V_FLAG_ROOM 8.0
/* A rotated label line takes this much bar pitch. */
#define C3V_LABEL_LINE 11.0

struct _C3vLayout
{
  GObject parent_instance;

  C3vSnapshot     *snapshot;
  C3vLayoutOptions options;

  double  width;
  double  height;
  double  scale; /* pixels per MiB or per CPU unit */
  char   *title;
  C3vRect title_rect;
  C3vRect legend_rect; /* the legend's header line */
  double  legend_x;    /* entries grid */
  double  legend_y;
  double  legend_entry_width;
  double  legend_entry_height;
  guint   legend_columns;

  GArray     *ticks;      /* C3vScaleTick */
  GArray     *lane_ticks; /* C3vScaleTick, the lane's own scale */
  double      lane_scale;
  GArray     *rows;         /* C3vLayoutRow */
  GArray     *bars;         /* C3vLayoutBar */
  GArray     *boxes;        /* C3vLayoutBox */
  GArray     *legend;       /* C3vLegendEntry */
  GHashTable *legend_index; /* label -> index + 1 */
  guint      *task_legend;  /* per snapshot task: legend index */
  gint       *task_box;     /* per snapshot task: box index */
  gint       *instance_bar; /* per snapshot instance: bar index */
  GArray     *lane_tasks;   /* guint: snapshot tasks drawn in the lane */
  GStrv       summary;      /* lines above the bars */
  C3vRect     summary_rect;
  GString    *omissions;
  guint       legend_shown; /* entries placed (the rest left out) */
};

/* c3v-layout-legend.c, in the order c3v_layout_new() calls them: entries
 * and per-task indices; then, once boxes are stacked, colours apart for
 * neighbours and box label widths. */
void c3v_layout_build_legend (C3vLayout *self);
void c3v_layout_separate_colors (C3vLayout *self);
void c3v_layout_measure_labels (C3vLayout *self);
/* c3v_layout_task_matches() without the instance's fields (the painter
 * asks the instance once a bar); @search is not empty. */
gboolean c3v_layout_task_matches_own (C3vLayout *self, guint task_index, const char *search);
void     c3v_layout_measure_texts (const char *font, const char *const *texts, guint n_texts,
                                   double *widths);

G_END_DECLS
