/* test-smoke.c: the real application shows its window and quits cleanly.
 *
 * Runs the same C3vApplication as the c3vis binary, in-process, so the
 * test can wait on the window's "map" signal instead of guessing with
 * sleeps. Warnings and criticals are fatal (G_DEBUG), so any logged
 * problem fails the test.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-application.h"

typedef struct
{
  gboolean mapped;
  gboolean timed_out;
} SmokeState;

static gboolean
on_timeout (gpointer user_data)
{
  SmokeState *state = user_data;

  state->timed_out = TRUE;
  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static gboolean
quit_from_idle (gpointer user_data)
{
  /* Quit the way a user does, through the app.quit action (Ctrl+Q). */
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_window_mapped (GtkWidget *window, gpointer user_data)
{
  SmokeState *state = user_data;

  state->mapped = TRUE;
  /* "map" is emitted from inside gtk_window_present(): let it return first. */
  g_idle_add (quit_from_idle, NULL);
}

static void
on_window_added (GtkApplication *app, GtkWindow *window, gpointer user_data)
{
  g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), user_data);
}

static void
test_window_maps_and_quits (void)
{
  g_autoptr (C3vApplication) app = c3v_application_new (NULL);
  char      *argv[] = { (char *) "c3vis", NULL };
  SmokeState state = { FALSE, FALSE };
  guint      timeout_id;
  int        status;

  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &state);
  timeout_id = g_timeout_add_seconds (30, on_timeout, &state);

  status = g_application_run (G_APPLICATION (app), 1, argv);

  g_assert_false (state.timed_out);
  g_source_remove (timeout_id);
  g_assert_true (state.mapped);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/smoke/window-maps-and-quits", test_window_maps_and_quits);
  return g_test_run ();
}
