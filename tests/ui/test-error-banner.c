/* test-error-banner.c: a failing ECS shows a banner, and Retry recovers.
 *
 * The real application talks to the project's ECS endpoint, which answers
 * every call with HTTP 500 at first. The window must say what failed in
 * its banner (not crash, not hang); once the endpoint is healthy again,
 * the banner's Retry button must list the clusters and load one.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-cluster-row.h"
#include "c3v-cluster-view.h"
#include "c3v-fake-ecs.h"
#include "ui-test-support.h"

typedef struct
{
  C3vFakeEcs *endpoint;
  char       *banner_text;
  gboolean    retried;
  char       *loaded_cluster;
} BannerTest;

static gboolean
banner_shown (GtkWindow *window, char **text)
{
  GtkWidget *banner = ui_test_find (GTK_WIDGET (window), "GtkInfoBar");
  GtkWidget *label = banner != NULL ? ui_test_find (banner, "GtkLabel") : NULL;

  if (banner == NULL || !gtk_info_bar_get_revealed (GTK_INFO_BAR (banner)) || label == NULL)
    return FALSE;

  g_free (*text);
  *text = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  return TRUE;
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  BannerTest     *test = user_data;
  C3vClusterView *view;
  C3vSnapshot    *snapshot;

  if (!test->retried)
    {
      GtkWidget *retry = ui_test_find_button (GTK_WIDGET (window), "_Retry");

      /* The banner slides in: its button takes input once it is mapped. */
      if (!banner_shown (window, &test->banner_text) || retry == NULL
          || !gtk_widget_get_mapped (retry))
        return FALSE;

      /* ECS is healthy again: the user activates Retry (Enter or a click). */
      c3v_fake_ecs_set_fault_rates (test->endpoint, 0.0, 0.0);
      g_assert_true (gtk_widget_activate (retry));
      test->retried = TRUE;
      return FALSE;
    }

  view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
  snapshot = c3v_cluster_view_get_snapshot (view);
  if (snapshot == NULL || !c3v_snapshot_is_complete (snapshot))
    return FALSE;

  test->loaded_cluster = g_strdup (c3v_snapshot_get_cluster_name (snapshot));
  return TRUE;
}

static void
test_error_then_retry (void)
{
  C3vFakeEcsOptions options = { .seed = 7, .error_rate = 1.0 };
  g_autoptr (C3vFakeEcs) endpoint = c3v_fake_ecs_new (&options);
  g_autoptr (GError) error = NULL;
  BannerTest       test = { 0 };
  g_autofree char *endpoint_arg = NULL;
  char            *argv[5]
      = { (char *) "c3vis", (char *) "--region", (char *) C3V_FAKE_ECS_REGION, NULL, NULL };

  g_assert_true (c3v_fake_ecs_start (endpoint, 0, &error));
  g_assert_no_error (error);
  endpoint_arg = g_strdup_printf ("--endpoint-url=%s", c3v_fake_ecs_get_url (endpoint));
  argv[3] = endpoint_arg;
  test.endpoint = endpoint;

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);

  g_test_message ("banner: %s", test.banner_text);
  g_assert_nonnull (strstr (test.banner_text, "Could not list clusters"));
  g_assert_nonnull (strstr (test.banner_text, "ServerException"));
  g_assert_null (strstr (test.banner_text, C3V_FAKE_ECS_SECRET_ACCESS_KEY));
  g_assert_cmpstr (test.loaded_cluster, !=, NULL);

  g_free (test.banner_text);
  g_free (test.loaded_cluster);
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
  g_test_add_func ("/ui/error-banner/error-then-retry", test_error_then_retry);
  return g_test_run ();
}
