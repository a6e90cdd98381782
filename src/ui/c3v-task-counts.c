/* c3v-task-counts.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "c3v-task-counts.h"

char *
c3v_task_counts_group_digits (guint n)
{
  const char      *separator = localeconv ()->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString         *grouped = g_string_new (NULL);
  gsize            length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0 && separator != NULL)
        g_string_append (grouped, separator);
      g_string_append_c (grouped, digits[i]);
    }
  return g_string_free (grouped, FALSE);
}

char *
c3v_task_counts_format (guint running, guint pending)
{
  g_autofree char *running_digits = c3v_task_counts_group_digits (running);
  g_autofree char *pending_digits = c3v_task_counts_group_digits (pending);
  /* Translators: task counts; %s is the number, digits grouped. */
  g_autofree char *running_text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s running", "%s running", running), running_digits);
  g_autofree char *pending_text = NULL;

  if (pending == 0)
    return g_steal_pointer (&running_text);

  pending_text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s pending", "%s pending", pending), pending_digits);
  return g_strdup_printf ("%s · %s", running_text, pending_text);
}

void
c3v_task_counts_of_snapshot (C3vSnapshot *snapshot, guint *running, guint *pending)
{
  static const char *const on_the_way_up[] = { "PROVISIONING", "PENDING", "ACTIVATING", NULL };
  guint                    n_tasks = c3v_snapshot_get_n_tasks (snapshot);

  *running = *pending = 0;
  for (guint i = 0; i < n_tasks; i++)
    {
      const char *status = c3v_snapshot_get_task (snapshot, i)->last_status;

      if (g_strcmp0 (status, "RUNNING") == 0)
        (*running)++;
      else if (status != NULL && g_strv_contains (on_the_way_up, status))
        (*pending)++;
    }
}
