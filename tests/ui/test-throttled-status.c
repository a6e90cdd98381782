/* test-throttled-status.c: while ECS throttling slows a load down, the
 * status line says so; once the load is through, it shows the figures.
 *
 * The real application talks to the project's ECS endpoint. A cluster
 * loads; then every call is throttled and the user refreshes: the status
 * line must read "Slowed down by ECS throttling". ECS recovers, the load
 * completes, and the status line says what was fetched.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-cluster-view.h"
#include "c3v-fake-ecs.h"
#include "ui-test-support.h"

#define SLOWED "Slowed down by ECS throttling"

typedef enum
{
  WAIT_LOADED,
  WAIT_SLOWED,
  WAIT_RECOVERED,
} Stage;

typedef struct
{
  C3vFakeEcs  *endpoint;
  Stage        stage;
  C3vSnapshot *before_refresh;
  gboolean     saw_slowed;
} ThrottleTest;

/* The label under @widget whose text starts with @prefix. */
static GtkLabel *
find_label (GtkWidget *widget, const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static C3vSnapshot *
complete_snapshot (GtkWindow *window)
{
  C3vClusterView *view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
  C3vSnapshot    *snapshot = c3v_cluster_view_get_snapshot (view);

  return snapshot != NULL && c3v_snapshot_is_complete (snapshot) ? snapshot : NULL;
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  ThrottleTest *test = user_data;
  C3vSnapshot  *snapshot = complete_snapshot (window);

  switch (test->stage)
    {
      case WAIT_LOADED:
        if (snapshot == NULL)
          return FALSE;
        /* ECS now throttles everything; the user refreshes. */
        c3v_fake_ecs_set_fault_rates (test->endpoint, 1.0, 0.0);
        test->before_refresh = snapshot;
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
        test->stage = WAIT_SLOWED;
        return FALSE;

      case WAIT_SLOWED:
        if (find_label (GTK_WIDGET (window), SLOWED) == NULL)
          return FALSE;
        test->saw_slowed = TRUE;
        c3v_fake_ecs_set_fault_rates (test->endpoint, 0.0, 0.0);
        test->stage = WAIT_RECOVERED;
        return FALSE;

      case WAIT_RECOVERED:
        /* A new complete snapshot, and the figures in the status line. */
        return snapshot != NULL && snapshot != test->before_refresh
               && find_label (GTK_WIDGET (window), "Fetched at") != NULL
               && find_label (GTK_WIDGET (window), SLOWED) == NULL;

      default:
        g_assert_not_reached ();
    }
}

static void
test_throttled_status (void)
{
  C3vFakeEcsOptions options = { .seed = 7 };
  g_autoptr (C3vFakeEcs) endpoint = c3v_fake_ecs_new (&options);
  g_autoptr (GError) error = NULL;
  ThrottleTest     test = { 0 };
  g_autofree char *endpoint_arg = NULL;
  char            *argv[5]
      = { (char *) "c3vis", (char *) "--region", (char *) C3V_FAKE_ECS_REGION, NULL, NULL };

  g_assert_true (c3v_fake_ecs_start (endpoint, 0, &error));
  g_assert_no_error (error);
  endpoint_arg = g_strdup_printf ("--endpoint-url=%s", c3v_fake_ecs_get_url (endpoint));
  argv[3] = endpoint_arg;
  test.endpoint = endpoint;

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_assert_true (test.saw_slowed);
}

int
main (int argc, char *argv[])
{
  /* The application finds these keys as a user's environment would hold
   * them; retries wait milliseconds, not seconds. */
  g_setenv ("AWS_ACCESS_KEY_ID", C3V_FAKE_ECS_ACCESS_KEY_ID, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", C3V_FAKE_ECS_SECRET_ACCESS_KEY, TRUE);
  g_setenv ("C3VIS_RETRY_BASE_MS", "20", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/throttled-status", test_throttled_status);
  return g_test_run ();
}
