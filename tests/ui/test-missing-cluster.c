/* test-missing-cluster.c: --cluster NAME that does not exist.
 *
 * While the cluster list loads, the window says so ("Loading clusters…"),
 * not "No cluster selected". When the list has no cluster of that name,
 * a banner says so, the sidebar shows the clusters there are, and no other
 * cluster is opened in its place. A filter matching no cluster says "No
 * matching clusters".
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "ui-test-support.h"

#define MISSING "no-such-cluster"

typedef struct
{
  gboolean saw_loading;
  char    *banner_text;
  gboolean filtered;
} MissingTest;

static const char *
empty_title (GtkWindow *window)
{
  return gtk_label_get_text (
      GTK_LABEL (ui_test_find_with_class (GTK_WIDGET (window), "GtkLabel", "title-1")));
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  MissingTest    *test = user_data;
  GtkWidget      *placeholder;
  GtkWidget      *spinner = ui_test_find (GTK_WIDGET (window), "GtkSpinner");
  GtkWidget      *banner = ui_test_find (GTK_WIDGET (window), "GtkInfoBar");
  GtkWidget      *list = ui_test_find (GTK_WIDGET (window), "GtkListBox");
  C3vClusterView *view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));

  /* The list is still loading: say that. */
  if (gtk_widget_get_mapped (spinner))
    {
      test->saw_loading = TRUE;
      g_assert_cmpstr (empty_title (window), !=, "No Cluster Selected");
      g_assert_cmpstr (empty_title (window), ==, "Loading Clusters…");
      return FALSE;
    }

  /* A filter that matches no cluster says so. */
  if (test->filtered)
    {
      placeholder = ui_test_find_with_class (list, "GtkLabel", "dim-label");
      if (placeholder == NULL || !gtk_widget_get_mapped (placeholder))
        return FALSE;
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder)), ==, "No matching clusters");
      return TRUE;
    }

  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (banner)))
    return FALSE;

  test->banner_text = g_strdup (gtk_label_get_text (GTK_LABEL (ui_test_find (banner, "GtkLabel"))));
  /* The sidebar lists what there is; nothing else was opened instead. */
  g_assert_true (gtk_widget_get_mapped (list));
  g_assert_nonnull (gtk_widget_get_first_child (list));
  g_assert_null (c3v_cluster_view_get_snapshot (view));
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find (GTK_WIDGET (window), "GtkSearchEntry")),
                         "zzz");
  test->filtered = TRUE;
  return FALSE;
}

static void
test_missing_cluster (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) MISSING, NULL };
  MissingTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_test_message ("banner: %s", test.banner_text);
  g_assert_nonnull (strstr (test.banner_text, MISSING));
  g_assert_true (test.saw_loading);
  g_free (test.banner_text);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/missing-cluster/banner-and-sidebar", test_missing_cluster);
  return g_test_run ();
}
