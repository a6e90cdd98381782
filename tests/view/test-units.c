/* test-units.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "view/c3v-units.h"
#include "view-fixture.h"

static void
check (char *text, const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_memory (void)
{
  check (c3v_format_memory (0), "0 MiB");
  check (c3v_format_memory (512), "512 MiB");
  check (c3v_format_memory (1023), "1023 MiB");
  check (c3v_format_memory (1024), "1 GiB");
  check (c3v_format_memory (1536), "1.5 GiB");
  check (c3v_format_memory (7680), "7.5 GiB");
  check (c3v_format_memory (15576), "15.21 GiB");
  check (c3v_format_memory (262144), "256 GiB");
}

static void
test_cpu (void)
{
  check (c3v_format_cpu (0), "0 vCPU");
  check (c3v_format_cpu (256), "0.25 vCPU");
  check (c3v_format_cpu (512), "0.5 vCPU");
  check (c3v_format_cpu (1024), "1 vCPU");
  check (c3v_format_cpu (2048), "2 vCPU");
  check (c3v_format_cpu (10), "0.01 vCPU");
  check (c3v_format_resource (C3V_RESOURCE_CPU, 4096), "4 vCPU");
  check (c3v_format_resource (C3V_RESOURCE_MEMORY, 4096), "4 GiB");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/units/memory", test_memory);
  g_test_add_func ("/view/units/cpu", test_cpu);

  return g_test_run ();
}
