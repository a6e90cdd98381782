/* test-collapse.c: the sidebar and the legend collapse, so the chart gets
 * the room of a narrow window, and the choice is remembered.
 *
 * On the demo's production cluster at 800x600: F9 (key presses through the
 * X server, XTest) hides the sidebar, Shift+F9 the legend, each time the
 * cluster view gets wider and GSettings keeps the choice; F9 and Shift+F9
 * bring them back.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

#include "ui-test-support.h"

#define CLUSTER "production"

typedef enum
{
  STEP_LOADED,
  STEP_SIDEBAR_HIDDEN,
  STEP_LEGEND_HIDDEN,
  STEP_SIDEBAR_SHOWN,
  STEP_LEGEND_SHOWN,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vClusterView *view;
  GtkWidget      *sidebar;
  GtkWidget      *legend;
  GSettings      *settings;
  int             width;
} CollapseTest;

/* TRUE once the panes are as wanted, the view is laid out wider (or
 * narrower) than before and the settings say so. */
static gboolean
panes_are (CollapseTest *test, gboolean sidebar, gboolean legend, gboolean wider)
{
  int width = gtk_widget_get_width (GTK_WIDGET (test->view));

  if (gtk_widget_get_mapped (test->sidebar) != sidebar
      || gtk_widget_get_mapped (test->legend) != legend
      || (wider ? width <= test->width : width >= test->width))
    return FALSE;
  g_assert_true (g_settings_get_boolean (test->settings, "show-sidebar") == sidebar);
  g_assert_true (g_settings_get_boolean (test->settings, "show-legend") == legend);
  test->width = width;
  return TRUE;
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  CollapseTest *test = user_data;

  if (test->view == NULL)
    {
      GtkWidget *list = ui_test_find_with_class (GTK_WIDGET (window), "GtkListView", "legend");

      test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
      test->sidebar = ui_test_find_with_class (GTK_WIDGET (window), "GtkBox", "sidebar");
      test->legend
          = gtk_paned_get_end_child (GTK_PANED (gtk_widget_get_ancestor (list, GTK_TYPE_PANED)));
      test->settings = g_settings_new ("io.github.c3vis.C3vis");
      gtk_window_set_default_size (window, 800, 600);
    }

  switch (test->step)
    {
      case STEP_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER)
            || !gtk_widget_get_mapped (test->legend))
          return FALSE;
        test->width = gtk_widget_get_width (GTK_WIDGET (test->view));
        ui_test_press_key (window, NoSymbol, XK_F9);
        break;
      case STEP_SIDEBAR_HIDDEN:
        if (!panes_are (test, FALSE, TRUE, TRUE))
          return FALSE;
        ui_test_press_key (window, XK_Shift_L, XK_F9);
        break;
      case STEP_LEGEND_HIDDEN:
        if (!panes_are (test, FALSE, FALSE, TRUE))
          return FALSE;
        ui_test_press_key (window, NoSymbol, XK_F9);
        break;
      case STEP_SIDEBAR_SHOWN:
        if (!panes_are (test, TRUE, FALSE, FALSE))
          return FALSE;
        ui_test_press_key (window, XK_Shift_L, XK_F9);
        break;
      case STEP_LEGEND_SHOWN:
        if (!panes_are (test, TRUE, TRUE, FALSE))
          return FALSE;
        break;
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_collapse (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  CollapseTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
  g_clear_object (&test.settings);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/collapse/panes", test_collapse);
  return g_test_run ();
}
