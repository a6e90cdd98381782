/* c3v-layout.h: where everything of one snapshot goes, in pixels.
 *
 * A layout is computed once for a snapshot and a set of options and never
 * changes; the widget keeps one and builds a new one when either changes
 * (c3v_layout_is_for() tells). Painting and hit testing only read it.
 *
 * At small zooms, once bars are too narrow for a line of text, rows are
 * compact: the label band under the bars is dropped and rows sit closer,
 * a heat strip of the cluster.
 *
 * Geometry: bars wrap into rows that fit options->available_width; the
 * content grows downwards (c3v_layout_get_height()) and the widget scrolls
 * vertically. Every row has its own y axis at the left but all instance rows
 * share one scale, so equal heights mean equal amounts everywhere. Groups start a new
 * row under a header. Tasks without a container instance (Fargate, ...) come
 * last in their own lane, on a scale of their own (labelled); the legend and
 * an optional title frame the picture.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

#include "model/c3v-snapshot.h"
#include "c3v-palette.h"

G_BEGIN_DECLS

typedef enum
{
  C3V_SORT_NAME,        /* EC2 instance id (container instance id without one) */
  C3V_SORT_TYPE,        /* instance type, then name */
  C3V_SORT_ZONE,        /* availability zone, then name */
  C3V_SORT_FREE_MEMORY, /* most free memory first */
  C3V_SORT_FREE_CPU,    /* most free CPU first */
} C3vSortKey;

typedef enum
{
  C3V_GROUP_NONE,
  C3V_GROUP_ZONE,
  C3V_GROUP_INSTANCE_TYPE,
} C3vGroupKey;

typedef struct
{
  C3vResource resource;
  C3vSortKey  sort;
  C3vGroupKey group;
  gboolean    color_by_service;
  double      available_width; /* pixels; rows wrap to fit */
  double      zoom;            /* 1.0 = default bar size; fonts do not zoom */
  gboolean    show_title;      /* cluster, region, fetched time (exports) */
  gboolean    show_legend;
  gboolean    show_summary; /* reserved/registered, cluster and per AZ, above the bars */
  /* Exports: the legend goes beside the bars when the picture is wide
   * enough (rather than under thousands of pixels of bars), at most
   * legend_limit entries (0: all), and the key says what the picture left
   * out, "compacted" saying the export shrank it to fit an image. */
  gboolean legend_beside;
  guint    legend_limit;
  gboolean compacted;
} C3vLayoutOptions;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} C3vRect;

/* One task-definition label (or service) and its colour. */
typedef struct
{
  char   *label;       /* "family:revision", a service name, or "family:NAME" */
  char   *short_label; /* what fits in a box: the family or the service */
  C3vRgba color;
  guint   n_tasks;
  C3vRect rect;              /* swatch and text in the legend */
  double  short_label_width; /* pixels, in the box font */
} C3vLegendEntry;

typedef struct
{
  C3vRect rect;       /* the task's share of its bar */
  guint   task_index; /* into the snapshot */
  guint   legend_index;
  guint   bar_index;
} C3vLayoutBox;

typedef struct
{
  C3vRect  rect;           /* capacity: registered resource on the shared scale */
  C3vRect  label_rect;     /* below the bar, text rotated by -90 degrees */
  gint     instance_index; /* into the snapshot; -1 in the instance-less lane */
  guint    first_box;      /* boxes first_box .. first_box + n_boxes - 1, */
  guint    n_boxes;        /* stacked from the bottom (decreasing y) */
  guint    row_index;
  gboolean no_capacity; /* tasks on an instance with nothing registered */
} C3vLayoutBar;

typedef struct
{
  char    *header;   /* group name or lane title, NULL for none */
  double   top;      /* row starts (header included) */
  double   plot_top; /* y of the scale's maximum */
  double   baseline; /* y of zero */
  double   bottom;   /* end of the labels */
  double   x;        /* first bar */
  double   pitch;    /* bar width + gap: bar i is at x + i * pitch */
  double   scale;    /* pixels per MiB or CPU unit; the lane has its own */
  double   right;    /* end of gridlines */
  guint    first_bar;
  guint    n_bars;
  gboolean is_lane;
} C3vLayoutRow;

typedef struct
{
  guint64 value; /* MiB or CPU units */
  char   *text;  /* "16 GiB", "2 vCPU" */
} C3vScaleTick;

typedef enum
{
  C3V_HIT_NONE,
  C3V_HIT_TASK,         /* index: task; box, bar set */
  C3V_HIT_INSTANCE,     /* index: instance; bar set */
  C3V_HIT_LEGEND_ENTRY, /* index: legend entry */
} C3vHitKind;

typedef struct
{
  C3vHitKind kind;
  guint      index;
  guint      bar;
  guint      box;
} C3vHit;

#define C3V_TYPE_LAYOUT (c3v_layout_get_type ())

G_DECLARE_FINAL_TYPE (C3vLayout, c3v_layout, C3V, LAYOUT, GObject)

void c3v_layout_options_init (C3vLayoutOptions *options);

C3vLayout *c3v_layout_new (C3vSnapshot *snapshot, const C3vLayoutOptions *options);
/* TRUE when @self was computed for exactly this snapshot and these options. */
gboolean                c3v_layout_is_for (C3vLayout *self, C3vSnapshot *snapshot,
                                           const C3vLayoutOptions *options);
C3vSnapshot            *c3v_layout_get_snapshot (C3vLayout *self);
const C3vLayoutOptions *c3v_layout_get_options (C3vLayout *self);
double                  c3v_layout_get_width (C3vLayout *self);
double                  c3v_layout_get_height (C3vLayout *self);
/* Title text and its rectangle; NULL when options->show_title is FALSE. */
const char *c3v_layout_get_title (C3vLayout *self, C3vRect *rect);
/* Pixels per MiB or per CPU unit, the same for every instance bar (the
 * lane has its own: C3vLayoutRow.scale). */
double              c3v_layout_get_scale (C3vLayout *self);
const C3vScaleTick *c3v_layout_get_ticks (C3vLayout *self, guint *n_ticks);
/* The ticks of @row's axis: the instances' or the lane's. */
const C3vScaleTick *c3v_layout_get_row_ticks (C3vLayout *self, const C3vLayoutRow *row,
                                              guint *n_ticks);

const C3vLayoutRow *c3v_layout_get_rows (C3vLayout *self, guint *n_rows);
const C3vLayoutBar *c3v_layout_get_bars (C3vLayout *self, guint *n_bars);
const C3vLayoutBox *c3v_layout_get_boxes (C3vLayout *self, guint *n_boxes);
/* Sorted by task count, most first. */
const C3vLegendEntry *c3v_layout_get_legend (C3vLayout *self, guint *n_entries);
/* Legend header rectangle (the entries follow it); empty when hidden. */
void c3v_layout_get_legend_rect (C3vLayout *self, C3vRect *rect);
/* What the picture leaves out (instance names at this size, legend entries
 * past the limit), one sentence a line; NULL when nothing. */
const char *c3v_layout_get_omissions (C3vLayout *self);
/* The summary's lines (cluster first, then per AZ) and where they go;
 * NULL when options->show_summary is FALSE. */
const char *const *c3v_layout_get_summary (C3vLayout *self, C3vRect *rect);
gint               c3v_layout_find_legend_entry (C3vLayout *self, const char *label);
/* Box index of a task, -1 when it is not in the snapshot. */
gint c3v_layout_find_task_box (C3vLayout *self, guint task_index);
/* Bar index of an instance, -1 when it is not in the snapshot. */
gint c3v_layout_find_instance_bar (C3vLayout *self, guint instance_index);
/* Rows and, within @row, the bars overlapping [y0, y1) / [x0, x1). */
void c3v_layout_visible_rows (C3vLayout *self, double y0, double y1, guint *first, guint *end);
void c3v_layout_visible_bars (C3vLayout *self, guint row, double x0, double x1, guint *first,
                              guint *end);
/* Everything @search finds, in picture order (rows top down, bars left to
 * right, boxes bottom up) as hits: an instance that matches by itself is
 * one hit (its tasks light up with it), otherwise each matching task is.
 * The counts say how many of each; free with g_array_unref(). */
GArray *c3v_layout_find_matches (C3vLayout *self, const char *search, guint *n_instances,
                                 guint *n_tasks);
/* Index into @matches of the first match after (or, !@forward, before)
 * @from, wrapping round; from the start (or end) when @from is NULL or
 * C3V_HIT_NONE. -1 when there are no matches. */
gint c3v_layout_next_match (C3vLayout *self, GArray *matches, const C3vHit *from, gboolean forward);
/* The largest zoom in [@min_zoom, @max_zoom] at which the whole picture
 * is at most @height pixels tall (rows wrap to options->available_width);
 * @min_zoom if none is. */
double c3v_layout_fit_zoom (C3vSnapshot *snapshot, const C3vLayoutOptions *options, double height,
                            double min_zoom, double max_zoom);
/* What is at (x, y); O(log n). */
gboolean c3v_layout_hit_test (C3vLayout *self, double x, double y, C3vHit *hit);
/* Case-insensitive match of @search against the task's family, service,
 * task id and container images, and where it runs (instance ids, zone,
 * instance type). */
gboolean c3v_layout_task_matches (C3vLayout *self, guint task_index, const char *search);
/* The same against an instance: EC2 and container instance ids, zone, type. */
gboolean c3v_layout_instance_matches (C3vLayout *self, guint instance_index, const char *search);

G_END_DECLS
