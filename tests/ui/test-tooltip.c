/* test-tooltip.c: hovering a task shows its family and revision.
 *
 * Starts the real application on the demo account, selects a cluster in
 * the sidebar, moves the X pointer over a task's box (XWarpPointer: a real
 * motion event through the X server, as a mouse makes) and waits for GTK's
 * tooltip to show the task's family and revision.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "c3v-cluster-view.h"
#include "ui-test-support.h"

#define CLUSTER "staging"

typedef struct
{
  C3vClusterView *view;
  char           *tooltip_text;
  char           *expected_family;
  guint           expected_revision;
  gboolean        selected;
  gboolean        warped;
} TooltipTest;

/* GTK parents its tooltip popup to the toplevel it belongs to. */
static char *
visible_tooltip_text (GtkWidget *toplevel)
{
  GtkWidget *tooltip = ui_test_find (toplevel, "GtkTooltipWindow");
  GtkWidget *label;

  if (tooltip == NULL || !gtk_widget_get_mapped (tooltip))
    return NULL;

  label = ui_test_find (tooltip, "GtkLabel");
  return label != NULL ? g_strdup (gtk_label_get_text (GTK_LABEL (label))) : NULL;
}

static gboolean
loaded (C3vClusterView *view)
{
  C3vSnapshot *snapshot = c3v_cluster_view_get_snapshot (view);

  return snapshot != NULL && c3v_snapshot_is_complete (snapshot)
         && g_str_equal (c3v_snapshot_get_cluster_name (snapshot), CLUSTER)
         && c3v_cluster_view_get_layout (view) != NULL;
}

/* Moves the pointer to the centre of the first task box on screen. */
static gboolean
warp_to_task (TooltipTest *test)
{
  C3vSnapshot *snapshot = c3v_cluster_view_get_snapshot (test->view);
  GtkNative   *native = gtk_widget_get_native (GTK_WIDGET (test->view));
  GdkSurface  *surface = gtk_native_get_surface (native);
  Display     *display = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  double       x, y, nx, ny, sx, sy;

  for (guint i = 0; i < c3v_snapshot_get_n_tasks (snapshot); i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (snapshot, i);

      if (task->instance_index < 0 || !c3v_cluster_view_get_task_point (test->view, i, &x, &y))
        continue;

      gtk_widget_translate_coordinates (GTK_WIDGET (test->view), GTK_WIDGET (native), x, y, &nx,
                                        &ny);
      gtk_native_get_surface_transform (native, &sx, &sy);
      XWarpPointer (display, None, gdk_x11_surface_get_xid (surface), 0, 0, 0, 0, (int) (nx + sx),
                    (int) (ny + sy));
      XFlush (display);
      test->expected_family = g_strdup (task->family);
      test->expected_revision = task->revision;
      return TRUE;
    }

  return FALSE;
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  TooltipTest *test = user_data;

  if (!test->selected)
    {
      test->selected = ui_test_select_cluster (GTK_WIDGET (window), CLUSTER);
      test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
      return FALSE;
    }

  if (!loaded (test->view))
    return FALSE;

  if (!test->warped)
    {
      test->warped = warp_to_task (test);
      return FALSE;
    }

  test->tooltip_text = visible_tooltip_text (GTK_WIDGET (window));
  return test->tooltip_text != NULL;
}

static void
test_task_tooltip (void)
{
  char            *argv[] = { (char *) "c3vis", (char *) "--demo", NULL };
  TooltipTest      test = { 0 };
  g_autofree char *revision = NULL;

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);

  g_assert_nonnull (test.expected_family);
  g_assert_nonnull (test.tooltip_text);
  revision = g_strdup_printf ("%u", test.expected_revision);
  g_test_message ("tooltip: %s", test.tooltip_text);
  g_assert_nonnull (strstr (test.tooltip_text, test.expected_family));
  g_assert_nonnull (strstr (test.tooltip_text, revision));

  g_free (test.tooltip_text);
  g_free (test.expected_family);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/tooltip/task-family-revision", test_task_tooltip);
  return g_test_run ();
}
