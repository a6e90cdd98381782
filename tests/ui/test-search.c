/* test-search.c: going from one search match to the next.
 *
 * On the demo's production cluster, a search says how many hits it has
 * ("N matches", the count c3v_layout_find_matches() gives); Enter in the
 * entry and F3 (key presses through the X server, XTest) focus the next
 * hit, Shift+Enter and Shift+F3 the previous one, wrapping round at either
 * end, each scrolled into view. Ctrl+0 then zooms to what
 * c3v_layout_fit_zoom() says fits the view.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

#include "c3v-layout.h"
#include "ui-test-support.h"

#define CLUSTER "production"
#define SEARCH  "web"

typedef enum
{
  STEP_LOADED,
  STEP_COUNTED,
  STEP_ENTER,
  STEP_SHIFT_ENTER,
  STEP_F3,
  STEP_SHIFT_F3,
  STEP_ZOOMED_IN,
  STEP_FITTED,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vClusterView *view;
  GtkWidget      *entry;
  GtkWidget      *count;
  double          zoom;
} SearchTest;

static GArray *
matches (SearchTest *test)
{
  guint n_instances, n_tasks;

  return c3v_layout_find_matches (c3v_cluster_view_get_layout (test->view), SEARCH, &n_instances,
                                  &n_tasks);
}

/* TRUE when the view's focus is hit @which of the matches (-1: the last)
 * and that hit is scrolled into view. */
static gboolean
focus_is_match (SearchTest *test, gint which)
{
  g_autoptr (GArray) hits = matches (test);
  C3vHit focus = c3v_cluster_view_get_focus (test->view);
  C3vHit want;
  double x, y;

  g_assert_cmpuint (hits->len, >, 1);
  want = g_array_index (hits, C3vHit, which < 0 ? (gint) hits->len - 1 : which);
  if (focus.kind != want.kind || focus.index != want.index)
    return FALSE;
  if (focus.kind == C3V_HIT_TASK)
    g_assert_true (c3v_cluster_view_get_task_point (test->view, focus.index, &x, &y));
  return TRUE;
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  SearchTest *test = user_data;

  if (test->view == NULL)
    {
      test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
      test->entry
          = ui_test_find (ui_test_find (GTK_WIDGET (window), "GtkSearchBar"), "GtkSearchEntry");
      test->count = ui_test_find_named (GTK_WIDGET (window), "match-count");
    }

  switch (test->step)
    {
      case STEP_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER))
          return FALSE;
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
        gtk_editable_set_text (GTK_EDITABLE (test->entry), SEARCH);
        break;
      case STEP_COUNTED:
        {
          g_autoptr (GArray) hits = matches (test);
          g_autofree char *want = g_strdup_printf ("%u matches", hits->len);

          if (!g_str_equal (gtk_label_get_text (GTK_LABEL (test->count)), want))
            return FALSE;
          g_assert_true (
              gtk_widget_has_focus (test->entry)
              || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), test->entry));
          ui_test_press_key (window, NoSymbol, XK_Return);
        }
        break;
      case STEP_ENTER:
        if (!focus_is_match (test, 0))
          return FALSE;
        ui_test_press_key (window, XK_Shift_L, XK_Return);
        break;
      case STEP_SHIFT_ENTER:
        if (!focus_is_match (test, -1))
          return FALSE;
        ui_test_press_key (window, NoSymbol, XK_F3);
        break;
      case STEP_F3:
        if (!focus_is_match (test, 0))
          return FALSE;
        ui_test_press_key (window, XK_Shift_L, XK_F3);
        break;
      case STEP_SHIFT_F3:
        if (!focus_is_match (test, -1))
          return FALSE;
        test->zoom = ui_test_view_options (test->view)->zoom;
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
        break;
      case STEP_ZOOMED_IN:
        if (ui_test_view_options (test->view) == NULL
            || ui_test_view_options (test->view)->zoom <= test->zoom)
          return FALSE;
        ui_test_press_key (window, XK_Control_L, XK_0);
        break;
      case STEP_FITTED:
        {
          const C3vLayoutOptions *options = ui_test_view_options (test->view);
          double                  fit;

          if (options == NULL)
            return FALSE;
          fit = c3v_layout_fit_zoom (c3v_cluster_view_get_snapshot (test->view), options,
                                     gtk_widget_get_height (GTK_WIDGET (test->view)), 0.1, 4.0);
          if (options->zoom != fit)
            return FALSE;
          g_assert_cmpfloat (c3v_layout_get_height (c3v_cluster_view_get_layout (test->view)), <=,
                             gtk_widget_get_height (GTK_WIDGET (test->view)));
        }
        break;
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_search_navigation (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  SearchTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* The count is checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/search/navigation", test_search_navigation);
  return g_test_run ();
}
