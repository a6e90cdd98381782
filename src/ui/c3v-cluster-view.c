/* c3v-cluster-view.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "c3v-aws-console.h"
#include "c3v-cluster-view.h"
#include "c3v-painter.h"
#include "c3v-tooltip-text.h"

#define ZOOM_MIN         0.1 /* heat strips: 2,000 instances in a full-HD window */
#define ZOOM_MAX         4.0
#define FOCUS_RING_WIDTH 2.0
/* Fitting a cluster on its first showing only ever enlarges it, and only
 * small clusters: a big one is better read at 1.0 and scrolled. */
#define AUTO_FIT_MAX_ZOOM      3.0
#define AUTO_FIT_MAX_INSTANCES 200

struct _C3vClusterView
{
  GtkWidget parent_instance;

  C3vSnapshot     *snapshot;
  C3vLayoutOptions options;
  C3vLayout       *layout;
  C3vHit           hover;
  C3vHit           menu_hit;
  C3vHit           focus; /* the item the arrow keys move, or C3V_HIT_NONE */
  char            *search;
  GStrv            highlight;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  GtkWidget *context_menu;
  /* A newly shown cluster is zoomed to fill the view once it is loaded. */
  gboolean needs_fit;
  /* The last allocation's size, which the layout follows. */
  int   width;
  int   height;
  guint relayout_tick_id;
};

enum
{
  PROP_0,
  /* GtkScrollable */
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  LAYOUT_CHANGED,
  FOCUS_CHANGED,
  COPIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (C3vClusterView, c3v_cluster_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static double  fit_zoom (C3vClusterView *self, int height, double low, double high);
static C3vRect focus_rect (C3vClusterView *self);

static void focus_area (C3vClusterView *self, GdkRectangle *area);
static void popup_context_menu (C3vClusterView *self, const GdkRectangle *at);
static void set_focus (C3vClusterView *self, C3vHit focus);

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0.0;
}

static void update_menu_actions (C3vClusterView *self);

/* Hits index the layout they came from: a new layout makes them stale. */
static void
forget_hits (C3vClusterView *self)
{
  self->hover.kind = C3V_HIT_NONE;
  self->menu_hit.kind = C3V_HIT_NONE;
  self->focus.kind = C3V_HIT_NONE;
  update_menu_actions (self);
}

static void
configure_adjustment (GtkAdjustment *adjustment, double content, double page)
{
  double upper = MAX (content, page);
  double value = CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - page);

  gtk_adjustment_configure (adjustment, value, 0, upper, page * 0.1, page * 0.9, page);
}

/* A newly shown cluster is fitted once its complete snapshot is in and the
 * view's height is known. */
static gboolean
wants_fit (C3vClusterView *self)
{
  return self->needs_fit && self->snapshot != NULL && c3v_snapshot_is_complete (self->snapshot)
         && self->height > 0;
}

/* Lays the snapshot out again when it, an option or the width changed.
 * Never called from size allocation: "layout-changed" makes the window
 * rebuild the legend, and widgets must not come and go while GTK
 * allocates them (the window painted nothing when they did). */
static void
relayout (C3vClusterView *self)
{
  C3vLayoutOptions options = self->options;

  /* The width comes from the last allocation; before the first one there
   * is nothing to lay out for. */
  if (self->snapshot == NULL || self->width <= 0)
    {
      if (self->layout == NULL)
        return;
      g_clear_object (&self->layout);
    }
  else
    {
      self->options.available_width = self->width;
      if (wants_fit (self))
        {
          self->needs_fit = FALSE;
          if (c3v_snapshot_get_n_instances (self->snapshot) <= AUTO_FIT_MAX_INSTANCES)
            self->options.zoom = fit_zoom (self, self->height, 1.0, AUTO_FIT_MAX_ZOOM);
        }
      options = self->options;
      if (self->layout != NULL && c3v_layout_is_for (self->layout, self->snapshot, &options))
        return;
      g_clear_object (&self->layout);
      self->layout = c3v_layout_new (self->snapshot, &options);
    }

  forget_hits (self);
  /* The natural size is the content's (see measure). */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, signals[LAYOUT_CHANGED], 0);
}

static gboolean
relayout_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (widget);

  self->relayout_tick_id = 0;
  relayout (self);
  return G_SOURCE_REMOVE;
}

/* Allocation only notes the size; a new width (or a fit waiting for the
 * height) is laid out at the start of the next frame, before its layout
 * phase. */
static void
c3v_cluster_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (widget);
  double          content_width = self->layout != NULL ? c3v_layout_get_width (self->layout) : 0;
  double          content_height = self->layout != NULL ? c3v_layout_get_height (self->layout) : 0;

  self->width = width;
  self->height = height;
  if (self->snapshot != NULL && self->relayout_tick_id == 0
      && (self->layout == NULL || self->options.available_width != width || wants_fit (self)))
    self->relayout_tick_id = gtk_widget_add_tick_callback (widget, relayout_tick, NULL, NULL);

  if (self->hadjustment != NULL)
    configure_adjustment (self->hadjustment, content_width, width);
  if (self->vadjustment != NULL)
    configure_adjustment (self->vadjustment, content_height, height);

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

/* Any size works (the adjustments cover the rest), but the natural size
 * is the content's: the scrolled window decides from it whether to show
 * its scrollbars, so configuring the adjustments in size_allocate never
 * changes its mind (and queues a resize) in the middle of an allocation. */
static void
c3v_cluster_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                          int *natural, int *minimum_baseline, int *natural_baseline)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (widget);
  gboolean        horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = horizontal ? 240 : 200;
  if (self->layout == NULL)
    *natural = *minimum;
  else
    *natural = MAX (*minimum, (int) ceil (horizontal ? c3v_layout_get_width (self->layout)
                                                     : c3v_layout_get_height (self->layout)));
}

/* Chrome colours follow the GTK theme so dark mode reads well. */
static void
theme_from_style (GtkWidget *widget, C3vTheme *theme)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA          fg, bg;

  gtk_style_context_get_color (style, &fg);
  *theme = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5 ? *c3v_theme_get_dark ()
                                                                        : *c3v_theme_get_light ();
  if (gtk_style_context_lookup_color (style, "view_bg_color", &bg))
    theme->background = (C3vRgba){ bg.red, bg.green, bg.blue, 1.0 };
  theme->foreground = (C3vRgba){ fg.red, fg.green, fg.blue, 1.0 };
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* A ring in the theme's selection colour round the item the keyboard
 * (or the last search step) is on, with a thin line of the background
 * between it and the box, so it stands out from any task colour. */
static void
paint_focus_ring (C3vClusterView *self, cairo_t *cr)
{
  C3vRect rect = focus_rect (self);
  GdkRGBA ring = { 0.21, 0.52, 0.89, 1.0 };
  GdkRGBA background = { 1, 1, 1, 1 };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_lookup_color (style, "theme_selected_bg_color", &ring);
  gtk_style_context_lookup_color (style, "view_bg_color", &background);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_rectangle (cr, rect.x - 0.5, rect.y - 0.5, rect.width + 1, rect.height + 1);
  cairo_stroke (cr);
  cairo_set_line_width (cr, FOCUS_RING_WIDTH);
  gdk_cairo_set_source_rgba (cr, &ring);
  cairo_rectangle (cr, rect.x - 1 - FOCUS_RING_WIDTH / 2, rect.y - 1 - FOCUS_RING_WIDTH / 2,
                   rect.width + 2 + FOCUS_RING_WIDTH, rect.height + 2 + FOCUS_RING_WIDTH);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
c3v_cluster_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (widget);
  int             width = gtk_widget_get_width (widget);
  int             height = gtk_widget_get_height (widget);
  double          x0 = adjustment_value (self->hadjustment);
  double          y0 = adjustment_value (self->vadjustment);
  C3vPaintState   state;
  C3vTheme        theme;
  cairo_t        *cr;

  if (self->layout == NULL || width <= 0 || height <= 0)
    return;

  theme_from_style (widget, &theme);
  c3v_paint_state_init (&state);
  /* The pointer's item, else the keyboard's. */
  state.hover = self->hover.kind != C3V_HIT_NONE ? self->hover : self->focus;
  state.search = self->search;
  state.highlight_labels = (const char *const *) self->highlight;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, -x0, -y0);
  cairo_rectangle (cr, x0, y0, width, height);
  cairo_clip (cr);
  c3v_painter_paint (cr, self->layout, &theme, &state);
  if (self->focus.kind != C3V_HIT_NONE)
    paint_focus_ring (self, cr);
  cairo_destroy (cr);
}

static gboolean
hit_test (C3vClusterView *self, double x, double y, C3vHit *hit)
{
  hit->kind = C3V_HIT_NONE;
  if (self->layout == NULL)
    return FALSE;

  return c3v_layout_hit_test (self->layout, x + adjustment_value (self->hadjustment),
                              y + adjustment_value (self->vadjustment), hit);
}

static void
set_hover (C3vClusterView *self, const C3vHit *hit)
{
  if (hit->kind == self->hover.kind && hit->index == self->hover.index)
    return;

  self->hover = *hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, C3vClusterView *self)
{
  C3vHit hit;

  hit_test (self, x, y, &hit);
  set_hover (self, &hit);
}

static void
on_leave (GtkEventControllerMotion *controller, C3vClusterView *self)
{
  C3vHit none = { .kind = C3V_HIT_NONE };

  set_hover (self, &none);
}

static gboolean
c3v_cluster_view_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard_mode,
                                GtkTooltip *tooltip)
{
  C3vClusterView  *self = C3V_CLUSTER_VIEW (widget);
  g_autofree char *markup = NULL;
  C3vHit           hit;
  GdkRectangle     area;

  if (keyboard_mode && self->focus.kind != C3V_HIT_NONE)
    {
      hit = self->focus;
      focus_area (self, &area);
      gtk_tooltip_set_tip_area (tooltip, &area);
    }
  else if (!hit_test (self, x, y, &hit))
    return FALSE;

  markup = c3v_tooltip_text_for_hit (self->layout, &hit);
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, C3vClusterView *self)
{
  GdkModifierType state
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  c3v_cluster_view_zoom (self, dy < 0 ? 1.25 : 0.8);
  return TRUE;
}

static const C3vTask *
menu_task (C3vClusterView *self)
{
  if (self->layout == NULL || self->menu_hit.kind != C3V_HIT_TASK)
    return NULL;

  return c3v_snapshot_get_task (c3v_layout_get_snapshot (self->layout), self->menu_hit.index);
}

static const C3vInstance *
menu_instance (C3vClusterView *self)
{
  C3vSnapshot   *snapshot;
  const C3vTask *task;

  if (self->layout == NULL)
    return NULL;

  snapshot = c3v_layout_get_snapshot (self->layout);
  if (self->menu_hit.kind == C3V_HIT_INSTANCE)
    return c3v_snapshot_get_instance (snapshot, self->menu_hit.index);

  task = menu_task (self);
  if (task != NULL && task->instance_index >= 0)
    return c3v_snapshot_get_instance (snapshot, task->instance_index);

  return NULL;
}

static void
copy_text (C3vClusterView *self, const char *text)
{
  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  g_signal_emit (self, signals[COPIED], 0, text);
}

static void
copy_task_arn_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const C3vTask *task = menu_task (C3V_CLUSTER_VIEW (widget));

  copy_text (C3V_CLUSTER_VIEW (widget), task != NULL ? task->arn : NULL);
}

static void
copy_instance_id_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const C3vInstance *instance = menu_instance (C3V_CLUSTER_VIEW (widget));

  if (instance != NULL)
    copy_text (C3V_CLUSTER_VIEW (widget),
               instance->ec2_instance_id != NULL ? instance->ec2_instance_id : instance->id);
}

/* The AWS console's page for the task (or instance) under the menu. */
static char *
console_url (C3vClusterView *self)
{
  C3vSnapshot   *snapshot = self->layout != NULL ? c3v_layout_get_snapshot (self->layout) : NULL;
  const C3vTask *task = menu_task (self);
  const C3vInstance *instance = menu_instance (self);

  if (snapshot == NULL)
    return NULL;
  if (task != NULL)
    return c3v_aws_console_ecs_task_url (c3v_snapshot_get_region (snapshot),
                                         c3v_snapshot_get_cluster_name (snapshot), task->id);
  if (instance != NULL)
    return c3v_aws_console_ecs_instance_url (
        c3v_snapshot_get_region (snapshot), c3v_snapshot_get_cluster_name (snapshot), instance->id);
  return NULL;
}

static void
open_console_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autofree char *url = console_url (C3V_CLUSTER_VIEW (widget));

  if (url != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), url, GDK_CURRENT_TIME);
}

static void
update_menu_actions (C3vClusterView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "view.copy-task-arn", menu_task (self) != NULL);
  gtk_widget_action_set_enabled (widget, "view.copy-instance-id", menu_instance (self) != NULL);
  gtk_widget_action_set_enabled (widget, "view.open-console",
                                 menu_task (self) != NULL || menu_instance (self) != NULL);
}

static GtkWidget *
create_context_menu (C3vClusterView *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *popover;

  g_menu_append (menu, _ ("Copy Task _ARN"), "view.copy-task-arn");
  g_menu_append (menu, _ ("Copy _Instance ID"), "view.copy-instance-id");
  g_menu_append (menu, _ ("_Open in AWS Console"), "view.open-console");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));

  return popover;
}

/* A click takes the keyboard focus to the view, on the item clicked, so
 * the arrows go on from there. */
static void
on_primary_click (GtkGestureClick *gesture, int n_press, double x, double y, C3vClusterView *self)
{
  C3vHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (hit_test (self, x, y, &hit) && (hit.kind == C3V_HIT_TASK || hit.kind == C3V_HIT_INSTANCE))
    set_focus (self, hit);
}

static void
on_secondary_click (GtkGestureClick *gesture, int n_press, double x, double y, C3vClusterView *self)
{
  C3vHit hit;

  if (!hit_test (self, x, y, &hit) || (hit.kind != C3V_HIT_TASK && hit.kind != C3V_HIT_INSTANCE))
    return;

  self->menu_hit = hit;
  popup_context_menu (self, &(GdkRectangle){ x, y, 1, 1 });
}

/* --- Keyboard: the arrows walk the boxes, Menu opens the context menu --- */

/* Pops the context menu up for menu_hit, pointing at @at. */
static void
popup_context_menu (C3vClusterView *self, const GdkRectangle *at)
{
  update_menu_actions (self);
  if (self->context_menu == NULL)
    self->context_menu = create_context_menu (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), at);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* The focused item's rectangle, in layout coordinates. */
static C3vRect
focus_rect (C3vClusterView *self)
{
  guint n;

  if (self->focus.kind == C3V_HIT_TASK)
    return c3v_layout_get_boxes (self->layout, &n)[self->focus.box].rect;
  return c3v_layout_get_bars (self->layout, &n)[self->focus.bar].rect;
}

/* The same in widget coordinates, for tooltips and the menu. */
static void
focus_area (C3vClusterView *self, GdkRectangle *area)
{
  C3vRect rect = focus_rect (self);

  area->x = rect.x - adjustment_value (self->hadjustment);
  area->y = rect.y - adjustment_value (self->vadjustment);
  area->width = MAX (rect.width, 1);
  area->height = MAX (rect.height, 1);
}

/* The item at @offset up the stack of bar @bar_index (its top box at most;
 * the bar itself when it has no box). */
static C3vHit
item_at (C3vClusterView *self, guint bar_index, guint offset)
{
  guint               n_bars, n_boxes;
  const C3vLayoutBar *bar = &c3v_layout_get_bars (self->layout, &n_bars)[bar_index];
  const C3vLayoutBox *boxes = c3v_layout_get_boxes (self->layout, &n_boxes);
  C3vHit              hit = { .kind = C3V_HIT_INSTANCE, .bar = bar_index };

  if (bar->n_boxes == 0)
    {
      hit.index = (guint) bar->instance_index;
      return hit;
    }

  hit.kind = C3V_HIT_TASK;
  hit.box = bar->first_box + MIN (offset, bar->n_boxes - 1);
  hit.index = boxes[hit.box].task_index;
  return hit;
}

/* The keyboard focus is drawn like the hover and announced: the window
 * shows it, and screen readers read the view's description. */
static void
set_focus (C3vClusterView *self, C3vHit focus)
{
  g_autofree char *text = NULL;

  self->focus = focus;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  text = c3v_cluster_view_dup_focus_text (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
  g_signal_emit (self, signals[FOCUS_CHANGED], 0);
}

/* Scrolls the view just enough to show the focused item. */
static void
scroll_to_focus (C3vClusterView *self)
{
  C3vRect rect = focus_rect (self);

  if (self->hadjustment != NULL)
    gtk_adjustment_clamp_page (self->hadjustment, rect.x, rect.x + rect.width);
  if (self->vadjustment != NULL)
    gtk_adjustment_clamp_page (self->vadjustment, rect.y, rect.y + rect.height);
}

static void
move_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  C3vClusterView     *self = C3V_CLUSTER_VIEW (widget);
  const C3vLayoutBar *bars;
  guint               n_bars, offset = 0;
  gint                dx, dy, bar = 0;

  if (self->layout == NULL || (bars = c3v_layout_get_bars (self->layout, &n_bars), n_bars == 0))
    return;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  if (self->focus.kind != C3V_HIT_NONE)
    {
      bar = (gint) self->focus.bar + dx;
      offset = self->focus.kind == C3V_HIT_TASK ? self->focus.box - bars[self->focus.bar].first_box
                                                : 0;
      if (dy < 0 && offset == 0)
        return;
      offset += dy;
    }
  if (bar < 0 || bar >= (gint) n_bars || (dy > 0 && offset >= MAX (bars[bar].n_boxes, 1)))
    return;

  set_focus (self, item_at (self, (guint) bar, offset));
  scroll_to_focus (self);
  gtk_widget_trigger_tooltip_query (widget);
}

static void
menu_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (widget);
  GdkRectangle    area;

  if (self->focus.kind == C3V_HIT_NONE)
    return;

  focus_area (self, &area);
  self->menu_hit = self->focus;
  popup_context_menu (self, &area);
}

static void
set_adjustment (C3vClusterView *self, GtkAdjustment **slot, GtkAdjustment *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  /* A new adjustment is floating: sink it, or it leaks. */
  g_object_ref_sink (adjustment);
  g_set_object (slot, adjustment);
  g_object_unref (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
c3v_cluster_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (object);

  switch (prop_id)
    {
      case PROP_HADJUSTMENT:
        g_value_set_object (value, self->hadjustment);
        break;
      case PROP_VADJUSTMENT:
        g_value_set_object (value, self->vadjustment);
        break;
      case PROP_HSCROLL_POLICY:
        g_value_set_enum (value, self->hscroll_policy);
        break;
      case PROP_VSCROLL_POLICY:
        g_value_set_enum (value, self->vscroll_policy);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
c3v_cluster_view_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (object);

  switch (prop_id)
    {
      case PROP_HADJUSTMENT:
        set_adjustment (self, &self->hadjustment, g_value_get_object (value));
        break;
      case PROP_VADJUSTMENT:
        set_adjustment (self, &self->vadjustment, g_value_get_object (value));
        break;
      case PROP_HSCROLL_POLICY:
        self->hscroll_policy = g_value_get_enum (value);
        gtk_widget_queue_resize (GTK_WIDGET (self));
        break;
      case PROP_VSCROLL_POLICY:
        self->vscroll_policy = g_value_get_enum (value);
        gtk_widget_queue_resize (GTK_WIDGET (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
c3v_cluster_view_dispose (GObject *object)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (object);

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  if (self->relayout_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_tick_id);
  self->relayout_tick_id = 0;
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->snapshot, c3v_snapshot_unref);

  G_OBJECT_CLASS (c3v_cluster_view_parent_class)->dispose (object);
}

static void
c3v_cluster_view_finalize (GObject *object)
{
  C3vClusterView *self = C3V_CLUSTER_VIEW (object);

  g_free (self->search);
  g_strfreev (self->highlight);

  G_OBJECT_CLASS (c3v_cluster_view_parent_class)->finalize (object);
}

static void
c3v_cluster_view_class_init (C3vClusterViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = c3v_cluster_view_get_property;
  object_class->set_property = c3v_cluster_view_set_property;
  object_class->dispose = c3v_cluster_view_dispose;
  object_class->finalize = c3v_cluster_view_finalize;
  widget_class->measure = c3v_cluster_view_measure;
  widget_class->size_allocate = c3v_cluster_view_size_allocate;
  widget_class->snapshot = c3v_cluster_view_snapshot;
  widget_class->query_tooltip = c3v_cluster_view_query_tooltip;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * C3vClusterView::layout-changed:
   *
   * A new layout is on screen (new snapshot, option or width): the legend
   * beside the view follows it. Never emitted during size allocation, so
   * handlers may add and remove widgets.
   */
  signals[LAYOUT_CHANGED] = g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * C3vClusterView::focus-changed:
   *
   * The keyboard focus moved to another task or instance (or left them):
   * the window shows what it is, as the tooltip does for the pointer.
   */
  signals[FOCUS_CHANGED] = g_signal_new ("focus-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * C3vClusterView::copied:
   * @text: what went to the clipboard
   *
   * A context-menu action put @text on the clipboard: the window says so.
   */
  signals[COPIED] = g_signal_new ("copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "view.copy-task-arn", NULL,
                                   copy_task_arn_activated);
  gtk_widget_class_install_action (widget_class, "view.copy-instance-id", NULL,
                                   copy_instance_id_activated);
  gtk_widget_class_install_action (widget_class, "view.open-console", NULL, open_console_activated);
  gtk_widget_class_install_action (widget_class, "view.move", "(ii)", move_activated);
  gtk_widget_class_install_action (widget_class, "view.menu", NULL, menu_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "view.move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "view.move", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "view.move", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "view.move", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "view.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "view.menu",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "view.menu", NULL);
  gtk_widget_class_set_css_name (widget_class, "clusterview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
c3v_cluster_view_init (C3vClusterView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll
      = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *primary = gtk_gesture_click_new ();

  c3v_layout_options_init (&self->options);
  self->options.show_legend = FALSE;
  self->hover.kind = C3V_HIT_NONE;

  /* The scrolled window sizes its scrollbars by the natural size. */
  self->hscroll_policy = GTK_SCROLL_NATURAL;
  self->vscroll_policy = GTK_SCROLL_NATURAL;

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (primary), GDK_BUTTON_PRIMARY);
  g_signal_connect (primary, "pressed", G_CALLBACK (on_primary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (primary));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

GtkWidget *
c3v_cluster_view_new (void)
{
  return g_object_new (C3V_TYPE_CLUSTER_VIEW, NULL);
}

static void
options_changed (C3vClusterView *self)
{
  relayout (self);
}

void
c3v_cluster_view_set_snapshot (C3vClusterView *self, C3vSnapshot *snapshot)
{
  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  if (self->snapshot == snapshot)
    return;

  if (snapshot == NULL || self->snapshot == NULL
      || g_strcmp0 (c3v_snapshot_get_cluster_name (snapshot),
                    c3v_snapshot_get_cluster_name (self->snapshot))
             != 0)
    {
      self->needs_fit = TRUE;
      self->options.zoom = 1.0;
    }

  g_clear_pointer (&self->snapshot, c3v_snapshot_unref);
  self->snapshot = snapshot != NULL ? c3v_snapshot_ref (snapshot) : NULL;
  relayout (self);
}

C3vSnapshot *
c3v_cluster_view_get_snapshot (C3vClusterView *self)
{
  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), NULL);

  return self->snapshot;
}

void
c3v_cluster_view_set_resource (C3vClusterView *self, C3vResource resource)
{
  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  self->options.resource = resource;
  options_changed (self);
}

void
c3v_cluster_view_set_sort (C3vClusterView *self, C3vSortKey sort)
{
  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  self->options.sort = sort;
  options_changed (self);
}

void
c3v_cluster_view_set_group (C3vClusterView *self, C3vGroupKey group)
{
  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  self->options.group = group;
  options_changed (self);
}

void
c3v_cluster_view_set_color_by_service (C3vClusterView *self, gboolean color_by_service)
{
  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  self->options.color_by_service = !!color_by_service;
  options_changed (self);
}

void
c3v_cluster_view_set_search (C3vClusterView *self, const char *search)
{
  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How many hits the search has in the layout on screen. */
guint
c3v_cluster_view_count_matches (C3vClusterView *self)
{
  g_autoptr (GArray) matches = NULL;
  guint n_instances, n_tasks;

  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), 0);

  if (self->layout == NULL || self->search == NULL)
    return 0;

  matches = c3v_layout_find_matches (self->layout, self->search, &n_instances, &n_tasks);
  return matches->len;
}

/* Moves the keyboard focus to the next (or previous) hit of the search,
 * wrapping round, and scrolls it into view. */
gboolean
c3v_cluster_view_focus_match (C3vClusterView *self, gboolean forward)
{
  g_autoptr (GArray) matches = NULL;
  guint n_instances, n_tasks;
  gint  next;

  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), FALSE);

  if (self->layout == NULL || self->search == NULL)
    return FALSE;

  matches = c3v_layout_find_matches (self->layout, self->search, &n_instances, &n_tasks);
  next = c3v_layout_next_match (self->layout, matches, &self->focus, forward);
  if (next < 0)
    return FALSE;

  set_focus (self, g_array_index (matches, C3vHit, next));
  scroll_to_focus (self);
  return TRUE;
}

/* The item the keyboard focus is on (kind C3V_HIT_NONE for none). */
C3vHit
c3v_cluster_view_get_focus (C3vClusterView *self)
{
  C3vHit none = { .kind = C3V_HIT_NONE };

  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), none);

  return self->focus;
}

void
c3v_cluster_view_set_highlight (C3vClusterView *self, const char *const *labels)
{
  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  g_strfreev (self->highlight);
  self->highlight = labels != NULL && labels[0] != NULL ? g_strdupv ((char **) labels) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
c3v_cluster_view_zoom (C3vClusterView *self, double factor)
{
  double zoom;

  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  zoom = CLAMP (self->options.zoom * factor, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->options.zoom)
    return;

  self->options.zoom = zoom;
  options_changed (self);
}

/* The largest zoom in [@low, @high] at which the whole cluster fits
 * @height; @low if none does. */
static double
fit_zoom (C3vClusterView *self, int height, double low, double high)
{
  return c3v_layout_fit_zoom (self->snapshot, &self->options, height, low, high);
}

void
c3v_cluster_view_zoom_fit (C3vClusterView *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (C3V_IS_CLUSTER_VIEW (self));

  if (self->snapshot == NULL || height <= 0)
    return;

  self->options.zoom = fit_zoom (self, height, ZOOM_MIN, ZOOM_MAX);
  options_changed (self);
}

/* The tooltip's text on one line, without markup. */
char *
c3v_cluster_view_dup_focus_text (C3vClusterView *self)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), NULL);

  if (self->layout == NULL || self->focus.kind == C3V_HIT_NONE
      || (markup = c3v_tooltip_text_for_hit (self->layout, &self->focus)) == NULL
      || !pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return NULL;

  lines = g_strsplit (g_strstrip (text), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);
  return g_strjoinv (" · ", lines);
}

gboolean
c3v_cluster_view_get_focused_task (C3vClusterView *self, guint *task_index)
{
  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), FALSE);

  if (self->focus.kind != C3V_HIT_TASK)
    return FALSE;

  *task_index = self->focus.index;
  return TRUE;
}

const char *const *
c3v_cluster_view_get_highlight (C3vClusterView *self)
{
  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), NULL);

  return (const char *const *) self->highlight;
}

C3vLayout *
c3v_cluster_view_get_layout (C3vClusterView *self)
{
  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), NULL);

  return self->layout;
}

gboolean
c3v_cluster_view_get_task_point (C3vClusterView *self, guint task_index, double *x, double *y)
{
  const C3vLayoutBox *boxes;
  guint               n_boxes;
  gint                box;

  g_return_val_if_fail (C3V_IS_CLUSTER_VIEW (self), FALSE);

  if (self->layout == NULL || (box = c3v_layout_find_task_box (self->layout, task_index)) < 0)
    return FALSE;

  boxes = c3v_layout_get_boxes (self->layout, &n_boxes);
  *x = boxes[box].rect.x + boxes[box].rect.width / 2 - adjustment_value (self->hadjustment);
  *y = boxes[box].rect.y + boxes[box].rect.height / 2 - adjustment_value (self->vadjustment);

  return *x >= 0 && *y >= 0 && *x < gtk_widget_get_width (GTK_WIDGET (self))
         && *y < gtk_widget_get_height (GTK_WIDGET (self));
}
