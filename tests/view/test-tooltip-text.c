/* test-tooltip-text.c: what a tooltip says, and that it is valid markup.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <pango/pango.h>
#include <string.h>

#include "view/c3v-tooltip-text.h"
#include "view-fixture.h"

/* The instance reports nothing used, the task reserves 512 MiB: a
 * mismatch, once the snapshot is complete. */
static C3vSnapshot *
build_complete (gboolean complete)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");
  g_autofree char *arn
      = view_fixture_add_instance (builder, "0abc", "m5.large", "eu-west-1b", 7680, 2048);
  C3vTask      task = { 0 };
  C3vContainer containers[2] = { { 0 } };

  containers[0] = (C3vContainer){ "app", "repo/app:<v1>", "RUNNING", 256, C3V_UNSET, 384 };
  containers[1] = (C3vContainer){ "sidecar & co", "repo/envoy:1", "RUNNING", 128, 128, C3V_UNSET };
  task.arn = "arn:aws:ecs:eu-west-1:1:task/c/abc123";
  task.id = "abc123";
  task.task_definition_arn = "arn:aws:ecs:eu-west-1:1:task-definition/a<b:7";
  task.family = "a<b";
  task.revision = 7;
  task.group = "service:front";
  task.service_name = "front";
  task.launch_type = "EC2";
  task.last_status = "RUNNING";
  task.desired_status = "RUNNING";
  task.container_instance_arn = arn;
  task.started_at = G_GINT64_CONSTANT (1764140000000);
  task.task_cpu = C3V_UNSET;
  task.task_memory = C3V_UNSET;
  task.containers = containers;
  task.n_containers = 2;
  c3v_snapshot_builder_add_task (builder, &task);

  return c3v_snapshot_builder_build (builder, 0, complete);
}

static C3vSnapshot *
build (void)
{
  return build_complete (TRUE);
}

static void
assert_valid_markup (const char *markup)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_task (void)
{
  g_autoptr (C3vSnapshot) snapshot = build ();
  g_autofree char *text = c3v_tooltip_text_for_task (snapshot, 0);

  assert_valid_markup (text);
  /* The containers follow their heading, with no dash for "nothing". */
  g_assert_nonnull (strstr (text, "<b>Containers:</b>\n"));
  g_assert_null (strstr (text, "Containers:</b> —"));
  g_assert_nonnull (strstr (text, "a&lt;b"));
  g_assert_null (strstr (text, "a<b"));
  g_assert_nonnull (strstr (text, "7"));
  g_assert_nonnull (strstr (text, "abc123"));
  /* 384 MiB soft limit of app + 128 MiB of the sidecar. */
  g_assert_nonnull (strstr (text, "512 MiB"));
  g_assert_nonnull (strstr (text, "0.38 vCPU"));
  g_assert_nonnull (strstr (text, "front"));
  g_assert_nonnull (strstr (text, "RUNNING"));
  /* The EC2 instance, not the container instance (ci-0abc). */
  g_assert_nonnull (strstr (text, "<b>Instance:</b> i-0abc\n"));
  g_assert_nonnull (strstr (text, "app: 384 MiB, 0.25 vCPU"));
  g_assert_nonnull (strstr (text, "sidecar &amp; co: 128 MiB, 0.12 vCPU"));
  g_assert_nonnull (strstr (text, "repo/app:&lt;v1&gt;"));
}

static void
test_instance (void)
{
  g_autoptr (C3vSnapshot) snapshot = build ();
  g_autofree char *text = c3v_tooltip_text_for_instance (snapshot, 0);

  assert_valid_markup (text);
  g_assert_nonnull (strstr (text, "i-0abc"));
  g_assert_nonnull (strstr (text, "ci-0abc"));
  g_assert_nonnull (strstr (text, "m5.large"));
  g_assert_nonnull (strstr (text, "eu-west-1b"));
  g_assert_nonnull (strstr (text, "ACTIVE"));
  g_assert_nonnull (strstr (text, "7.5 GiB")); /* registered */
  g_assert_nonnull (strstr (text, "512 MiB")); /* reserved */
  g_assert_nonnull (strstr (text, "7 GiB"));   /* free */
  g_assert_nonnull (strstr (text, "2 vCPU"));
  g_assert_nonnull (strstr (text, "<b>Warning:</b>"));
}

/* Only a complete snapshot can disagree with ECS: no warning while loading. */
static void
test_instance_partial (void)
{
  g_autoptr (C3vSnapshot) snapshot = build_complete (FALSE);
  g_autofree char *text = c3v_tooltip_text_for_instance (snapshot, 0);

  assert_valid_markup (text);
  g_assert_nonnull (strstr (text, "i-0abc"));
  g_assert_null (strstr (text, "Warning:"));
}

static void
test_hit (void)
{
  g_autoptr (C3vSnapshot) snapshot = build ();
  C3vLayoutOptions options;
  g_autoptr (C3vLayout) layout = NULL;
  C3vHit           hit = { C3V_HIT_LEGEND_ENTRY, 0, 0, 0 };
  g_autofree char *legend = NULL;
  g_autofree char *none = NULL;

  c3v_layout_options_init (&options);
  layout = c3v_layout_new (snapshot, &options);
  legend = c3v_tooltip_text_for_hit (layout, &hit);
  assert_valid_markup (legend);
  g_assert_nonnull (strstr (legend, "a&lt;b:7"));
  hit.kind = C3V_HIT_NONE;
  none = c3v_tooltip_text_for_hit (layout, &hit);
  g_assert_null (none);

  /* Stale hits from a bigger, older layout are nothing, not a critical. */
  for (C3vHitKind kind = C3V_HIT_TASK; kind <= C3V_HIT_LEGEND_ENTRY; kind++)
    {
      C3vHit stale = { kind, 99, 99, 99 };

      g_assert_null (c3v_tooltip_text_for_hit (layout, &stale));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/tooltip-text/task", test_task);
  g_test_add_func ("/view/tooltip-text/instance", test_instance);
  g_test_add_func ("/view/tooltip-text/instance-partial", test_instance_partial);
  g_test_add_func ("/view/tooltip-text/hit", test_hit);

  return g_test_run ();
}
