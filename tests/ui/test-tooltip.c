/* test-tooltip.c: hovering a task shows its family and revision.
 *
 * Starts the real application on the demo account, selects a cluster in
 * the sidebar,
 * moves the X pointer over a task's box (XWarpPointer: a real motion event
 * through the X server, as a mouse makes) and waits for GTK's tooltip to
 * show the task's family:revision. Every wait is on a condition, with a
 * deadline that fails the test.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "c3v-application.h"
#include "c3v-cluster-row.h"
#include "c3v-cluster-view.h"

#define CLUSTER          "staging"
#define DEADLINE_SECONDS 60

typedef struct
{
  C3vClusterView *view;
  char           *tooltip_text;
  char           *expected_family;
  guint           expected_revision;
  guint           step_id;
  gint64          deadline;
  gboolean        selected;
  gboolean        warped;
  gboolean        failed;
} TooltipTest;

static GtkWidget *
find_descendant (GtkWidget *widget, const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* GTK parents its tooltip popup to the toplevel it belongs to. */
static char *
visible_tooltip_text (GtkWidget *toplevel)
{
  GtkWidget *tooltip = find_descendant (toplevel, "GtkTooltipWindow");
  GtkWidget *label;

  if (tooltip == NULL || !gtk_widget_get_mapped (tooltip))
    return NULL;

  label = find_descendant (tooltip, "GtkLabel");
  return label != NULL ? g_strdup (gtk_label_get_text (GTK_LABEL (label))) : NULL;
}

/* Selects the cluster's row once the sidebar lists it, as a click does. */
static gboolean
select_cluster (GtkWidget *toplevel)
{
  GtkWidget *list = find_descendant (toplevel, "GtkListBox");

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (C3V_IS_CLUSTER_ROW (row)
        && g_str_equal (c3v_cluster_row_get_name (C3V_CLUSTER_ROW (row)), CLUSTER))
      {
        gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
        return TRUE;
      }

  return FALSE;
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
  double       x, y, nx, ny, sx, sy;

  for (guint i = 0; i < c3v_snapshot_get_n_tasks (snapshot); i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (snapshot, i);

      if (task->instance_index < 0 || !c3v_cluster_view_get_task_point (test->view, i, &x, &y))
        continue;

      gtk_widget_translate_coordinates (GTK_WIDGET (test->view), GTK_WIDGET (native), x, y, &nx,
                                        &ny);
      gtk_native_get_surface_transform (native, &sx, &sy);
      XWarpPointer (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface)), None,
                    gdk_x11_surface_get_xid (surface), 0, 0, 0, 0, (int) (nx + sx),
                    (int) (ny + sy));
      XFlush (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface)));
      test->expected_family = g_strdup (task->family);
      test->expected_revision = task->revision;
      return TRUE;
    }

  return FALSE;
}

static gboolean
step (gpointer user_data)
{
  TooltipTest    *test = user_data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow      *window = gtk_application_get_active_window (app);

  if (g_get_monotonic_time () > test->deadline)
    {
      test->failed = TRUE;
      g_application_quit (G_APPLICATION (app));
      return G_SOURCE_REMOVE;
    }

  if (window == NULL)
    return G_SOURCE_CONTINUE;

  if (test->view == NULL)
    test->view = C3V_CLUSTER_VIEW (find_descendant (GTK_WIDGET (window), "C3vClusterView"));

  if (!test->selected)
    {
      test->selected = select_cluster (GTK_WIDGET (window));
      return G_SOURCE_CONTINUE;
    }

  if (test->view == NULL || !loaded (test->view))
    return G_SOURCE_CONTINUE;

  if (!test->warped)
    {
      test->warped = warp_to_task (test);
      return G_SOURCE_CONTINUE;
    }

  test->tooltip_text = visible_tooltip_text (GTK_WIDGET (window));
  if (test->tooltip_text == NULL)
    return G_SOURCE_CONTINUE;

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  test->step_id = 0;
  return G_SOURCE_REMOVE;
}

static void
test_task_tooltip (void)
{
  g_autoptr (C3vApplication) app = c3v_application_new ();
  char            *argv[] = { (char *) "c3vis", (char *) "--demo", NULL };
  TooltipTest      test = { 0 };
  g_autofree char *revision = NULL;
  int              status;

  test.deadline = g_get_monotonic_time () + DEADLINE_SECONDS * G_USEC_PER_SEC;
  /* Polls state that GTK changes on its own (mapping, tooltips), which
   * offer no signal to wait on; the deadline, not the interval, decides. */
  test.step_id = g_timeout_add (50, step, &test);

  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_false (test.failed);
  g_assert_cmpint (status, ==, 0);
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
