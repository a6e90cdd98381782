/* c3v-reservation.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-reservation.h"

guint32
c3v_reservation_for_container (const C3vContainer *container, C3vResource resource)
{
  g_return_val_if_fail (container != NULL, 0);

  if (resource == C3V_RESOURCE_CPU)
    return container->cpu > 0 ? (guint32) container->cpu : 0;

  /* The soft limit is what the scheduler subtracts when both are set. */
  if (container->memory_reservation >= 0)
    return (guint32) container->memory_reservation;
  if (container->memory >= 0)
    return (guint32) container->memory;
  return 0;
}

guint32
c3v_reservation_compute (gint32 task_value, const C3vContainer *containers, guint n_containers,
                         C3vResource resource)
{
  guint64 sum = 0;

  g_return_val_if_fail (containers != NULL || n_containers == 0, 0);

  if (task_value >= 0)
    return (guint32) task_value;

  for (guint i = 0; i < n_containers; i++)
    sum += c3v_reservation_for_container (&containers[i], resource);

  /* Malformed input must not wrap around into a tiny value. */
  return (guint32) MIN (sum, G_MAXUINT32);
}
