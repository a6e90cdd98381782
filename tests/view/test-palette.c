/* test-palette.c: stable, distinct, readable colours.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>

#include "view/c3v-layout.h"
#include "view/c3v-theme.h"
#include "view-fixture.h"

static int
to_byte (double channel)
{
  return (int) round (channel * 255);
}

static void
test_hash (void)
{
  /* Published FNV-1a 32-bit test vectors. */
  g_assert_cmphex (c3v_palette_hash (""), ==, 0x811c9dc5);
  g_assert_cmphex (c3v_palette_hash ("a"), ==, 0xe40c292c);
  g_assert_cmphex (c3v_palette_hash ("foobar"), ==, 0xbf9cf968);
}

static void
test_stable (void)
{
  /* Pinned once: a change here recolours every user's cluster. */
  C3vRgba color;

  c3v_palette_color_for_label ("web:12", &color);
  g_assert_cmpint (to_byte (color.red), ==, 212);
  g_assert_cmpint (to_byte (color.green), ==, 212);
  g_assert_cmpint (to_byte (color.blue), ==, 143);
  g_assert_cmpfloat (color.alpha, ==, 1.0);

  c3v_palette_color_for_label ("payments-api", &color);
  g_assert_cmpint (to_byte (color.red), ==, 153);
  g_assert_cmpint (to_byte (color.green), ==, 193);
  g_assert_cmpint (to_byte (color.blue), ==, 241);
}

static void
test_readable (void)
{
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *label = g_strdup_printf ("family-%u:%u", i, i % 7);
      C3vRgba          fill;
      C3vRgba          ink;

      c3v_palette_color_variant (label, i % 3, &fill);
      c3v_palette_text_color (&fill, &ink);
      /* WCAG AA for text, and fills never blend into either background. */
      g_assert_cmpfloat (c3v_rgba_contrast_ratio (&fill, &ink), >=, 4.5);
      g_assert_false (c3v_palette_colors_collide (&fill, &c3v_theme_get_light ()->background));
      g_assert_false (c3v_palette_colors_collide (&fill, &c3v_theme_get_dark ()->background));
      g_assert_cmpfloat (c3v_rgba_contrast_ratio (&fill, &c3v_theme_get_light ()->background), >,
                         1.3);
      g_assert_cmpfloat (c3v_rgba_contrast_ratio (&fill, &c3v_theme_get_dark ()->background), >,
                         1.3);
    }
}

static void
test_text_color (void)
{
  C3vRgba yellow = { 1, 0.9, 0.2, 1 };
  C3vRgba navy = { 0.05, 0.1, 0.4, 1 };
  C3vRgba ink;

  c3v_palette_text_color (&yellow, &ink);
  g_assert_cmpfloat (ink.red + ink.green + ink.blue, ==, 0);
  c3v_palette_text_color (&navy, &ink);
  g_assert_cmpfloat (ink.red + ink.green + ink.blue, ==, 3);
}

/* Two labels whose own colours look alike; found by search so the test
 * does not depend on a hand-picked pair. */
static void
find_colliding_labels (char **a, char **b)
{
  for (guint i = 0; i < 200; i++)
    for (guint j = i + 1; j < 200; j++)
      {
        g_autofree char *la = g_strdup_printf ("fam%u", i);
        g_autofree char *lb = g_strdup_printf ("fam%u", j);
        g_autofree char *full_a = g_strdup_printf ("%s:1", la);
        g_autofree char *full_b = g_strdup_printf ("%s:1", lb);
        C3vRgba          ca;
        C3vRgba          cb;

        c3v_palette_color_for_label (full_a, &ca);
        c3v_palette_color_for_label (full_b, &cb);
        if (c3v_palette_colors_collide (&ca, &cb))
          {
            *a = g_steal_pointer (&la);
            *b = g_steal_pointer (&lb);
            return;
          }
      }
  g_assert_not_reached ();
}

static void
test_neighbours_distinct (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autofree char *arn
      = view_fixture_add_instance (builder, "one", "m5.large", "eu-west-1a", 8192, 2048);
  g_autofree char *other
      = view_fixture_add_instance (builder, "two", "m5.large", "eu-west-1a", 8192, 2048);
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions      options;
  guint                 n = 0;
  const C3vLegendEntry *legend;
  C3vRgba               own;
  g_autofree char      *la = NULL;
  g_autofree char      *lb = NULL;
  gint                  ia;
  gint                  ib;

  find_colliding_labels (&a, &b);
  view_fixture_add_task (builder, "t1", a, NULL, arn, 1024, 256);
  view_fixture_add_task (builder, "t2", b, NULL, arn, 1024, 256);
  view_fixture_add_task (builder, "t3", "alone", NULL, other, 1024, 256);
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  c3v_layout_options_init (&options);
  layout = c3v_layout_new (snapshot, &options);
  legend = c3v_layout_get_legend (layout, &n);

  g_assert_cmpuint (n, ==, 3);
  la = g_strdup_printf ("%s:1", a);
  lb = g_strdup_printf ("%s:1", b);
  ia = c3v_layout_find_legend_entry (layout, la);
  ib = c3v_layout_find_legend_entry (layout, lb);
  g_assert_cmpint (ia, >=, 0);
  g_assert_cmpint (ib, >=, 0);
  /* They share a bar, so one of them moved to another colour. */
  g_assert_false (c3v_palette_colors_collide (&legend[ia].color, &legend[ib].color));

  /* The first in label order keeps its own colour, as does a label with
   * no look-alike neighbour. */
  c3v_palette_color_for_label (strcmp (la, lb) < 0 ? la : lb, &own);
  g_assert_true (memcmp (&legend[strcmp (la, lb) < 0 ? ia : ib].color, &own, sizeof own) == 0);
  c3v_palette_color_for_label ("alone:1", &own);
  g_assert_true (
      memcmp (&legend[c3v_layout_find_legend_entry (layout, "alone:1")].color, &own, sizeof own)
      == 0);
}

/* The instance states own the reds and ambers: no task colour, nor any of
 * its variants, may be taken for an "agent disconnected" or "draining"
 * mark in either theme. */
static void
test_states_reserved (void)
{
  const C3vTheme *themes[] = { c3v_theme_get_light (), c3v_theme_get_dark () };

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *label = g_strdup_printf ("family-%u:%u", i, i % 7);

      for (guint variant = 0; variant < 3 * C3V_PALETTE_SIZE; variant++)
        {
          C3vRgba fill;

          c3v_palette_color_variant (label, variant, &fill);
          for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
            {
              g_assert_cmpfloat (c3v_rgba_distance (&fill, &themes[t]->draining), >=, 120);
              g_assert_cmpfloat (c3v_rgba_distance (&fill, &themes[t]->disconnected), >=, 120);
            }
        }
    }
}

/* Variants are what separation relies on: the first C3V_PALETTE_SIZE walk
 * the whole palette, and the ones past it are new colours. */
static void
test_variants (void)
{
  const char *labels[] = { "web:3", "payments-api", "a", "" };

  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    {
      C3vRgba colors[2 * C3V_PALETTE_SIZE];

      for (guint v = 0; v < G_N_ELEMENTS (colors); v++)
        c3v_palette_color_variant (labels[l], v, &colors[v]);
      for (guint a = 0; a < C3V_PALETTE_SIZE; a++)
        for (guint b = a + 1; b < C3V_PALETTE_SIZE; b++)
          g_assert_false (c3v_palette_colors_collide (&colors[a], &colors[b]));
      for (guint v = C3V_PALETTE_SIZE + 1; v < G_N_ELEMENTS (colors); v++)
        g_assert_true (memcmp (&colors[v], &colors[v - 1], sizeof colors[v]) != 0);
    }
}

static gboolean
label_collides (const char *a, guint variant_a, const char *b, guint variant_b)
{
  C3vRgba ca;
  C3vRgba cb;

  c3v_palette_color_variant (a, variant_a, &ca);
  c3v_palette_color_variant (b, variant_b, &cb);
  return c3v_palette_colors_collide (&ca, &cb);
}

static C3vLayout *
layout_of_families (const char *const *families)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = NULL;
  C3vLayoutOptions options;

  for (guint i = 0; families[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", i);
      g_autofree char *arn
          = view_fixture_add_instance (builder, name, "m5.large", "eu-west-1a", 8192, 2048);
      g_autofree char *id = g_strdup_printf ("t%u", i);

      view_fixture_add_task (builder, id, families[i], NULL, arn, 1024, 256);
    }
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  c3v_layout_options_init (&options);
  return c3v_layout_new (snapshot, &options);
}

static void
assert_own_color (C3vLayout *layout, const char *label)
{
  guint                 n = 0;
  const C3vLegendEntry *legend = c3v_layout_get_legend (layout, &n);
  gint                  index = c3v_layout_find_legend_entry (layout, label);
  C3vRgba               own;

  g_assert_cmpint (index, >=, 0);
  c3v_palette_color_for_label (label, &own);
  g_assert_true (memcmp (&legend[index].color, &own, sizeof own) == 0);
}

/* One label, one colour in every cluster: a label moved off its own colour
 * (because an earlier label looks like it) must not push a third label off
 * its own, or web:3 would be blue in one cluster and red in the next. */
static void
test_same_color_everywhere (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  /* a < b < c in label order; a and b look alike; c looks like b's first
   * variant (where the old separation moved b). */
  for (guint i = 0; i < 400 && c == NULL; i++)
    for (guint j = i + 1; j < 400 && c == NULL; j++)
      {
        g_autofree char *la = g_strdup_printf ("fam%03u:1", i);
        g_autofree char *lb = g_strdup_printf ("fam%03u:1", j);

        if (!label_collides (la, 0, lb, 0))
          continue;
        for (guint k = j + 1; k < 1000 && c == NULL; k++)
          {
            g_autofree char *lc = g_strdup_printf ("fam%03u:1", k);

            if (label_collides (lb, 1, lc, 0) && !label_collides (la, 0, lc, 0))
              {
                a = g_strndup (la, strlen (la) - 2);
                b = g_strndup (lb, strlen (lb) - 2);
                c = g_strndup (lc, strlen (lc) - 2);
              }
          }
      }
  g_assert_nonnull (c);

  {
    const char *const alone[] = { c, "zz-other", NULL };
    const char *const crowd[] = { a, b, c, NULL };
    g_autoptr (C3vLayout) first = layout_of_families (alone);
    g_autoptr (C3vLayout) second = layout_of_families (crowd);
    g_autofree char      *label_a = g_strdup_printf ("%s:1", a);
    g_autofree char      *label_c = g_strdup_printf ("%s:1", c);
    guint                 n = 0;
    const C3vLegendEntry *legend = c3v_layout_get_legend (second, &n);

    assert_own_color (first, label_c);
    assert_own_color (second, label_c);
    assert_own_color (second, label_a);
    /* ... and the legend still tells all three apart. */
    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < n; j++)
        g_assert_false (c3v_palette_colors_collide (&legend[i].color, &legend[j].color));
  }
}

/* Colouring by service: services with close names, on different
 * instances, still get colours that tell apart in the legend. */
static void
test_services_distinct (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions      options;
  guint                 n = 0;
  const C3vLegendEntry *legend;

  for (guint i = 0; i < C3V_PALETTE_SIZE; i++)
    {
      g_autofree char *name = g_strdup_printf ("%02u", i);
      g_autofree char *service = g_strdup_printf ("payments-%02u", i);
      g_autofree char *id = g_strdup_printf ("t%02u", i);
      g_autofree char *arn
          = view_fixture_add_instance (builder, name, "m5.large", "eu-west-1a", 8192, 2048);

      view_fixture_add_task (builder, id, "payments", service, arn, 1024, 256);
    }
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  c3v_layout_options_init (&options);
  options.color_by_service = TRUE;
  layout = c3v_layout_new (snapshot, &options);
  legend = c3v_layout_get_legend (layout, &n);

  g_assert_cmpuint (n, ==, C3V_PALETTE_SIZE);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      g_assert_false (c3v_palette_colors_collide (&legend[i].color, &legend[j].color));
}

/* A legend as long as a busy cluster's (the demo's production has about
 * forty labels; the fixed fills allow 37), each label on its own bar: a reader matching a box to its
 * legend entry finds no two look-alikes. */
static void
test_long_legend_distinct (void)
{
  static const char *const families[]
      = { "web-frontend",   "metrics-agent", "notifications", "orders-api",
          "search-indexer", "payments-api",  "report-cron",   "edge-proxy",
          "batch-etl",      "db-migrate",    "queue-worker",  "auth-service" };
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vLayout) layout = NULL;
  C3vLayoutOptions      options;
  guint                 n = 0;
  const C3vLegendEntry *legend;

  for (guint i = 0; i < 3 * G_N_ELEMENTS (families); i++)
    {
      g_autofree char         *name = g_strdup_printf ("i%02u", i);
      g_autofree char         *id = g_strdup_printf ("t%02u", i);
      static const char *const suffixes[] = { "", "-canary", "-v2" };
      g_autofree char *family = g_strdup_printf ("%s%s", families[i % G_N_ELEMENTS (families)],
                                                 suffixes[i / G_N_ELEMENTS (families)]);
      g_autofree char *arn
          = view_fixture_add_instance (builder, name, "m5.large", "eu-west-1a", 8192, 2048);

      view_fixture_add_task (builder, id, family, NULL, arn, 1024, 256);
    }
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  c3v_layout_options_init (&options);
  layout = c3v_layout_new (snapshot, &options);
  legend = c3v_layout_get_legend (layout, &n);

  g_assert_cmpuint (n, ==, 3 * G_N_ELEMENTS (families));
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (c3v_palette_colors_collide (&legend[i].color, &legend[j].color))
        g_error ("%s and %s look alike", legend[i].label, legend[j].label);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/palette/hash", test_hash);
  g_test_add_func ("/view/palette/stable", test_stable);
  g_test_add_func ("/view/palette/readable", test_readable);
  g_test_add_func ("/view/palette/text-color", test_text_color);
  g_test_add_func ("/view/palette/neighbours-distinct", test_neighbours_distinct);
  g_test_add_func ("/view/palette/states-reserved", test_states_reserved);
  g_test_add_func ("/view/palette/variants", test_variants);
  g_test_add_func ("/view/palette/same-color-everywhere", test_same_color_everywhere);
  g_test_add_func ("/view/palette/services-distinct", test_services_distinct);
  g_test_add_func ("/view/palette/long-legend-distinct", test_long_legend_distinct);

  return g_test_run ();
}
