/* test-counts.c: the sidebar and the status line give the same counts.
 *
 * On the demo's production cluster (tasks running and pending), the
 * sidebar's line under the cluster's name and the status line both say
 * "N running · M pending" with the same N and M, and the sidebar's line is
 * not cut off at the default window size.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "ui-test-support.h"

#define CLUSTER "production"

/* The number before @word in @text ("2,971 running"), digits only. */
static char *
count_before (const char *text, const char *word)
{
  const char *end = strstr (text, word);
  const char *start;
  GString    *digits = g_string_new (NULL);

  g_assert_nonnull (end);
  for (start = end - 1; start > text && *start == ' '; start--)
    ;
  while (start >= text && (g_ascii_isdigit (*start) || *start == ',' || *start == '.'))
    start--;
  for (const char *c = start + 1; c < end; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (digits, *c);
  return g_string_free (digits, FALSE);
}

static GtkLabel *
sidebar_counts (GtkWindow *window)
{
  GtkWidget *list = ui_test_find (GTK_WIDGET (window), "GtkListBox");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *name = ui_test_find_with_class (row, "GtkLabel", "cluster-name");

      if (name != NULL && g_str_equal (gtk_label_get_text (GTK_LABEL (name)), CLUSTER))
        return GTK_LABEL (ui_test_find_with_class (row, "GtkLabel", "cluster-counts"));
    }
  g_assert_not_reached ();
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  C3vClusterView *view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
  GtkLabel       *status
      = GTK_LABEL (ui_test_find_with_class (GTK_WIDGET (window), "GtkLabel", "caption"));
  GtkLabel        *counts;
  const char      *sidebar_text, *status_text;
  g_autofree char *sidebar_running = NULL, *sidebar_pending = NULL;
  g_autofree char *status_running = NULL, *status_pending = NULL;

  if (!ui_test_view_shows_complete (view, CLUSTER))
    return FALSE;
  counts = sidebar_counts (window);
  /* Laid out at the window's size, so ellipsizing is known. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (counts))
      || gtk_widget_get_width (GTK_WIDGET (counts)) == 0)
    return FALSE;

  sidebar_text = gtk_label_get_text (counts);
  status_text = gtk_label_get_text (status);
  g_test_message ("sidebar: %s", sidebar_text);
  g_test_message ("status: %s", status_text);
  sidebar_running = count_before (sidebar_text, " running");
  sidebar_pending = count_before (sidebar_text, " pending");
  status_running = count_before (status_text, " running");
  status_pending = count_before (status_text, " pending");
  g_assert_cmpstr (sidebar_running, ==, status_running);
  g_assert_cmpstr (sidebar_pending, ==, status_pending);
  g_assert_cmpstr (sidebar_running, !=, "");
  g_assert_cmpstr (sidebar_pending, !=, "0");
  /* Not cut off ("40 se…"): it fits or wraps. */
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (counts)));
  return TRUE;
}

static void
test_counts_agree (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };

  g_assert_cmpint (ui_test_run_app (argv, step, NULL, 60), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/counts/sidebar-and-status-agree", test_counts_agree);
  return g_test_run ();
}
