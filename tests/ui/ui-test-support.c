/* ui-test-support.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-application.h"
#include "c3v-cli.h"
#include "c3v-cluster-row.h"
#include "ui-test-support.h"

#define STEP_INTERVAL_MS 20

typedef struct
{
  UiTestStep step;
  gpointer   user_data;
  gint64     deadline;
  gboolean   timed_out;
  guint      source_id;
} Runner;

/* Polls state that GTK changes on its own (mapping, tooltips, revealers),
 * which offer no signal to wait on; the deadline, not the interval, decides
 * whether the test passes. */
static gboolean
on_step (gpointer user_data)
{
  Runner         *runner = user_data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWindow      *window = gtk_application_get_active_window (app);

  if (g_get_monotonic_time () > runner->deadline)
    {
      runner->timed_out = TRUE;
      runner->source_id = 0;
      g_application_quit (G_APPLICATION (app));
      return G_SOURCE_REMOVE;
    }

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window))
      || !runner->step (window, runner->user_data))
    return G_SOURCE_CONTINUE;

  /* Quit the way a user does, through the app.quit action (Ctrl+Q). */
  runner->source_id = 0;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

int
ui_test_run_app (char **argv, UiTestStep step, gpointer user_data, guint deadline_seconds)
{
  g_auto (C3vOptions) options = { 0 };
  g_autoptr (C3vApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  Runner runner = { step, user_data, 0, FALSE, 0 };
  int    status;

  /* As main.c does: the command line is src/app's, the window gets it. */
  c3v_options_parse (&options, argv, &error);
  g_assert_no_error (error);
  g_assert_false (c3v_cli_wanted (&options));
  app = c3v_application_new (&options);

  runner.deadline = g_get_monotonic_time () + deadline_seconds * G_USEC_PER_SEC;
  runner.source_id = g_timeout_add (STEP_INTERVAL_MS, on_step, &runner);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_clear_handle_id (&runner.source_id, g_source_remove);

  g_assert_false (runner.timed_out);
  return status;
}

GtkWidget *
ui_test_find (GtkWidget *widget, const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ui_test_find_with_class (GtkWidget *widget, const char *type_name, const char *css_class)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name)
      && gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_with_class (child, type_name, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ui_test_find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
ui_test_select_cluster (GtkWidget *toplevel, const char *cluster)
{
  GtkWidget *list = ui_test_find (toplevel, "GtkListBox");

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (C3V_IS_CLUSTER_ROW (row)
        && g_str_equal (c3v_cluster_row_get_name (C3V_CLUSTER_ROW (row)), cluster))
      {
        gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
        return TRUE;
      }

  return FALSE;
}
