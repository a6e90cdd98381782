/* test-stale.c: a refresh never throws the last complete picture away.
 *
 * The real application loads the production cluster (many pages, so the
 * loader reports partial snapshots) from the project's ECS endpoint. Once
 * a complete picture is on screen, no partial one may replace it: every
 * layout the view shows from then on must be of a complete snapshot. A
 * healthy refresh replaces it with the new complete one; a failing refresh
 * (the endpoint answers HTTP 500) keeps it, and the status line says when
 * it was taken and that the refresh failed, never "0 instances"; the
 * banner offers Retry, which brings a fresh picture.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-fake-ecs.h"
#include "ui-test-support.h"

#define CLUSTER "production"

typedef enum
{
  STEP_LOADED,
  STEP_REFRESHED,
  STEP_REFRESH_FAILED,
  STEP_RETRIED,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vFakeEcs     *endpoint;
  C3vClusterView *view;
  C3vSnapshot    *complete; /* the last complete snapshot seen on screen */
  C3vSnapshot    *before;   /* the one shown when the step began */
  char           *stale_status;
} StaleTest;

/* Every layout the view shows once it has shown a complete picture. */
static void
on_layout_changed (C3vClusterView *view, StaleTest *test)
{
  C3vSnapshot *shown = c3v_cluster_view_get_snapshot (view);

  if (test->complete == NULL)
    {
      if (shown != NULL && c3v_snapshot_is_complete (shown))
        test->complete = shown;
      return;
    }

  g_assert_nonnull (shown);
  g_assert_true (c3v_snapshot_is_complete (shown));
  test->complete = shown;
}

static const char *
status_text (GtkWindow *window)
{
  GtkWidget *status = ui_test_find_with_class (GTK_WIDGET (window), "GtkLabel", "caption");

  return gtk_label_get_text (GTK_LABEL (status));
}

static gboolean
banner_revealed (GtkWindow *window)
{
  GtkWidget *banner = ui_test_find (GTK_WIDGET (window), "GtkInfoBar");

  return gtk_info_bar_get_revealed (GTK_INFO_BAR (banner));
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  StaleTest   *test = user_data;
  C3vSnapshot *shown;
  GtkWidget   *retry;

  if (test->view == NULL)
    {
      test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
      g_signal_connect (test->view, "layout-changed", G_CALLBACK (on_layout_changed), test);
    }
  shown = c3v_cluster_view_get_snapshot (test->view);

  switch (test->step)
    {
      case STEP_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER) || test->complete != shown)
          return FALSE;
        test->before = shown;
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
        break;
      case STEP_REFRESHED:
        /* A new complete picture (on_layout_changed saw nothing partial). */
        if (shown == test->before || !ui_test_view_shows_complete (test->view, CLUSTER))
          return FALSE;
        test->before = shown;
        /* ECS fails: every call gets HTTP 500. */
        c3v_fake_ecs_set_fault_rates (test->endpoint, 0.0, 1.0);
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
        break;
      case STEP_REFRESH_FAILED:
        retry = ui_test_find_button (GTK_WIDGET (window), "_Retry");
        if (!banner_revealed (window) || retry == NULL || !gtk_widget_get_mapped (retry))
          return FALSE;
        /* The last complete picture stays, marked stale. */
        g_assert_true (shown == test->before);
        test->stale_status = g_strdup (status_text (window));
        g_test_message ("status after the failed refresh: %s", test->stale_status);
        g_assert_nonnull (strstr (test->stale_status, "Last updated"));
        g_assert_nonnull (strstr (test->stale_status, "refresh failed"));
        g_assert_nonnull (strstr (test->stale_status, "ServerException"));
        g_assert_null (strstr (test->stale_status, " 0 instances"));
        g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (test->view)));
        c3v_fake_ecs_set_fault_rates (test->endpoint, 0.0, 0.0);
        g_assert_true (gtk_widget_activate (retry));
        break;
      case STEP_RETRIED:
        if (shown == test->before || !ui_test_view_shows_complete (test->view, CLUSTER)
            || banner_revealed (window))
          return FALSE;
        g_assert_null (strstr (status_text (window), "refresh failed"));
        break;
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_refresh_keeps_complete_picture (void)
{
  g_autoptr (C3vFakeEcs) endpoint = c3v_fake_ecs_new (NULL);
  g_autoptr (GError) error = NULL;
  StaleTest        test = { 0 };
  g_autofree char *endpoint_arg = NULL;
  char            *argv[] = { (char *) "c3vis",
                              (char *) "--region",
                              (char *) C3V_FAKE_ECS_REGION,
                              NULL,
                              (char *) "--cluster",
                              (char *) CLUSTER,
                              NULL };

  g_assert_true (c3v_fake_ecs_start (endpoint, 0, &error));
  g_assert_no_error (error);
  endpoint_arg = g_strdup_printf ("--endpoint-url=%s", c3v_fake_ecs_get_url (endpoint));
  argv[3] = endpoint_arg;
  test.endpoint = endpoint;

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 100), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
  g_free (test.stale_status);
}

int
main (int argc, char *argv[])
{
  /* The application finds these keys as a user's environment would hold
   * them; one attempt per call keeps the failure quick. */
  g_setenv ("AWS_ACCESS_KEY_ID", C3V_FAKE_ECS_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", C3V_FAKE_ECS_SECRET_ACCESS_KEY, TRUE);
  g_setenv ("AWS_MAX_ATTEMPTS", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/stale/refresh-keeps-complete-picture", test_refresh_keeps_complete_picture);
  return g_test_run ();
}
