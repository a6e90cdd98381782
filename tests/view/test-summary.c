/* test-summary.c: reserved against registered, for the cluster and per AZ.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "view/c3v-summary.h"
#include "view-fixture.h"

static void
add_filled (C3vSnapshotBuilder *builder, const char *name, const char *zone, guint32 memory,
            guint32 cpu, gint32 task_memory, gint32 task_cpu)
{
  g_autofree char *arn = view_fixture_add_instance (builder, name, "m5.large", zone, memory, cpu);
  g_autofree char *id = g_strdup_printf ("t-%s", name);

  view_fixture_add_task (builder, id, "web", "web", arn, task_memory, task_cpu);
}

static void
test_zones (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vSummary) summary = NULL;
  g_autofree char *total = NULL;
  g_autofree char *zone = NULL;

  add_filled (builder, "a", "eu-west-1b", 8192, 2048, 2048, 512);
  add_filled (builder, "b", "eu-west-1a", 8192, 2048, 4096, 1024);
  add_filled (builder, "c", "eu-west-1a", 16384, 4096, 8192, 1024);
  /* Fargate has no registered capacity: it is not in the figures. */
  view_fixture_add_task (builder, "f", "job", NULL, NULL, 4096, 1024);
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  summary = c3v_summary_new (snapshot);

  g_assert_cmpuint (summary->total.n_instances, ==, 3);
  g_assert_cmpuint (summary->total.registered[C3V_RESOURCE_MEMORY], ==, 32768);
  g_assert_cmpuint (summary->total.reserved[C3V_RESOURCE_MEMORY], ==, 14336);
  g_assert_cmpuint (summary->total.reserved[C3V_RESOURCE_CPU], ==, 2560);
  g_assert_cmpuint (summary->n_zones, ==, 2);
  g_assert_cmpstr (summary->zones[0].zone, ==, "eu-west-1a");
  g_assert_cmpuint (summary->zones[0].n_instances, ==, 2);
  g_assert_cmpfloat (c3v_summary_line_percent (&summary->zones[0], C3V_RESOURCE_MEMORY), ==, 50);
  g_assert_cmpfloat (c3v_summary_line_percent (&summary->zones[1], C3V_RESOURCE_CPU), ==, 25);

  total = c3v_summary_line_format (&summary->total);
  g_assert_nonnull (strstr (total, "44%"));
  g_assert_nonnull (strstr (total, "14 GiB of 32 GiB"));
  g_assert_nonnull (strstr (total, "2.5 vCPU of 8 vCPU"));
  zone = c3v_summary_line_format (&summary->zones[0]);
  g_assert_true (g_str_has_prefix (zone, "\u2068eu-west-1a\u2069: "));
}

/* Thousands of big instances do not wrap a 32-bit sum. */
static void
test_large (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (C3vSummary) summary = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", i);

      add_filled (builder, name, "eu-west-1a", 4000000000u, 4000000000u, 2000000000, 1000);
    }
  snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  summary = c3v_summary_new (snapshot);

  g_assert_cmpuint (summary->total.registered[C3V_RESOURCE_MEMORY], ==,
                    G_GUINT64_CONSTANT (12000000000));
  g_assert_cmpuint (summary->total.reserved[C3V_RESOURCE_MEMORY], ==,
                    G_GUINT64_CONSTANT (6000000000));
  g_assert_cmpfloat (c3v_summary_line_percent (&summary->total, C3V_RESOURCE_MEMORY), ==, 50);
}

static void
test_empty (void)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autoptr (C3vSnapshot) snapshot = c3v_snapshot_builder_build (builder, 0, TRUE);
  g_autoptr (C3vSummary) summary = c3v_summary_new (snapshot);
  g_autofree char *text = c3v_summary_line_format (&summary->total);

  g_assert_cmpuint (summary->n_zones, ==, 0);
  g_assert_cmpfloat (c3v_summary_line_percent (&summary->total, C3V_RESOURCE_CPU), ==, 0);
  g_assert_nonnull (strstr (text, "0%"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/summary/zones", test_zones);
  g_test_add_func ("/view/summary/large", test_large);
  g_test_add_func ("/view/summary/empty", test_empty);

  return g_test_run ();
}
