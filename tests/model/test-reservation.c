/* test-reservation.c: the reservation rule, case by case.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-reservation.h"

static C3vContainer
container (gint32 cpu, gint32 memory, gint32 memory_reservation)
{
  C3vContainer c = { "app", "nginx", "RUNNING", cpu, memory, memory_reservation };

  return c;
}

static void
test_task_level_wins (void)
{
  C3vContainer containers[] = { container (100, 300, 200) };

  g_assert_cmpuint (c3v_reservation_compute (512, containers, 1, C3V_RESOURCE_CPU), ==, 512);
  g_assert_cmpuint (c3v_reservation_compute (1024, containers, 1, C3V_RESOURCE_MEMORY), ==, 1024);
  /* Zero is a value, not "unset". */
  g_assert_cmpuint (c3v_reservation_compute (0, containers, 1, C3V_RESOURCE_MEMORY), ==, 0);
}

static void
test_memory_reservation_before_memory (void)
{
  C3vContainer containers[] = {
    container (C3V_UNSET, 512, 128),       /* both: the soft limit */
    container (C3V_UNSET, C3V_UNSET, 64),  /* soft only */
    container (C3V_UNSET, 256, C3V_UNSET), /* hard only */
    container (C3V_UNSET, C3V_UNSET, C3V_UNSET),
  };

  g_assert_cmpuint (c3v_reservation_compute (C3V_UNSET, containers, 4, C3V_RESOURCE_MEMORY), ==,
                    128 + 64 + 256);
}

static void
test_cpu_sum (void)
{
  C3vContainer containers[] = {
    container (256, C3V_UNSET, C3V_UNSET),
    container (C3V_UNSET, 128, C3V_UNSET),
    container (10, C3V_UNSET, C3V_UNSET),
  };

  g_assert_cmpuint (c3v_reservation_compute (C3V_UNSET, containers, 3, C3V_RESOURCE_CPU), ==, 266);
  g_assert_cmpuint (c3v_reservation_for_container (&containers[1], C3V_RESOURCE_CPU), ==, 0);
}

static void
test_no_containers (void)
{
  g_assert_cmpuint (c3v_reservation_compute (C3V_UNSET, NULL, 0, C3V_RESOURCE_CPU), ==, 0);
  g_assert_cmpuint (c3v_reservation_compute (C3V_UNSET, NULL, 0, C3V_RESOURCE_MEMORY), ==, 0);
}

static void
test_no_overflow (void)
{
  C3vContainer containers[] = {
    container (G_MAXINT32, G_MAXINT32, C3V_UNSET),
    container (G_MAXINT32, G_MAXINT32, C3V_UNSET),
    container (G_MAXINT32, G_MAXINT32, C3V_UNSET),
  };

  g_assert_cmpuint (c3v_reservation_compute (C3V_UNSET, containers, 3, C3V_RESOURCE_CPU), ==,
                    G_MAXUINT32);
  g_assert_cmpuint (c3v_reservation_compute (C3V_UNSET, containers, 3, C3V_RESOURCE_MEMORY), ==,
                    G_MAXUINT32);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reservation/task-level-wins", test_task_level_wins);
  g_test_add_func ("/reservation/memory-reservation-before-memory",
                   test_memory_reservation_before_memory);
  g_test_add_func ("/reservation/cpu-sum", test_cpu_sum);
  g_test_add_func ("/reservation/no-containers", test_no_containers);
  g_test_add_func ("/reservation/no-overflow", test_no_overflow);

  return g_test_run ();
}
