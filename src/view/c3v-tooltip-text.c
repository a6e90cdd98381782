/* c3v-tooltip-text.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-tooltip-text.h"

#include <glib/gi18n.h>

#include "c3v-units.h"

static const char *
or_dash (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : "—";
}

/* One "<b>Label:</b> value" line; @label is translated by the caller,
 * @value comes from the API and is escaped here. */
static void
append_line (GString *out, const char *label, const char *value)
{
  g_autofree char *line = g_markup_printf_escaped ("\n<b>%s</b> %s", label, or_dash (value));

  g_string_append (out, line);
}

/* A "<b>Label:</b>" line that introduces the lines after it. */
static void
append_heading (GString *out, const char *label)
{
  g_autofree char *line = g_markup_printf_escaped ("\n<b>%s</b>", label);

  g_string_append (out, line);
}

static void
append_amount_line (GString *out, const char *label, C3vResource resource, gint64 value)
{
  g_autofree char *text = value < 0 ? NULL : c3v_format_resource (resource, value);

  append_line (out, label, text);
}

static char *
dup_time (gint64 unix_ms)
{
  g_autoptr (GDateTime) time = NULL;

  if (unix_ms <= 0)
    return NULL;
  time = g_date_time_new_from_unix_local (unix_ms / 1000);
  return time ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : NULL;
}

/* "web: 256 MiB, 0.25 vCPU" — the soft limit is what ECS reserves when
 * both are given. */
static void
append_container (GString *out, const C3vContainer *container)
{
  gint64 memory = container->memory_reservation != C3V_UNSET ? container->memory_reservation
                                                             : container->memory;
  g_autofree char *mem = memory == C3V_UNSET ? g_strdup ("—") : c3v_format_memory (memory);
  g_autofree char *cpu
      = container->cpu == C3V_UNSET ? g_strdup ("—") : c3v_format_cpu (container->cpu);
  g_autofree char *line
      = g_markup_printf_escaped ("\n  • %s: %s, %s  <small>%s</small>", or_dash (container->name),
                                 mem, cpu, or_dash (container->image));

  g_string_append (out, line);
}

char *
c3v_tooltip_text_for_task (C3vSnapshot *snapshot, guint task_index)
{
  const C3vTask   *task;
  GString         *out;
  g_autofree char *title = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *started = NULL;
  const char      *instance = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (task_index < c3v_snapshot_get_n_tasks (snapshot), NULL);

  task = c3v_snapshot_get_task (snapshot, task_index);
  title = g_markup_printf_escaped ("<b>%s</b>", or_dash (task->family));
  out = g_string_new (title);
  revision = g_strdup_printf ("%u", task->revision);
  started = dup_time (task->started_at);
  if (task->instance_index >= 0)
    {
      const C3vInstance *host = c3v_snapshot_get_instance (snapshot, task->instance_index);

      instance = host->ec2_instance_id ? host->ec2_instance_id : host->id;
    }

  append_line (out, _ ("Revision:"), revision);
  append_line (out, _ ("Task:"), task->id);
  append_amount_line (out, _ ("Reserved memory:"), C3V_RESOURCE_MEMORY, task->reserved_memory);
  append_amount_line (out, _ ("Reserved CPU:"), C3V_RESOURCE_CPU, task->reserved_cpu);
  append_line (out, _ ("Service:"), task->service_name);
  append_line (out, _ ("Status:"), task->last_status);
  append_line (out, _ ("Started at:"), started);
  append_line (out, _ ("Launch type:"), task->launch_type);
  append_line (out, _ ("Instance:"), instance);
  if (task->n_containers > 0)
    append_heading (out, _ ("Containers:"));
  for (guint i = 0; i < task->n_containers; i++)
    append_container (out, &task->containers[i]);

  return g_string_free (out, FALSE);
}

static void
append_resource_lines (GString *out, const C3vInstance *instance, C3vResource resource,
                       const char *registered_label, const char *reserved_label,
                       const char *free_label)
{
  guint32 registered = c3v_instance_get_registered (instance, resource);
  guint32 reserved = c3v_instance_get_reserved (instance, resource);

  append_amount_line (out, registered_label, resource, registered);
  append_amount_line (out, reserved_label, resource, reserved);
  append_amount_line (out, free_label, resource, registered > reserved ? registered - reserved : 0);
}

char *
c3v_tooltip_text_for_instance (C3vSnapshot *snapshot, guint instance_index)
{
  const C3vInstance *instance;
  GString           *out;
  g_autofree char   *title = NULL;
  g_autofree char   *count = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (instance_index < c3v_snapshot_get_n_instances (snapshot), NULL);

  instance = c3v_snapshot_get_instance (snapshot, instance_index);
  title = g_markup_printf_escaped ("<b>%s</b>", or_dash (instance->ec2_instance_id));
  out = g_string_new (title);
  count = g_strdup_printf ("%u", instance->n_tasks);

  append_line (out, _ ("Container instance:"), instance->id);
  append_line (out, _ ("Instance type:"), instance->instance_type);
  append_line (out, _ ("Availability zone:"), instance->availability_zone);
  append_line (out, _ ("Status:"), instance->status);
  append_line (out, _ ("Agent:"), instance->agent_connected ? _ ("connected") : _ ("disconnected"));
  append_resource_lines (out, instance, C3V_RESOURCE_MEMORY, _ ("Registered memory:"),
                         _ ("Reserved memory:"), _ ("Free memory:"));
  append_resource_lines (out, instance, C3V_RESOURCE_CPU, _ ("Registered CPU:"),
                         _ ("Reserved CPU:"), _ ("Free CPU:"));
  append_line (out, _ ("Tasks:"), count);
  if (instance->mismatch)
    append_line (
        out, _ ("Warning:"),
        _ ("the tasks' reservations differ from what ECS reports as used on this instance"));

  return g_string_free (out, FALSE);
}

char *
c3v_tooltip_text_for_legend_entry (const C3vLegendEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return g_markup_printf_escaped (
      g_dngettext (NULL, "<b>%s</b>\n%u task", "<b>%s</b>\n%u tasks", entry->n_tasks), entry->label,
      entry->n_tasks);
}

/* A hit from an older layout may point past this one's items: that is
 * "nothing", not a programming error. */
char *
c3v_tooltip_text_for_hit (C3vLayout *layout, const C3vHit *hit)
{
  C3vSnapshot          *snapshot;
  guint                 n = 0;
  const C3vLegendEntry *legend;

  g_return_val_if_fail (C3V_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (hit != NULL, NULL);

  snapshot = c3v_layout_get_snapshot (layout);
  switch (hit->kind)
    {
      case C3V_HIT_TASK:
        if (hit->index < c3v_snapshot_get_n_tasks (snapshot))
          return c3v_tooltip_text_for_task (snapshot, hit->index);
        return NULL;
      case C3V_HIT_INSTANCE:
        if (hit->index < c3v_snapshot_get_n_instances (snapshot))
          return c3v_tooltip_text_for_instance (snapshot, hit->index);
        return NULL;
      case C3V_HIT_LEGEND_ENTRY:
        legend = c3v_layout_get_legend (layout, &n);
        if (hit->index < n)
          return c3v_tooltip_text_for_legend_entry (&legend[hit->index]);
        return NULL;
      case C3V_HIT_NONE:
      default:
        return NULL;
    }
}
