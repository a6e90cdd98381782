/* test-painted.c: after every refresh and menu choice, the window paints
 * the cluster and its legend.
 *
 * Runs the real application on the demo's production cluster and, after
 * each action (Ctrl+R, an auto-refresh, Group by AZ, Colour by Service),
 * waits until its effect is in the view and the window has painted a frame
 * since, then renders what the window painted and checks the pixels: the
 * chart and the legend must not be blank. GTK's warnings are fatal here
 * (g_test_init), so "Trying to snapshot … without a current allocation"
 * fails the test too.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-application.h"
#include "c3v-cluster-view.h"
#include "ui-test-support.h"

#define CLUSTER "production"
/* A painted cluster has boxes in many colours; a blank area has one. */
#define CHART_COLOURS  16
#define LEGEND_COLOURS 8

typedef enum
{
  ACTION_LOAD,
  ACTION_REFRESH,
  ACTION_AUTO_REFRESH,
  ACTION_GROUP_BY_ZONE,
  ACTION_NO_GROUPING,
  ACTION_COLOUR_BY_SERVICE,
  ACTION_COLOUR_BY_DEFINITION,
} Action;

/* The blank view came after some of these and not others, depending on
 * when the load's answers arrived: each is done more than once. */
static const struct
{
  Action      action;
  const char *name;
} actions[] = {
  { ACTION_LOAD, "first load" },
  { ACTION_REFRESH, "refresh" },
  { ACTION_REFRESH, "second refresh" },
  { ACTION_AUTO_REFRESH, "auto-refresh" },
  { ACTION_AUTO_REFRESH, "second auto-refresh" },
  { ACTION_GROUP_BY_ZONE, "group by AZ" },
  { ACTION_COLOUR_BY_SERVICE, "colour by service" },
  { ACTION_REFRESH, "refresh, grouped and by service" },
  { ACTION_NO_GROUPING, "no grouping" },
  { ACTION_COLOUR_BY_DEFINITION, "colour by task definition" },
  { ACTION_REFRESH, "last refresh" },
};

typedef struct
{
  guint           step; /* into actions[] */
  C3vClusterView *view;
  C3vSnapshot    *snapshot; /* the one shown when the step began */
  gboolean        effect_seen;
  guint           frame; /* painted frames when the effect was seen */
} PaintedTest;

static gboolean
effect_is_in (PaintedTest *test)
{
  C3vSnapshot            *shown = c3v_cluster_view_get_snapshot (test->view);
  const C3vLayoutOptions *shown_options = ui_test_view_options (test->view);

  if (!ui_test_view_shows_complete (test->view, CLUSTER))
    return FALSE;

  switch (actions[test->step].action)
    {
      case ACTION_LOAD:
        return TRUE;
      case ACTION_REFRESH:
      case ACTION_AUTO_REFRESH:
        return shown != test->snapshot;
      case ACTION_GROUP_BY_ZONE:
        return shown_options->group == C3V_GROUP_ZONE;
      case ACTION_NO_GROUPING:
        return shown_options->group == C3V_GROUP_NONE;
      case ACTION_COLOUR_BY_SERVICE:
        return shown_options->color_by_service;
      case ACTION_COLOUR_BY_DEFINITION:
        return !shown_options->color_by_service;
    }
  g_assert_not_reached ();
}

static void
activate (GtkWindow *window, const char *action, GVariant *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
}

static void
start (PaintedTest *test, GtkWindow *window)
{
  GSettings *settings
      = c3v_application_get_settings (C3V_APPLICATION (gtk_window_get_application (window)));

  test->snapshot = c3v_cluster_view_get_snapshot (test->view);
  test->effect_seen = FALSE;
  /* Auto-refresh stays on only for its own steps (once a second here). */
  g_settings_set_uint (settings, "auto-refresh",
                       actions[test->step].action == ACTION_AUTO_REFRESH ? 1 : 0);
  switch (actions[test->step].action)
    {
      case ACTION_LOAD:
      case ACTION_AUTO_REFRESH:
        break;
      case ACTION_REFRESH:
        activate (window, "win.refresh", NULL);
        break;
      case ACTION_GROUP_BY_ZONE:
        activate (window, "win.grouping", g_variant_new_string ("zone"));
        break;
      case ACTION_NO_GROUPING:
        activate (window, "win.grouping", g_variant_new_string ("none"));
        break;
      case ACTION_COLOUR_BY_SERVICE:
      case ACTION_COLOUR_BY_DEFINITION:
        activate (window, "win.color-by-service", NULL);
        break;
    }
}

/* FALSE when the window could not be rendered (a resize queued since the
 * frame: its render node is empty until the next one), to try again after
 * the next frame; a blank chart renders, and fails the counts. */
static gboolean
check_painted (PaintedTest *test, GtkWindow *window)
{
  g_autoptr (GdkTexture) texture = ui_test_render_window (window);
  GtkWidget *legend = ui_test_find_named (GTK_WIDGET (window), "legend");
  guint      chart, key;

  if (texture == NULL)
    return FALSE;
  g_assert_nonnull (legend);
  chart = ui_test_count_colours (texture, window, GTK_WIDGET (test->view), CHART_COLOURS);
  key = ui_test_count_colours (texture, window, legend, LEGEND_COLOURS);
  g_test_message ("after %s: %u colours in the chart, %u in the legend", actions[test->step].name,
                  chart, key);
  g_assert_cmpuint (chart, >=, CHART_COLOURS);
  g_assert_cmpuint (key, >=, LEGEND_COLOURS);
  return TRUE;
}

/* Each call waits for the last action's effect, then for a frame painted
 * after it, checks that frame's pixels and starts the next action. */
static gboolean
step (GtkWindow *window, gpointer user_data)
{
  PaintedTest *test = user_data;

  if (test->view == NULL)
    {
      test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));
      start (test, window);
    }

  if (!test->effect_seen)
    {
      if (!effect_is_in (test))
        return FALSE;
      test->effect_seen = TRUE;
      test->frame = ui_test_painted_frames (window);
      /* Asks for a frame even when the effect painted nothing new. */
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return FALSE;
    }

  if (ui_test_painted_frames (window) <= test->frame)
    return FALSE;

  if (!check_painted (test, window))
    {
      test->frame = ui_test_painted_frames (window);
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return FALSE;
    }
  if (++test->step == G_N_ELEMENTS (actions))
    return TRUE;
  start (test, window);
  return FALSE;
}

static void
test_painted_after_each_action (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  PaintedTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 100), ==, 0);
  g_assert_cmpuint (test.step, ==, G_N_ELEMENTS (actions));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/painted/after-each-action", test_painted_after_each_action);
  return g_test_run ();
}
