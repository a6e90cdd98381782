/* c3v-summary.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-summary.h"

#include <glib/gi18n.h>
#include <string.h>

#include "c3v-units.h"

static void
add_instance (C3vSummaryLine *line, const C3vInstance *instance)
{
  line->n_instances++;
  for (guint r = C3V_RESOURCE_MEMORY; r <= C3V_RESOURCE_CPU; r++)
    {
      line->registered[r] += c3v_instance_get_registered (instance, r);
      line->reserved[r] += c3v_instance_get_reserved (instance, r);
    }
}

static int
compare_zones (gconstpointer a, gconstpointer b)
{
  return strcmp (((const C3vSummaryLine *) a)->zone, ((const C3vSummaryLine *) b)->zone);
}

C3vSummary *
c3v_summary_new (C3vSnapshot *snapshot)
{
  C3vSummary *summary = g_new0 (C3vSummary, 1);
  g_autoptr (GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (C3vSummaryLine));

  g_return_val_if_fail (snapshot != NULL, summary);

  for (guint i = 0; i < c3v_snapshot_get_n_instances (snapshot); i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (snapshot, i);
      const char        *zone = instance->availability_zone ? instance->availability_zone : "";
      gpointer           found = g_hash_table_lookup (zones, zone);

      if (found == NULL)
        {
          C3vSummaryLine line = { 0 };

          line.zone = g_strdup (zone);
          g_array_append_val (lines, line);
          found = GUINT_TO_POINTER (lines->len);
          g_hash_table_insert (zones, (gpointer) zone, found);
        }
      add_instance (&g_array_index (lines, C3vSummaryLine, GPOINTER_TO_UINT (found) - 1), instance);
      add_instance (&summary->total, instance);
    }

  g_array_sort (lines, compare_zones);
  summary->n_zones = lines->len;
  summary->zones = (C3vSummaryLine *) (gpointer) g_array_free (lines, FALSE);
  return summary;
}

void
c3v_summary_free (C3vSummary *summary)
{
  if (summary == NULL)
    return;
  for (guint i = 0; i < summary->n_zones; i++)
    g_free (summary->zones[i].zone);
  g_free (summary->zones);
  g_free (summary);
}

double
c3v_summary_line_percent (const C3vSummaryLine *line, C3vResource resource)
{
  g_return_val_if_fail (line != NULL, 0);

  if (line->registered[resource] == 0)
    return 0;
  return 100.0 * (double) line->reserved[resource] / (double) line->registered[resource];
}

/* Whole units past a hundred: "2928 GiB", not "2928.38 GiB". */
static char *
format_total (C3vResource resource, guint64 value)
{
  if (value >= 100 * 1024)
    return g_strdup_printf (resource == C3V_RESOURCE_CPU ? "%.0f vCPU" : "%.0f GiB",
                            value / 1024.0);
  return c3v_format_resource (resource, value);
}

char *
c3v_summary_line_format (const C3vSummaryLine *line)
{
  g_autofree char *mem_reserved
      = format_total (C3V_RESOURCE_MEMORY, line->reserved[C3V_RESOURCE_MEMORY]);
  g_autofree char *mem_registered
      = format_total (C3V_RESOURCE_MEMORY, line->registered[C3V_RESOURCE_MEMORY]);
  g_autofree char *cpu_reserved = format_total (C3V_RESOURCE_CPU, line->reserved[C3V_RESOURCE_CPU]);
  g_autofree char *cpu_registered
      = format_total (C3V_RESOURCE_CPU, line->registered[C3V_RESOURCE_CPU]);
  g_autofree char *figures = NULL;

  /* Translators: reserved share and amounts of memory, then of CPU */
  figures = g_strdup_printf (_ ("memory %.0f%% (%s of %s) · CPU %.0f%% (%s of %s)"),
                             c3v_summary_line_percent (line, C3V_RESOURCE_MEMORY), mem_reserved,
                             mem_registered, c3v_summary_line_percent (line, C3V_RESOURCE_CPU),
                             cpu_reserved, cpu_registered);
  if (line->zone == NULL)
    /* Translators: the whole cluster's reserved/registered figures */
    return g_strdup_printf (_ ("Reserved: %s"), figures);
  return g_strdup_printf ("\u2068%s\u2069: %s", line->zone[0] != '\0' ? line->zone : _ ("Unknown"),
                          figures);
}
