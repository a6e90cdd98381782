/* bench-capacity.c: the capacity planner on a 2,000-instance cluster.
 *
 * Targets (2-core machine): the fit highlight of one task definition over
 * 2,000 instances < 5 ms (the working copy of the free room made from the
 * snapshot included), placing 1,000 copies one by one < 50 ms. Prints
 * medians; fails only when a target is missed by far (3x), so a noisy box
 * does not flap but a regression to a slower algorithm does.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdlib.h>
#include <time.h>

#include "c3v-capacity.h"

#define N_INSTANCES 2000
#define N_TASKS     20000
#define N_RUNS      21

static const struct
{
  const char *name;
  guint       cpu, memory;
} types[] = {
  { "t3.medium", 2048, 3904 },  { "m5.large", 2048, 7680 },    { "c5.xlarge", 4096, 7488 },
  { "m5.xlarge", 4096, 15620 }, { "r5.2xlarge", 8192, 63392 },
};

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a, const void *b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* Instances of the common types over three AZs, each running tasks of a
 * dozen families until about 70 % full; a few draining or disconnected. */
static C3vSnapshot *
make_cluster (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("bench", "arn:aws:ecs:eu-west-1:1:cluster/bench", "eu-west-1");
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  guint32 *free_memory = g_new (guint32, N_INSTANCES);
  guint32 *free_cpu = g_new (guint32, N_INSTANCES);
  char   **arns = g_new0 (char *, N_INSTANCES + 1);

  for (guint i = 0; i < N_TASKS; i++)
    {
      guint            at = (guint) g_rand_int_range (rand, 0, N_INSTANCES);
      g_autofree char *arn = g_strdup_printf ("arn:aws:ecs:eu-west-1:1:task/bench/t%05u", i);
      g_autofree char *family = g_strdup_printf ("family-%02u", i % 12);
      gint32           memory = 128 * g_rand_int_range (rand, 1, 9);
      gint32           cpu = 128 * g_rand_int_range (rand, 0, 5);
      C3vTask          task = { 0 };

      if (arns[at] == NULL)
        {
          arns[at] = g_strdup_printf ("arn:aws:ecs:eu-west-1:1:container-instance/bench/%04u", at);
          free_memory[at] = types[at % G_N_ELEMENTS (types)].memory;
          free_cpu[at] = types[at % G_N_ELEMENTS (types)].cpu;
        }
      if ((guint32) memory > free_memory[at] * 3 / 10 || (guint32) cpu > free_cpu[at])
        continue;
      free_memory[at] -= memory;
      free_cpu[at] -= cpu;
      task.arn = arn;
      task.family = family;
      task.task_definition_arn = family;
      task.desired_status = task.last_status = "RUNNING";
      task.container_instance_arn = arns[at];
      task.task_memory = memory;
      task.task_cpu = cpu;
      task.network_mode = i % 10 == 0 ? "awsvpc" : "bridge";
      c3v_snapshot_builder_add_task (builder, &task);
    }

  for (guint i = 0; i < N_INSTANCES; i++)
    {
      g_autofree char *ec2 = g_strdup_printf ("i-%08u", i);
      g_autofree char *az = g_strdup_printf ("eu-west-1%c", 'a' + i % 3);
      C3vInstance      instance = { 0 };

      if (arns[i] == NULL)
        {
          arns[i] = g_strdup_printf ("arn:aws:ecs:eu-west-1:1:container-instance/bench/%04u", i);
          free_memory[i] = types[i % G_N_ELEMENTS (types)].memory;
          free_cpu[i] = types[i % G_N_ELEMENTS (types)].cpu;
        }
      instance.arn = arns[i];
      instance.ec2_instance_id = ec2;
      instance.instance_type = types[i % G_N_ELEMENTS (types)].name;
      instance.availability_zone = az;
      instance.status = i % 97 == 0 ? "DRAINING" : "ACTIVE";
      instance.agent_connected = i % 101 != 0;
      instance.registered_cpu = types[i % G_N_ELEMENTS (types)].cpu;
      instance.registered_memory = types[i % G_N_ELEMENTS (types)].memory;
      instance.remaining_cpu = free_cpu[i];
      instance.remaining_memory = free_memory[i];
      instance.reserved_ports
          = i % 7 == 0 ? "22,2375,2376,51678,51679,80" : "22,2375,2376,51678,51679";
      c3v_snapshot_builder_add_instance (builder, &instance);
    }

  g_strfreev (arns);
  g_free (free_memory);
  g_free (free_cpu);
  return c3v_snapshot_builder_build (builder, 0, TRUE);
}

static C3vTaskRequest *
make_request (void)
{
  C3vTaskRequest *request = c3v_task_request_new (512, 256);
  const guint     port = 8080;
  char           *member_of[] = { (char *) "attribute:ecs.instance-type =~ *.large or "
                                                     "attribute:ecs.availability-zone in [eu-west-1b]",
                                  NULL };

  request->family = g_strdup ("family-03");
  c3v_task_request_set_ports (request, &port, 1);
  request->member_of = g_strdupv (member_of);
  return request;
}

int
main (int argc, char *argv[])
{
  g_autoptr (C3vSnapshot) snapshot = make_cluster ();
  g_autoptr (C3vTaskRequest) request = make_request ();
  g_autoptr (C3vTaskRequest) small = c3v_task_request_new (64, 32);
  double fits[N_RUNS], places[N_RUNS], spreads[N_RUNS];
  double fit_ms, place_ms, spread_ms;
  guint  copies = 0, placed = 0;

  for (guint run = 0; run < N_RUNS; run++)
    {
      double start = now_ms ();
      g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
      g_autoptr (C3vFit) fit = c3v_capacity_fit (capacity, request);

      fits[run] = now_ms () - start;
      copies = fit->copies;
    }

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
      double start = now_ms ();
      g_autoptr (GArray) result
          = c3v_capacity_place (capacity, small, C3V_STRATEGY_BINPACK_MEMORY, 1000, 1);

      places[run] = now_ms () - start;
      placed = result->len;
    }

  small->family = g_strdup ("family-05");
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
      double start = now_ms ();
      g_autoptr (GArray) result
          = c3v_capacity_place (capacity, small, C3V_STRATEGY_SPREAD_AZ, 1000, 1);

      spreads[run] = now_ms () - start;
    }

  fit_ms = median (fits, N_RUNS);
  place_ms = median (places, N_RUNS);
  spread_ms = median (spreads, N_RUNS);
  g_print ("cluster: %u instances, %u tasks\n", c3v_snapshot_get_n_instances (snapshot),
           c3v_snapshot_get_n_tasks (snapshot));
  g_print ("fit highlight, 2,000 instances:    %7.3f ms median (target < 5 ms; %u copies fit)\n",
           fit_ms, copies);
  g_print ("place 1,000 copies, binpack:       %7.3f ms median (target < 50 ms; %u placed)\n",
           place_ms, placed);
  g_print ("place 1,000 copies, spread by AZ:  %7.3f ms median (target < 50 ms)\n", spread_ms);

  if (placed != 1000 || fit_ms > 3 * 5 || place_ms > 3 * 50 || spread_ms > 3 * 50)
    {
      g_printerr ("bench-capacity: a target was missed by far\n");
      return 1;
    }
  return 0;
}
