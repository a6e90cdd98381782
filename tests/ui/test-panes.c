/* test-panes.c: Tab moves between the window's panes, not row by row.
 *
 * On the demo's staging cluster, with the keyboard on the sidebar's row of
 * the cluster shown, Tab (key presses through the X server, XTest) goes to
 * the cluster view, Tab again into the legend, Shift+Tab back to the view
 * and to that sidebar row; nothing loads and nothing is highlighted.
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

/* Tab goes from the sidebar to the view to the legend, Shift+Tab back,
 * one press per pane, loading nothing and highlighting nothing. */
typedef enum
{
  TAB_LOADED,
  TAB_IN_VIEW,
  TAB_IN_LEGEND,
  TAB_BACK_IN_VIEW,
  TAB_BACK_IN_SIDEBAR,
  TAB_DONE,
} TabStep;

typedef struct
{
  TabStep         step;
  C3vClusterView *view;
  GtkWidget      *legend;
  C3vSnapshot    *shown;
} TabTest;

static gboolean
focus_within (GtkWindow *window, GtkWidget *pane)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == pane || gtk_widget_is_ancestor (focus, pane));
}

static gboolean
tab_step (GtkWindow *window, gpointer user_data)
{
  TabTest *test = user_data;

  if (test->view == NULL)
    {
      test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
      test->legend = ui_test_find_with_class (GTK_WIDGET (window), "GtkListView", "legend");
    }

  switch (test->step)
    {
      case TAB_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER))
          return FALSE;
        test->shown = c3v_cluster_view_get_snapshot (test->view);
        gtk_widget_grab_focus (row_of (window, CLUSTER));
        ui_test_press_key (window, NoSymbol, XK_Tab);
        break;
      case TAB_IN_VIEW:
        if (!focus_within (window, GTK_WIDGET (test->view)))
          return FALSE;
        ui_test_press_key (window, NoSymbol, XK_Tab);
        break;
      case TAB_IN_LEGEND:
        if (!focus_within (window, test->legend))
          return FALSE;
        g_assert_null (c3v_cluster_view_get_highlight (test->view));
        ui_test_press_key (window, XK_Shift_L, XK_Tab);
        break;
      case TAB_BACK_IN_VIEW:
        if (!focus_within (window, GTK_WIDGET (test->view)))
          return FALSE;
        ui_test_press_key (window, XK_Shift_L, XK_Tab);
        break;
      case TAB_BACK_IN_SIDEBAR:
        if (!gtk_widget_has_focus (row_of (window, CLUSTER)))
          return FALSE;
        g_assert_true (c3v_cluster_view_get_snapshot (test->view) == test->shown);
        g_assert_null (c3v_cluster_view_get_highlight (test->view));
        break;
      case TAB_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_tab_between_panes (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  TabTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, tab_step, &test, 60), ==, 0);
  g_assert_cmpint (test.step, ==, TAB_DONE);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/keyboard/tab-between-panes", test_tab_between_panes);
  return g_test_run ();
}
