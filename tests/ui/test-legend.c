/* test-legend.c: the legend model and its highlight (no display needed).
 *
 * A click highlights one entry and a second click clears it; Ctrl+click
 * adds and removes entries; the highlight can be cleared; each cluster and
 * each colouring (task definition or service) has its own highlight, which
 * comes back with the next layout of the same cluster and colouring.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-legend.h"
#include "view-fixture.h"

typedef struct
{
  C3vLegend *legend;
  guint      n_changes;
} Fixture;

/* Three families (a: 3 tasks, b: 2, c: 1), each its own service. */
static C3vSnapshot *
cluster (const char *name)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new (name, name, "eu-west-1");
  g_autofree char *arn
      = view_fixture_add_instance (builder, "0001", "m5.xlarge", "eu-west-1a", 16384, 4096);
  const char *families[] = { "a", "a", "a", "b", "b", "c" };

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *service = g_strdup_printf ("svc-%s", families[i]);

      view_fixture_add_task (builder, id, families[i], service, arn, 512, 128);
    }
  return c3v_snapshot_builder_build (builder, 1764140400000, TRUE);
}

static C3vLayout *
layout_of (const char *name, gboolean by_service)
{
  g_autoptr (C3vSnapshot) snapshot = cluster (name);
  C3vLayoutOptions options;

  c3v_layout_options_init (&options);
  options.available_width = 800;
  options.color_by_service = by_service;
  return c3v_layout_new (snapshot, &options);
}

static void
show (Fixture *fixture, const char *name, gboolean by_service)
{
  g_autoptr (C3vLayout) layout = layout_of (name, by_service);

  c3v_legend_set_layout (fixture->legend, layout);
}

static void
on_highlight_changed (C3vLegend *legend, Fixture *fixture)
{
  fixture->n_changes++;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->legend = c3v_legend_new ();
  g_signal_connect (fixture->legend, "highlight-changed", G_CALLBACK (on_highlight_changed),
                    fixture);
  show (fixture, "production", FALSE);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_object_unref (fixture->legend);
}

/* The highlight as "label,label" ("" for none), checked against the
 * items' own flags. */
static char *
highlight (Fixture *fixture)
{
  const char *const *labels = c3v_legend_get_highlight (fixture->legend);
  GListModel        *model = G_LIST_MODEL (fixture->legend);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (C3vLegendItem) item = g_list_model_get_item (model, i);

      g_assert_cmpint (c3v_legend_item_get_highlighted (item), ==,
                       labels != NULL
                           && g_strv_contains (labels, c3v_legend_item_get_label (item)));
    }
  g_assert_true (labels == NULL || labels[0] != NULL);
  return labels != NULL ? g_strjoinv (",", (char **) labels) : g_strdup ("");
}

#define assert_highlight(fixture, expected)                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *actual = highlight (fixture);                                                 \
    g_assert_cmpstr (actual, ==, expected);                                                        \
  }                                                                                                \
  G_STMT_END

static void
test_model (Fixture *fixture, gconstpointer data)
{
  GListModel *model = G_LIST_MODEL (fixture->legend);
  g_autoptr (C3vLegendItem) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (g_list_model_get_item_type (model) == C3V_TYPE_LEGEND_ITEM);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (c3v_legend_item_get_label (first), ==, "a:1");
  g_assert_cmpuint (c3v_legend_item_get_n_tasks (first), ==, 3);
  g_assert_null (g_list_model_get_item (model, 3));

  c3v_legend_set_layout (fixture->legend, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

static void
test_click_selects_one (Fixture *fixture, gconstpointer data)
{
  assert_highlight (fixture, "");
  c3v_legend_activate (fixture->legend, 0, FALSE);
  assert_highlight (fixture, "a:1");
  /* Another click replaces it. */
  c3v_legend_activate (fixture->legend, 1, FALSE);
  assert_highlight (fixture, "b:1");
  /* Clicking it again clears it. */
  c3v_legend_activate (fixture->legend, 1, FALSE);
  assert_highlight (fixture, "");
  g_assert_cmpuint (fixture->n_changes, ==, 3);
}

static void
test_ctrl_click_toggles (Fixture *fixture, gconstpointer data)
{
  c3v_legend_activate (fixture->legend, 0, TRUE);
  c3v_legend_activate (fixture->legend, 2, TRUE);
  assert_highlight (fixture, "a:1,c:1");
  c3v_legend_activate (fixture->legend, 0, TRUE);
  assert_highlight (fixture, "c:1");
  /* A plain click on one of several highlights it alone. */
  c3v_legend_activate (fixture->legend, 1, TRUE);
  c3v_legend_activate (fixture->legend, 1, FALSE);
  assert_highlight (fixture, "b:1");
  c3v_legend_activate (fixture->legend, 1, TRUE);
  assert_highlight (fixture, "");
}

static void
test_clear (Fixture *fixture, gconstpointer data)
{
  c3v_legend_activate (fixture->legend, 0, TRUE);
  c3v_legend_activate (fixture->legend, 1, TRUE);
  fixture->n_changes = 0;
  c3v_legend_clear_highlight (fixture->legend);
  assert_highlight (fixture, "");
  g_assert_cmpuint (fixture->n_changes, ==, 1);
  /* Clearing nothing changes nothing. */
  c3v_legend_clear_highlight (fixture->legend);
  g_assert_cmpuint (fixture->n_changes, ==, 1);
}

static void
test_per_cluster (Fixture *fixture, gconstpointer data)
{
  c3v_legend_activate (fixture->legend, 0, FALSE);
  /* Another cluster (with the same labels) starts without a highlight. */
  show (fixture, "staging", FALSE);
  assert_highlight (fixture, "");
  c3v_legend_activate (fixture->legend, 2, FALSE);
  assert_highlight (fixture, "c:1");
  /* Back to the first (a refresh, a new layout): its highlight returns. */
  show (fixture, "production", FALSE);
  assert_highlight (fixture, "a:1");
  show (fixture, "staging", FALSE);
  assert_highlight (fixture, "c:1");
}

static void
test_per_colouring (Fixture *fixture, gconstpointer data)
{
  c3v_legend_activate (fixture->legend, 1, FALSE);
  /* By service nothing is highlighted (nothing is dimmed either). */
  show (fixture, "production", TRUE);
  assert_highlight (fixture, "");
  c3v_legend_activate (fixture->legend, 0, FALSE);
  assert_highlight (fixture, "svc-a");
  show (fixture, "production", FALSE);
  assert_highlight (fixture, "b:1");
  show (fixture, "production", TRUE);
  assert_highlight (fixture, "svc-a");
}

static void
test_vanished_entry (Fixture *fixture, gconstpointer data)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("production", "production", "eu-west-1");
  g_autofree char *arn
      = view_fixture_add_instance (builder, "0001", "m5.xlarge", "eu-west-1a", 16384, 4096);
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions options;

  c3v_legend_activate (fixture->legend, 2, FALSE);
  assert_highlight (fixture, "c:1");

  /* A refresh where family c no longer runs: nothing is highlighted. */
  view_fixture_add_task (builder, "t0", "a", "svc-a", arn, 512, 128);
  snapshot = c3v_snapshot_builder_build (builder, 1764140400000, TRUE);
  c3v_layout_options_init (&options);
  options.available_width = 800;
  layout = c3v_layout_new (snapshot, &options);
  c3v_legend_set_layout (fixture->legend, layout);
  assert_highlight (fixture, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/legend/model", Fixture, NULL, fixture_set_up, test_model, fixture_tear_down);
  g_test_add ("/legend/click-selects-one", Fixture, NULL, fixture_set_up, test_click_selects_one,
              fixture_tear_down);
  g_test_add ("/legend/ctrl-click-toggles", Fixture, NULL, fixture_set_up, test_ctrl_click_toggles,
              fixture_tear_down);
  g_test_add ("/legend/clear", Fixture, NULL, fixture_set_up, test_clear, fixture_tear_down);
  g_test_add ("/legend/per-cluster", Fixture, NULL, fixture_set_up, test_per_cluster,
              fixture_tear_down);
  g_test_add ("/legend/per-colouring", Fixture, NULL, fixture_set_up, test_per_colouring,
              fixture_tear_down);
  g_test_add ("/legend/vanished-entry", Fixture, NULL, fixture_set_up, test_vanished_entry,
              fixture_tear_down);
  return g_test_run ();
}
