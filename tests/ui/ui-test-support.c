/* ui-test-support.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>

#include "c3v-application.h"
#include "c3v-cli.h"
#include "c3v-cluster-row.h"
#include "ui-test-support.h"

#define STEP_INTERVAL_MS 20

typedef struct
{
  UiTestStep step;
  gpointer   user_data;
  gint64     deadline;
  gboolean   timed_out;
  guint      source_id;
} Runner;

/* Polls state that GTK changes on its own (mapping, tooltips, revealers),
 * which offer no signal to wait on; the deadline, not the interval, decides
 * whether the test passes. */
static gboolean
on_step (gpointer user_data)
{
  Runner         *runner = user_data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow      *window = gtk_application_get_active_window (app);

  if (g_get_monotonic_time () > runner->deadline)
    {
      runner->timed_out = TRUE;
      runner->source_id = 0;
      g_application_quit (G_APPLICATION (app));
      return G_SOURCE_REMOVE;
    }

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window))
      || !runner->step (window, runner->user_data))
    return G_SOURCE_CONTINUE;

  /* Quit the way a user does, through the app.quit action (Ctrl+Q). */
  runner->source_id = 0;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

int
ui_test_run_app (char **argv, UiTestStep step, gpointer user_data, guint deadline_seconds)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (C3vApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  Runner runner = { step, user_data, 0, FALSE, 0 };
  int    status;

  /* As main.c does: the command line is src/app's, the window gets it. */
  c3v_options_parse (&options, argv, &error);
  g_assert_no_error (error);
  g_assert_false (c3v_cli_wanted (&options));
  app = c3v_application_new (&options);

  runner.deadline = g_get_monotonic_time () + deadline_seconds * G_USEC_PER_SEC;
  runner.source_id = g_timeout_add (STEP_INTERVAL_MS, on_step, &runner);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_handle_id (&runner.source_id, g_source_remove);

  g_assert_false (runner.timed_out);
  return status;
}

GtkWidget *
ui_test_find (GtkWidget *widget, const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ui_test_find_with_class (GtkWidget *widget, const char *type_name, const char *css_class)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name)
      && gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_with_class (child, type_name, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ui_test_find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ui_test_find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
ui_test_select_cluster (GtkWidget *toplevel, const char *cluster)
{
  GtkWidget *list = ui_test_find (toplevel, "GtkListBox");

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (C3V_IS_CLUSTER_ROW (row)
        && g_str_equal (c3v_cluster_row_get_name (C3V_CLUSTER_ROW (row)), cluster))
      {
        g_assert_true (gtk_widget_activate (row));
        return TRUE;
      }

  return FALSE;
}

const C3vLayoutOptions *
ui_test_view_options (C3vClusterView *view)
{
  C3vLayout *layout = c3v_cluster_view_get_layout (view);

  return layout != NULL ? c3v_layout_get_options (layout) : NULL;
}

gboolean
ui_test_view_shows_complete (C3vClusterView *view, const char *cluster)
{
  C3vSnapshot *snapshot = c3v_cluster_view_get_snapshot (view);

  return snapshot != NULL && c3v_snapshot_is_complete (snapshot)
         && g_str_equal (c3v_snapshot_get_cluster_name (snapshot), cluster)
         && ui_test_view_options (view) != NULL;
}

static void
on_after_paint (GdkFrameClock *clock, guint *frames)
{
  (*frames)++;
}

guint
ui_test_painted_frames (GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint         *frames;

  if (clock == NULL)
    return 0;

  frames = g_object_get_data (G_OBJECT (clock), "ui-test-frames");
  if (frames == NULL)
    {
      frames = g_new0 (guint, 1);
      g_object_set_data_full (G_OBJECT (clock), "ui-test-frames", frames, g_free);
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), frames);
    }

  return *frames;
}

GdkTexture *
ui_test_render_window (GtkWindow *window)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GdkPaintable) image = gdk_paintable_get_current_image (paintable);
  GtkSnapshot   *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture    *texture;
  int            width = gtk_widget_get_width (GTK_WIDGET (window));
  int            height = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (image, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}

guint
ui_test_count_colours (GdkTexture *texture, GtkWindow *window, GtkWidget *widget, guint enough)
{
  g_autoptr (GHashTable) colours = g_hash_table_new (NULL, NULL);
  int                width = gdk_texture_get_width (texture);
  int                height = gdk_texture_get_height (texture);
  gsize              stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  graphene_rect_t    bounds;

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds))
    return 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = MAX ((int) bounds.origin.y, 0);
       y < MIN ((int) (bounds.origin.y + bounds.size.height), height); y += 2)
    for (int x = MAX ((int) bounds.origin.x, 0);
         x < MIN ((int) (bounds.origin.x + bounds.size.width), width); x += 2)
      {
        guint32 pixel = *(guint32 *) (pixels + y * stride + x * 4);

        g_hash_table_add (colours, GUINT_TO_POINTER (pixel | 1));
        if (g_hash_table_size (colours) >= enough)
          return enough;
      }

  return g_hash_table_size (colours);
}

void
ui_test_press_key (GtkWindow *window, gulong modifier, gulong keysym)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display    *display = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  KeyCode     key = XKeysymToKeycode (display, keysym);

  XSetInputFocus (display, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  if (modifier != NoSymbol)
    XTestFakeKeyEvent (display, XKeysymToKeycode (display, modifier), True, CurrentTime);
  XTestFakeKeyEvent (display, key, True, CurrentTime);
  XTestFakeKeyEvent (display, key, False, CurrentTime);
  if (modifier != NoSymbol)
    XTestFakeKeyEvent (display, XKeysymToKeycode (display, modifier), False, CurrentTime);
  XFlush (display);
}
