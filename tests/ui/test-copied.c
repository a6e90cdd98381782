/* test-copied.c: copying a task's ARN says so.
 *
 * On the demo's staging cluster, the task menu's "Copy ARN" on the focused
 * task puts its ARN on the clipboard and the status line says
 * "Copied: <ARN>".
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-snapshot.h"
#include "ui-test-support.h"

#define CLUSTER "staging"

typedef enum
{
  STEP_LOADED,
  STEP_FOCUSED,
  STEP_COPIED,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vClusterView *view;
  char           *arn;
  char           *clipboard;
} CopiedTest;

static void
on_read (GObject *clipboard, GAsyncResult *result, gpointer user_data)
{
  CopiedTest *test = user_data;

  test->clipboard = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  g_assert_nonnull (test->clipboard);
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  CopiedTest *test = user_data;
  guint       task;

  if (test->view == NULL)
    test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));

  switch (test->step)
    {
      case STEP_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER))
          return FALSE;
        gtk_widget_grab_focus (GTK_WIDGET (test->view));
        g_assert_true (
            gtk_widget_activate_action (GTK_WIDGET (test->view), "view.move", "(ii)", 1, 0));
        break;
      case STEP_FOCUSED:
        if (!c3v_cluster_view_get_focused_task (test->view, &task))
          return FALSE;
        test->arn = g_strdup (
            c3v_snapshot_get_task (c3v_cluster_view_get_snapshot (test->view), task)->arn);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (test->view), "view.menu", NULL));
        g_assert_true (
            gtk_widget_activate_action (GTK_WIDGET (test->view), "view.copy-task-arn", NULL));
        gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (test->view)), NULL,
                                       on_read, test);
        break;
      case STEP_COPIED:
        {
          g_autofree char *want = g_strdup_printf ("Copied: %s", test->arn);
          GtkWidget       *status = ui_test_find_named (GTK_WIDGET (window), "status");

          if (test->clipboard == NULL)
            return FALSE;
          g_assert_cmpstr (test->clipboard, ==, test->arn);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, want);
        }
        break;
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_copied (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  CopiedTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
  g_free (test.arn);
  g_free (test.clipboard);
}

int
main (int argc, char *argv[])
{
  /* The notice is checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/copied/task-arn", test_copied);
  return g_test_run ();
}
