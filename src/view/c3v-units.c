/* c3v-units.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-units.h"

#include <string.h>

/* Up to two decimals, trailing zeros dropped: "1.5", "0.25", "16". */
static char *
format_decimal (double value)
{
  char  buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *dot;
  char *end;

  g_snprintf (buf, sizeof buf, "%.2f", value);
  dot = strchr (buf, '.');
  if (dot == NULL)
    dot = strchr (buf, ',');
  if (dot != NULL)
    {
      end = buf + strlen (buf) - 1;
      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *end = '\0';
    }

  return g_strdup (buf);
}

char *
c3v_format_memory (guint64 mib)
{
  g_autofree char *number = NULL;

  if (mib < 1024)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " MiB", mib);

  number = format_decimal (mib / 1024.0);
  return g_strdup_printf ("%s GiB", number);
}

char *
c3v_format_cpu (guint64 cpu_units)
{
  g_autofree char *number = format_decimal (cpu_units / 1024.0);

  return g_strdup_printf ("%s vCPU", number);
}

char *
c3v_format_resource (C3vResource resource, guint64 value)
{
  if (resource == C3V_RESOURCE_CPU)
    return c3v_format_cpu (value);

  return c3v_format_memory (value);
}
