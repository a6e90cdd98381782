/* c3v-task-request.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "c3v-reservation.h"
#include "c3v-task-request.h"

C3vNetworkMode
c3v_network_mode_from_string (const char *mode)
{
  if (g_strcmp0 (mode, "host") == 0)
    return C3V_NETWORK_HOST;
  if (g_strcmp0 (mode, "awsvpc") == 0)
    return C3V_NETWORK_AWSVPC;
  if (g_strcmp0 (mode, "none") == 0)
    return C3V_NETWORK_NONE;

  /* Unset means bridge for EC2 tasks on Linux. */
  return C3V_NETWORK_BRIDGE;
}

C3vTaskRequest *
c3v_task_request_new (guint32 memory, guint32 cpu)
{
  C3vTaskRequest *self = g_new0 (C3vTaskRequest, 1);

  self->memory = memory;
  self->cpu = cpu;
  self->network_mode = C3V_NETWORK_BRIDGE;
  self->label = g_strdup_printf ("memory=%u,cpu=%u", memory, cpu);
  return self;
}

int
c3v_port_compare (gconstpointer a, gconstpointer b)
{
  guint first = *(const guint *) a;
  guint second = *(const guint *) b;

  return first < second ? -1 : first > second;
}

void
c3v_task_request_set_ports (C3vTaskRequest *self, const guint *ports, guint n_ports)
{
  guint n = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ports != NULL || n_ports == 0);

  g_free (self->ports);
  self->ports = g_new0 (guint, MAX (n_ports, 1));
  if (n_ports > 0)
    memcpy (self->ports, ports, n_ports * sizeof (guint));
  qsort (self->ports, n_ports, sizeof (guint), c3v_port_compare);
  /* Two containers mapping the same host port take it once. */
  for (guint i = 0; i < n_ports; i++)
    if (n == 0 || self->ports[n - 1] != self->ports[i])
      self->ports[n++] = self->ports[i];
  self->n_ports = n;
}

C3vTaskRequest *
c3v_task_request_new_from_definition (const C3vTaskDefinition *definition)
{
  C3vTaskRequest *self;

  g_return_val_if_fail (definition != NULL, NULL);

  self = c3v_task_request_new (
      c3v_reservation_compute (definition->memory, definition->containers, definition->n_containers,
                               C3V_RESOURCE_MEMORY),
      c3v_reservation_compute (definition->cpu, definition->containers, definition->n_containers,
                               C3V_RESOURCE_CPU));
  g_free (self->label);
  self->label = g_strdup_printf ("%s:%u", definition->family != NULL ? definition->family : "?",
                                 definition->revision);
  self->family = g_strdup (definition->family);
  self->network_mode = c3v_network_mode_from_string (definition->network_mode);
  if (self->network_mode != C3V_NETWORK_AWSVPC)
    c3v_task_request_set_ports (self, definition->host_ports, definition->n_host_ports);
  self->member_of = g_strdupv (definition->member_of);
  return self;
}

static gboolean
parse_number (const char *key, const char *text, guint64 min, guint64 max, guint64 *value,
              GError **error)
{
  if (g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    return TRUE;

  /* Translators: the first %s is "memory", "cpu" or "ports", the second what was given. */
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _ ("--fit: %s must be a whole number from %u to %u, not “%s”"), key, (guint) min,
               (guint) max, text);
  return FALSE;
}

static gboolean
parse_ports (const char *text, GArray *ports, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "+", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 port;
      guint   value;

      if (!parse_number ("ports", parts[i], 1, 65535, &port, error))
        return FALSE;
      value = (guint) port;
      g_array_append_val (ports, value);
    }
  return TRUE;
}

C3vTaskRequest *
c3v_task_request_parse (const char *text, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr (GArray) ports = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64         memory = 0, cpu = 0;
  gboolean        has_memory = FALSE, has_cpu = FALSE;
  C3vTaskRequest *self;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char      *value = strchr (parts[i], '=');
      g_autofree char *key = value != NULL ? g_strndup (parts[i], value - parts[i]) : NULL;

      gboolean ok;

      if (g_strcmp0 (key, "memory") == 0)
        ok = has_memory = parse_number (key, value + 1, 1, G_MAXINT32, &memory, error);
      else if (g_strcmp0 (key, "cpu") == 0)
        ok = has_cpu = parse_number (key, value + 1, 0, G_MAXINT32, &cpu, error);
      else if (g_strcmp0 (key, "ports") == 0)
        ok = parse_ports (value + 1, ports, error);
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _ ("--fit: “%s” is not memory=MIB, cpu=UNITS or ports=P1+P2"), parts[i]);
          ok = FALSE;
        }
      if (!ok)
        return NULL;
    }

  if (!has_memory || !has_cpu)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _ ("--fit needs memory=MIB and cpu=UNITS, or a task definition"));
      return NULL;
    }

  self = c3v_task_request_new ((guint32) memory, (guint32) cpu);
  c3v_task_request_set_ports (self, (const guint *) (void *) ports->data, ports->len);
  if (ports->len > 0)
    {
      GString *label = g_string_new (self->label);

      g_string_append (label, ",ports=");
      for (guint i = 0; i < self->n_ports; i++)
        g_string_append_printf (label, "%s%u", i > 0 ? "+" : "", self->ports[i]);
      g_free (self->label);
      self->label = g_string_free (label, FALSE);
    }
  return self;
}

void
c3v_task_request_free (C3vTaskRequest *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->family);
  g_free (self->ports);
  g_strfreev (self->member_of);
  g_free (self);
}
