/* test-keyboard.c: in the sidebar, the cluster shown follows activation
 * (Enter or a click), not the keyboard focus.
 *
 * On the demo's staging cluster, the Down arrow (a key press through the X
 * server, XTest) moves the focus to the next cluster without loading it;
 * Enter then loads it.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

#include "c3v-cluster-row.h"
#include "ui-test-support.h"

#define CLUSTER "staging"

typedef enum
{
  STEP_LOADED,
  STEP_FOCUS_MOVED,
  STEP_ACTIVATED,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vClusterView *view;
  C3vSnapshot    *shown;
  GtkWidget      *next_row;
  guint           frame;
} KeyboardTest;

static GtkWidget *
row_of (GtkWindow *window, const char *cluster)
{
  GtkWidget *list = ui_test_find (GTK_WIDGET (window), "GtkListBox");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (C3V_IS_CLUSTER_ROW (row)
        && g_str_equal (c3v_cluster_row_get_name (C3V_CLUSTER_ROW (row)), cluster))
      return row;
  g_assert_not_reached ();
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  KeyboardTest *test = user_data;
  GtkWidget    *progress = ui_test_find (GTK_WIDGET (window), "GtkProgressBar");

  if (test->view == NULL)
    test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));

  switch (test->step)
    {
      case STEP_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER))
          return FALSE;
        test->shown = c3v_cluster_view_get_snapshot (test->view);
        test->next_row = gtk_widget_get_next_sibling (row_of (window, CLUSTER));
        g_assert_nonnull (test->next_row);
        gtk_widget_grab_focus (row_of (window, CLUSTER));
        ui_test_press_key (window, NoSymbol, XK_Down);
        break;
      case STEP_FOCUS_MOVED:
        if (!gtk_widget_has_focus (test->next_row))
          return FALSE;
        /* Two frames later, still nothing loads. */
        if (test->frame == 0)
          {
            test->frame = ui_test_painted_frames (window) + 2;
            gtk_widget_queue_draw (GTK_WIDGET (window));
            return FALSE;
          }
        if (ui_test_painted_frames (window) < test->frame)
          {
            gtk_widget_queue_draw (GTK_WIDGET (window));
            return FALSE;
          }
        g_assert_false (gtk_widget_get_visible (progress));
        g_assert_true (c3v_cluster_view_get_snapshot (test->view) == test->shown);
        ui_test_press_key (window, NoSymbol, XK_Return);
        break;
      case STEP_ACTIVATED:
        if (!ui_test_view_shows_complete (
                test->view, c3v_cluster_row_get_name (C3V_CLUSTER_ROW (test->next_row))))
          return FALSE;
        break;
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_sidebar_follows_activation (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  KeyboardTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/keyboard/sidebar-follows-activation", test_sidebar_follows_activation);
  return g_test_run ();
}
