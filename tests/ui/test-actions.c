/* test-actions.c: every window action does what its menu entry says.
 *
 * Runs the real application on the demo account and activates the actions
 * behind the menu and the shortcuts (zoom, resource, sort, group, colour by
 * service, find, refresh, about, keyboard shortcuts, the arrow keys and
 * the Menu key on the cluster view), checking each one's
 * effect on the view. Warnings are fatal, so a noisy action fails too.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-cluster-view.h"
#include "ui-test-support.h"

#define CLUSTER "staging"

typedef enum
{
  STEP_LOADED,
  STEP_ZOOMED_IN,
  STEP_ZOOMED_OUT,
  STEP_CPU,
  STEP_GROUPED,
  STEP_BY_SERVICE,
  STEP_FIND,
  STEP_REFRESHED,
  STEP_ABOUT,
  STEP_SHORTCUTS,
  STEP_ARROWS,
  STEP_MENU,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vClusterView *view;
  C3vSnapshot    *before_refresh;
  double          zoom;
  guint           n_moves;
} ActionsTest;

static const C3vLayoutOptions *
options (ActionsTest *test)
{
  return ui_test_view_options (test->view);
}

static gboolean
loaded (ActionsTest *test)
{
  return ui_test_view_shows_complete (test->view, CLUSTER);
}

static void
activate (GtkWindow *window, const char *action, GVariant *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
}

static gboolean
toplevel_shown (const char *type_name)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (toplevel), type_name)
          && gtk_widget_get_mapped (toplevel))
        {
          gtk_window_close (GTK_WINDOW (toplevel));
          return TRUE;
        }
    }

  return FALSE;
}

/* Each call checks the effect of the last action, then starts the next. */
static gboolean
step (GtkWindow *window, gpointer user_data)
{
  ActionsTest *test = user_data;

  if (test->view == NULL)
    test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
  if (!loaded (test))
    return FALSE;

  switch (test->step)
    {
      case STEP_LOADED:
        test->zoom = options (test)->zoom;
        activate (window, "win.zoom-in", NULL);
        break;
      case STEP_ZOOMED_IN:
        if (!(options (test)->zoom > test->zoom))
          return FALSE;
        test->zoom = options (test)->zoom;
        activate (window, "win.zoom-out", NULL);
        break;
      case STEP_ZOOMED_OUT:
        if (!(options (test)->zoom < test->zoom))
          return FALSE;
        activate (window, "win.resource", g_variant_new_string ("cpu"));
        break;
      case STEP_CPU:
        if (options (test)->resource != C3V_RESOURCE_CPU)
          return FALSE;
        activate (window, "win.grouping", g_variant_new_string ("zone"));
        activate (window, "win.sort-order", g_variant_new_string ("free-memory"));
        break;
      case STEP_GROUPED:
        if (options (test)->group != C3V_GROUP_ZONE || options (test)->sort != C3V_SORT_FREE_MEMORY)
          return FALSE;
        activate (window, "win.color-by-service", NULL);
        break;
      case STEP_BY_SERVICE:
        if (!options (test)->color_by_service)
          return FALSE;
        activate (window, "win.find", NULL);
        break;
      case STEP_FIND:
        if (!gtk_search_bar_get_search_mode (
                GTK_SEARCH_BAR (ui_test_find (GTK_WIDGET (window), "GtkSearchBar"))))
          return FALSE;
        test->before_refresh = c3v_cluster_view_get_snapshot (test->view);
        activate (window, "win.refresh", NULL);
        break;
      case STEP_REFRESHED:
        /* A refresh shows a new complete snapshot of the same cluster. */
        if (c3v_cluster_view_get_snapshot (test->view) == test->before_refresh)
          return FALSE;
        activate (window, "app.about", NULL);
        break;
      case STEP_ABOUT:
        if (!toplevel_shown ("GtkAboutDialog"))
          return FALSE;
        activate (window, "win.show-help-overlay", NULL);
        break;
      case STEP_SHORTCUTS:
        if (!toplevel_shown ("GtkShortcutsWindow"))
          return FALSE;
        gtk_widget_grab_focus (GTK_WIDGET (test->view));
        break;
      case STEP_ARROWS:
        {
          guint task;

          /* Right arrow until a bar with tasks: the box is then focused. */
          if (!c3v_cluster_view_get_focused_task (test->view, &task))
            {
              g_assert_cmpuint (test->n_moves++, <, 50);
              g_assert_true (
                  gtk_widget_activate_action (GTK_WIDGET (test->view), "view.move", "(ii)", 1, 0));
              return FALSE;
            }
          g_assert_cmpuint (task, <,
                            c3v_snapshot_get_n_tasks (c3v_cluster_view_get_snapshot (test->view)));
          /* The status line says what the keyboard is on, as a tooltip would. */
          {
            GtkWidget *status
                = ui_test_find_with_class (GTK_WIDGET (window), "GtkLabel", "caption");
            const C3vTask *focused
                = c3v_snapshot_get_task (c3v_cluster_view_get_snapshot (test->view), task);

            g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), focused->family));
          }
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (test->view), "view.menu", NULL));
          break;
        }
      case STEP_MENU:
        {
          GtkWidget *menu = ui_test_find (GTK_WIDGET (test->view), "GtkPopoverMenu");

          if (menu == NULL || !gtk_widget_get_mapped (menu))
            return FALSE;
          gtk_popover_popdown (GTK_POPOVER (menu));
          break;
        }
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_window_actions (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  ActionsTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 90), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/actions/window-actions", test_window_actions);
  return g_test_run ();
}
