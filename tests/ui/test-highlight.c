/* test-highlight.c: legend highlight in the window.
 *
 * On the demo's staging cluster: activating a legend entry (a click or
 * Enter) highlights it alone and shows "Clear"; activating it again clears
 * it; Escape (a key press through the X server, XTest) and the Clear button
 * clear it; colouring by service starts without a highlight and colouring
 * by task definition again brings it back; another cluster has its own.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

#include "c3v-layout.h"
#include "ui-test-support.h"

#define CLUSTER       "staging"
#define OTHER_CLUSTER "team_a-batch_v2"

typedef enum
{
  STEP_LOADED,
  STEP_HIGHLIGHTED,
  STEP_CLICKED_AGAIN,
  STEP_HIGHLIGHTED_FOR_ESCAPE,
  STEP_ESCAPED,
  STEP_CLEARED_BY_BUTTON,
  STEP_BY_SERVICE,
  STEP_BY_DEFINITION,
  STEP_OTHER_CLUSTER,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vClusterView *view;
  GtkWidget      *legend;
  GtkWidget      *clear;
  char           *first_label;
} HighlightTest;

static const char *
first_label (HighlightTest *test)
{
  guint                 n;
  const C3vLegendEntry *entries
      = c3v_layout_get_legend (c3v_cluster_view_get_layout (test->view), &n);

  g_assert_cmpuint (n, >, 1);
  return entries[0].label;
}

static gboolean
highlight_is (HighlightTest *test, const char *label)
{
  const char *const *highlight = c3v_cluster_view_get_highlight (test->view);

  if (label == NULL)
    return highlight == NULL && !gtk_widget_get_visible (test->clear);
  return highlight != NULL && g_strv_length ((char **) highlight) == 1
         && g_str_equal (highlight[0], label) && gtk_widget_get_mapped (test->clear);
}

static void
activate_entry (HighlightTest *test, guint position)
{
  g_assert_true (gtk_widget_activate_action (test->legend, "list.activate-item", "u", position));
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  HighlightTest *test = user_data;

  if (test->view == NULL)
    {
      test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
      test->legend = ui_test_find_named (GTK_WIDGET (window), "legend");
      test->clear = ui_test_find_button (GTK_WIDGET (window), "_Clear");
      g_assert_nonnull (test->clear);
    }

  switch (test->step)
    {
      case STEP_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER))
          return FALSE;
        test->first_label = g_strdup (first_label (test));
        activate_entry (test, 0);
        break;
      case STEP_HIGHLIGHTED:
        if (!highlight_is (test, test->first_label))
          return FALSE;
        activate_entry (test, 0);
        break;
      case STEP_CLICKED_AGAIN:
        g_assert_true (highlight_is (test, NULL));
        activate_entry (test, 0);
        break;
      case STEP_HIGHLIGHTED_FOR_ESCAPE:
        if (!highlight_is (test, test->first_label))
          return FALSE;
        gtk_widget_grab_focus (GTK_WIDGET (test->view));
        ui_test_press_key (window, NoSymbol, XK_Escape);
        break;
      case STEP_ESCAPED:
        if (!highlight_is (test, NULL))
          return FALSE;
        activate_entry (test, 0);
        g_assert_true (highlight_is (test, test->first_label));
        g_assert_true (gtk_widget_activate (test->clear));
        break;
      case STEP_CLEARED_BY_BUTTON:
        if (!highlight_is (test, NULL))
          return FALSE;
        activate_entry (test, 0);
        g_assert_true (
            gtk_widget_activate_action (GTK_WIDGET (window), "win.color-by-service", NULL));
        break;
      case STEP_BY_SERVICE:
        if (!ui_test_view_options (test->view)->color_by_service)
          return FALSE;
        g_assert_true (highlight_is (test, NULL));
        g_assert_true (
            gtk_widget_activate_action (GTK_WIDGET (window), "win.color-by-service", NULL));
        break;
      case STEP_BY_DEFINITION:
        if (ui_test_view_options (test->view)->color_by_service
            || !highlight_is (test, test->first_label))
          return FALSE;
        g_assert_true (ui_test_select_cluster (GTK_WIDGET (window), OTHER_CLUSTER));
        break;
      case STEP_OTHER_CLUSTER:
        if (!ui_test_view_shows_complete (test->view, OTHER_CLUSTER))
          return FALSE;
        g_assert_true (highlight_is (test, NULL));
        break;
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_legend_highlight (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  HighlightTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
  g_free (test.first_label);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/highlight/legend", test_legend_highlight);
  return g_test_run ();
}
