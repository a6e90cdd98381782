/* test-capacity.c: the placement rules, reasons, strategies, drain
 * what-if and fragmentation, each on a small hand-made cluster whose
 * answers are worked out in the comments.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-capacity.h"
#include "c3v-eni-limits.h"
#include "c3v-placement-expression.h"

#define ARN "arn:aws:ecs:eu-west-1:1:container-instance/c/"

typedef struct
{
  const char *id;
  const char *type;
  const char *az;
  const char *status;
  gboolean    connected;
  guint32     memory, cpu; /* remaining */
  const char *ports;
} InstanceSpec;

typedef struct
{
  const char *id;
  const char *instance; /* id */
  const char *family;
  gint32      memory, cpu;
  const char *network_mode;
  const char *desired;
} TaskSpec;

static C3vSnapshot *
make_snapshot (const InstanceSpec *instances, guint n_instances, const TaskSpec *tasks,
               guint n_tasks)
{
  g_autoptr (C3vSnapshotBuilder) builder = c3v_snapshot_builder_new ("c", "arn:c", "eu-west-1");

  for (guint i = 0; i < n_instances; i++)
    {
      g_autofree char *arn = g_strconcat (ARN, instances[i].id, NULL);
      g_autofree char *ec2 = g_strconcat ("i-", instances[i].id, NULL);
      C3vInstance      instance = { .arn = arn,
                                    .ec2_instance_id = ec2,
                                    .instance_type = instances[i].type,
                                    .availability_zone = instances[i].az,
                                    .status = instances[i].status,
                                    .agent_connected = instances[i].connected,
                                    .registered_cpu = 4096,
                                    .registered_memory = 8192,
                                    .remaining_cpu = instances[i].cpu,
                                    .remaining_memory = instances[i].memory,
                                    .reserved_ports = instances[i].ports };

      c3v_snapshot_builder_add_instance (builder, &instance);
    }
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autofree char *arn = g_strconcat ("arn:aws:ecs:eu-west-1:1:task/c/", tasks[i].id, NULL);
      g_autofree char *instance = g_strconcat (ARN, tasks[i].instance, NULL);
      g_autofree char *definition
          = g_strdup_printf ("arn:aws:ecs:eu-west-1:1:task-definition/%s:1", tasks[i].family);
      C3vTask task = { .arn = arn,
                       .task_definition_arn = definition,
                       .family = tasks[i].family,
                       .revision = 1,
                       .launch_type = "EC2",
                       .last_status = "RUNNING",
                       .desired_status = tasks[i].desired ? tasks[i].desired : "RUNNING",
                       .container_instance_arn = instance,
                       .task_cpu = tasks[i].cpu,
                       .task_memory = tasks[i].memory,
                       .network_mode = tasks[i].network_mode };

      c3v_snapshot_builder_add_task (builder, &task);
    }

  return c3v_snapshot_builder_build (builder, 0, TRUE);
}

/* The rules cluster: one instance per reason.
 *   0 m5.large   a  4096 MiB 1024 u, ports 22 and 80 taken, runs web
 *   1 t3.medium  b  3000 MiB 2048 u, two awsvpc tasks: its 2 task ENIs used
 *   2 c5.xlarge  c  DRAINING
 *   3 m5.xlarge  a  agent disconnected
 *   4 r5.large   b  6000 MiB  256 u */
static C3vSnapshot *
rules_cluster (void)
{
  static const InstanceSpec instances[] = {
    { "i0", "m5.large", "eu-west-1a", "ACTIVE", TRUE, 4096, 1024, "22,80" },
    { "i1", "t3.medium", "eu-west-1b", "ACTIVE", TRUE, 3000, 2048, "22" },
    { "i2", "c5.xlarge", "eu-west-1c", "DRAINING", TRUE, 8000, 4096, "22" },
    { "i3", "m5.xlarge", "eu-west-1a", "ACTIVE", FALSE, 8000, 4096, "22" },
    { "i4", "r5.large", "eu-west-1b", "ACTIVE", TRUE, 6000, 256, NULL },
  };
  static const TaskSpec tasks[] = {
    { "t0", "i0", "web", 512, 512, "bridge", NULL },
    { "t1", "i1", "grpc", 256, 256, "awsvpc", NULL },
    { "t2", "i1", "grpc", 256, 256, "awsvpc", NULL },
  };

  return make_snapshot (instances, G_N_ELEMENTS (instances), tasks, G_N_ELEMENTS (tasks));
}

static void
assert_fit (C3vFit *fit, const guint *copies, const C3vBlock *blocks, guint total)
{
  for (guint i = 0; i < fit->n_instances; i++)
    {
      g_assert_cmpuint (fit->instance_copies[i], ==, copies[i]);
      g_assert_cmpint (fit->blocks[i], ==, blocks[i]);
    }
  g_assert_cmpuint (fit->copies, ==, total);
}

static void
test_memory_cpu_state (void)
{
  g_autoptr (C3vSnapshot) snapshot = rules_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vTaskRequest) request = c3v_task_request_new (1024, 512);
  g_autoptr (C3vTaskRequest) big = c3v_task_request_new (5000, 0);
  g_autoptr (C3vFit) fit = c3v_capacity_fit (capacity, request);
  g_autoptr (C3vFit) big_fit = c3v_capacity_fit (capacity, big);
  /* 1024 MiB 512 u: i0 min(4096/1024, 1024/512) = 2, i1 min(2, 4) = 2 (a
   * bridge task needs no ENI), i4 has 256 u < 512. */
  const guint    copies[] = { 2, 2, 0, 0, 0 };
  const C3vBlock blocks[] = { C3V_BLOCK_NONE, C3V_BLOCK_NONE, C3V_BLOCK_DRAINING,
                              C3V_BLOCK_DISCONNECTED, C3V_BLOCK_CPU };
  /* 5000 MiB, no CPU: only i4's 6000 MiB holds one. */
  const guint    big_copies[] = { 0, 0, 0, 0, 1 };
  const C3vBlock big_blocks[] = { C3V_BLOCK_MEMORY, C3V_BLOCK_MEMORY, C3V_BLOCK_DRAINING,
                                  C3V_BLOCK_DISCONNECTED, C3V_BLOCK_NONE };
  C3vBlock       block;

  assert_fit (fit, copies, blocks, 4);
  assert_fit (big_fit, big_copies, big_blocks, 1);
  g_assert_null (fit->unsupported);
  g_assert_cmpuint (c3v_capacity_copies_on (capacity, request, 4, &block), ==, 0);
  g_assert_cmpint (block, ==, C3V_BLOCK_CPU);
  g_assert_cmpstr (c3v_block_to_string (C3V_BLOCK_CPU), ==, "cpu");
  g_assert_cmpstr (c3v_block_to_string (C3V_BLOCK_DISCONNECTED), ==, "disconnected");
  g_assert_null (c3v_block_to_string (C3V_BLOCK_NONE));
}

static void
test_ports (void)
{
  g_autoptr (C3vSnapshot) snapshot = rules_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (GError) error = NULL;
  g_autoptr (C3vTaskRequest) request
      = c3v_task_request_parse ("memory=128,cpu=0,ports=80+8080", &error);
  g_autoptr (C3vFit) fit = NULL;
  g_autoptr (GArray) placed = NULL;
  /* Port 80 is taken on i0; elsewhere one copy each, as the second would
   * want the same port. */
  const guint    copies[] = { 0, 1, 0, 0, 1 };
  const C3vBlock blocks[] = { C3V_BLOCK_PORTS, C3V_BLOCK_NONE, C3V_BLOCK_DRAINING,
                              C3V_BLOCK_DISCONNECTED, C3V_BLOCK_NONE };

  g_assert_no_error (error);
  g_assert_cmpstr (request->label, ==, "memory=128,cpu=0,ports=80+8080");
  fit = c3v_capacity_fit (capacity, request);
  assert_fit (fit, copies, blocks, 2);

  /* Placing charges the ports: after two copies nothing is left. */
  placed = c3v_capacity_place (capacity, request, C3V_STRATEGY_BINPACK_MEMORY, 5, 0);
  g_assert_cmpuint (placed->len, ==, 2);
  g_assert_cmpuint (c3v_capacity_copies_on (capacity, request, 1, NULL), ==, 0);
}

static void
test_eni (void)
{
  g_autoptr (C3vSnapshot) snapshot = rules_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vTaskRequest) request = c3v_task_request_new (256, 128);
  g_autoptr (C3vFit) fit = NULL;
  g_autoptr (C3vFit) trunked = NULL;
  /* Without trunking: m5.large 3 ENIs - 1 primary = 2 tasks (memory 16,
   * CPU 8); t3.medium's 2 are used; r5.large 2 (CPU 256/128 = 2). */
  const guint    copies[] = { 2, 0, 0, 0, 2 };
  const C3vBlock blocks[] = { C3V_BLOCK_NONE, C3V_BLOCK_ENI, C3V_BLOCK_DRAINING,
                              C3V_BLOCK_DISCONNECTED, C3V_BLOCK_NONE };
  /* Trunking: m5.large 10 tasks, so CPU (8) limits; t3 has no trunking. */
  const guint copies_trunked[] = { 8, 0, 0, 0, 2 };

  request->network_mode = C3V_NETWORK_AWSVPC;
  fit = c3v_capacity_fit (capacity, request);
  assert_fit (fit, copies, blocks, 4);

  c3v_capacity_set_trunking (capacity, TRUE);
  trunked = c3v_capacity_fit (capacity, request);
  assert_fit (trunked, copies_trunked, blocks, 10);

  g_assert_cmpuint (c3v_eni_limit_task_capacity ("m5.large", FALSE), ==, 2);
  g_assert_cmpuint (c3v_eni_limit_task_capacity ("c5.24xlarge", TRUE), ==, 120);
  g_assert_cmpuint (c3v_eni_limit_task_capacity ("x9.unknown", FALSE), ==, G_MAXUINT);
  g_assert_null (c3v_eni_limit_lookup (NULL));
}

static void
test_member_of (void)
{
  g_autoptr (C3vSnapshot) snapshot = rules_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vTaskRequest) request = c3v_task_request_new (1024, 0);
  char *m5[] = { (char *) "attribute:ecs.instance-type =~ m5.*", NULL };
  char *zone_b[] = { (char *) "attribute:ecs.availability-zone in [eu-west-1b, eu-west-1z]", NULL };
  g_autoptr (C3vFit) fit = NULL;
  g_autoptr (C3vFit) zone_fit = NULL;
  /* m5.*: i0 (4096/1024 = 4); i3 is an m5 but disconnected, which comes first. */
  const guint    copies[] = { 4, 0, 0, 0, 0 };
  const C3vBlock blocks[] = { C3V_BLOCK_NONE, C3V_BLOCK_CONSTRAINT, C3V_BLOCK_DRAINING,
                              C3V_BLOCK_DISCONNECTED, C3V_BLOCK_CONSTRAINT };
  /* Zone b: i1 (2) and i4 (5). */
  const guint    zone_copies[] = { 0, 2, 0, 0, 5 };
  const C3vBlock zone_blocks[] = { C3V_BLOCK_CONSTRAINT, C3V_BLOCK_NONE, C3V_BLOCK_DRAINING,
                                   C3V_BLOCK_DISCONNECTED, C3V_BLOCK_NONE };

  request->member_of = g_strdupv (m5);
  fit = c3v_capacity_fit (capacity, request);
  assert_fit (fit, copies, blocks, 4);

  g_strfreev (request->member_of);
  request->member_of = g_strdupv (zone_b);
  zone_fit = c3v_capacity_fit (capacity, request);
  assert_fit (zone_fit, zone_copies, zone_blocks, 7);
}

static void
test_unsupported_expression (void)
{
  g_autoptr (C3vSnapshot) snapshot = rules_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vTaskRequest) request = c3v_task_request_new (128, 0);
  char *os[]
      = { (char *) "attribute:ecs.instance-type != x and attribute:ecs.os-type == linux", NULL };
  g_autoptr (C3vFit) fit = NULL;

  /* Not ignored: no instance is said to fit, and the answer says why. */
  request->member_of = g_strdupv (os);
  fit = c3v_capacity_fit (capacity, request);
  g_assert_cmpuint (fit->copies, ==, 0);
  g_assert_cmpint (fit->blocks[0], ==, C3V_BLOCK_CONSTRAINT);
  g_assert_cmpint (fit->blocks[4], ==, C3V_BLOCK_CONSTRAINT);
  g_assert_nonnull (fit->unsupported);
  g_assert_nonnull (strstr (fit->unsupported, "attribute:ecs.os-type"));
}

static void
test_distinct_instance (void)
{
  g_autoptr (C3vSnapshot) snapshot = rules_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vTaskRequest) request = c3v_task_request_new (128, 0);
  g_autoptr (C3vFit) fit = NULL;
  g_autoptr (GArray) placed = NULL;
  /* web already runs on i0; one copy on each other open instance. */
  const guint    copies[] = { 0, 1, 0, 0, 1 };
  const C3vBlock blocks[] = { C3V_BLOCK_CONSTRAINT, C3V_BLOCK_NONE, C3V_BLOCK_DRAINING,
                              C3V_BLOCK_DISCONNECTED, C3V_BLOCK_NONE };

  request->family = g_strdup ("web");
  request->distinct_instance = TRUE;
  fit = c3v_capacity_fit (capacity, request);
  assert_fit (fit, copies, blocks, 2);

  placed = c3v_capacity_place (capacity, request, C3V_STRATEGY_BINPACK_MEMORY, 10, 0);
  g_assert_cmpuint (placed->len, ==, 2);
  /* binpack: i1 (3000 MiB free) before i4 (6000). */
  g_assert_cmpuint (g_array_index (placed, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (placed, guint, 1), ==, 4);
}

static void
test_expressions (void)
{
  const C3vInstance m5 = { .instance_type = "m5.large",
                           .availability_zone = "eu-west-1a",
                           .ec2_instance_id = "i-1" };
  static const struct
  {
    const char         *expression;
    C3vExpressionResult result;
  } cases[] = {
    { "attribute:ecs.instance-type == m5.large", C3V_EXPRESSION_TRUE },
    { "attribute:ecs.instance-type != m5.large", C3V_EXPRESSION_FALSE },
    { "attribute:ecs.instance-type =~ m5.*", C3V_EXPRESSION_TRUE },
    { "attribute:ecs.instance-type !~ t3.*", C3V_EXPRESSION_TRUE },
    { "attribute:ecs.availability-zone in [eu-west-1b, eu-west-1a]", C3V_EXPRESSION_TRUE },
    { "attribute:ecs.availability-zone not_in [eu-west-1a]", C3V_EXPRESSION_FALSE },
    { "ec2InstanceId == i-1", C3V_EXPRESSION_TRUE },
    /* and before or: false or (true and true) */
    { "ec2InstanceId == i-2 or attribute:ecs.instance-type == m5.large and "
      "attribute:ecs.availability-zone == eu-west-1a",
      C3V_EXPRESSION_TRUE },
    /* (false or true) and false */
    { "(ec2InstanceId == i-2 or ec2InstanceId == i-1) and attribute:ecs.instance-type == t3.micro",
      C3V_EXPRESSION_FALSE },
    { "attribute:ecs.ami-id == ami-1", C3V_EXPRESSION_UNSUPPORTED },
    { "task:group == service:web", C3V_EXPRESSION_UNSUPPORTED },
    { "attribute:ecs.instance-type ==", C3V_EXPRESSION_UNSUPPORTED },
    { "attribute:ecs.instance-type in m5.large", C3V_EXPRESSION_UNSUPPORTED },
    { "(ec2InstanceId == i-1", C3V_EXPRESSION_UNSUPPORTED },
    { "ec2InstanceId == i-1 i-2", C3V_EXPRESSION_UNSUPPORTED },
    { "ec2InstanceId > 3", C3V_EXPRESSION_UNSUPPORTED },
    { "", C3V_EXPRESSION_UNSUPPORTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (C3vPlacementExpression) expression
          = c3v_placement_expression_new (cases[i].expression);

      g_test_message ("%s", cases[i].expression);
      g_assert_cmpint (c3v_placement_expression_evaluate (expression, &m5), ==, cases[i].result);
      g_assert_true ((c3v_placement_expression_get_problem (expression) != NULL)
                     == (cases[i].result == C3V_EXPRESSION_UNSUPPORTED));
    }
}

/* The strategies cluster, every instance open, nothing running:
 *   0  a  3000 MiB 1000 u
 *   1  a  2000 MiB 3000 u
 *   2  b  5000 MiB  500 u
 * A 1000 MiB, 0 u task: 3 + 2 + 5 = 10 copies in all. */
static C3vSnapshot *
strategy_cluster (void)
{
  static const InstanceSpec instances[] = {
    { "s0", "m5.large", "eu-west-1a", "ACTIVE", TRUE, 3000, 1000, NULL },
    { "s1", "m5.large", "eu-west-1a", "ACTIVE", TRUE, 2000, 3000, NULL },
    { "s2", "m5.large", "eu-west-1b", "ACTIVE", TRUE, 5000, 500, NULL },
  };

  return make_snapshot (instances, G_N_ELEMENTS (instances), NULL, 0);
}

static void
assert_placed (C3vStrategy strategy, guint32 seed, const guint *expected, guint n)
{
  g_autoptr (C3vSnapshot) snapshot = strategy_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vTaskRequest) request = c3v_task_request_new (1000, 0);
  g_autoptr (GArray) placed = NULL;
  g_autoptr (GArray) rest = NULL;

  request->family = g_strdup ("job");
  placed = c3v_capacity_place (capacity, request, strategy, n, seed);
  g_assert_cmpuint (placed->len, ==, n);
  for (guint i = 0; expected != NULL && i < n; i++)
    g_assert_cmpuint (g_array_index (placed, guint, i), ==, expected[i]);

  /* Whatever the strategy, placing until full places the same total. */
  rest = c3v_capacity_place (capacity, request, strategy, 100, seed);
  g_assert_cmpuint (placed->len + rest->len, ==, 10);
}

static void
test_strategies (void)
{
  /* binpack memory: least memory left first: s1 (2000, 1000), then s0. */
  const guint binpack_memory[] = { 1, 1, 0, 0 };
  /* binpack CPU: s2 has least CPU (500) and 5 copies of room. */
  const guint binpack_cpu[] = { 2, 2, 2, 2 };
  /* spread by instance: fewest copies, then lowest index. */
  const guint spread_instance[] = { 0, 1, 2, 0 };
  /* spread by AZ: a (s0), b (s2), a again but s1 has none yet, then b. */
  const guint spread_az[] = { 0, 2, 1, 2 };
  C3vStrategy strategy;

  assert_placed (C3V_STRATEGY_BINPACK_MEMORY, 0, binpack_memory, 4);
  assert_placed (C3V_STRATEGY_BINPACK_CPU, 0, binpack_cpu, 4);
  assert_placed (C3V_STRATEGY_SPREAD_INSTANCE, 0, spread_instance, 4);
  assert_placed (C3V_STRATEGY_SPREAD_AZ, 0, spread_az, 4);
  assert_placed (C3V_STRATEGY_RANDOM, 7, NULL, 4);

  g_assert_true (c3v_strategy_parse ("binpack", &strategy));
  g_assert_cmpint (strategy, ==, C3V_STRATEGY_BINPACK_MEMORY);
  g_assert_true (c3v_strategy_parse ("spread", &strategy));
  g_assert_cmpint (strategy, ==, C3V_STRATEGY_SPREAD_AZ);
  g_assert_true (c3v_strategy_parse ("binpack:cpu", &strategy));
  g_assert_cmpstr (c3v_strategy_to_string (strategy), ==, "binpack:cpu");
  g_assert_false (c3v_strategy_parse ("firstfit", &strategy));
}

static void
test_random_is_seeded (void)
{
  g_autoptr (C3vSnapshot) snapshot = strategy_cluster ();
  g_autoptr (C3vTaskRequest) request = c3v_task_request_new (1000, 0);
  g_autoptr (GArray) first = NULL;
  g_autoptr (GArray) second = NULL;
  gboolean all_same_instance = TRUE;

  {
    g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
    first = c3v_capacity_place (capacity, request, C3V_STRATEGY_RANDOM, 10, 42);
  }
  {
    g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
    second = c3v_capacity_place (capacity, request, C3V_STRATEGY_RANDOM, 10, 42);
  }

  g_assert_cmpuint (first->len, ==, 10);
  g_assert_cmpmem (first->data, first->len * sizeof (guint), second->data,
                   second->len * sizeof (guint));
  for (guint i = 1; i < first->len; i++)
    all_same_instance &= g_array_index (first, guint, i) == g_array_index (first, guint, 0);
  g_assert_false (all_same_instance);
}

static void
test_largest_placeable (void)
{
  g_autoptr (C3vSnapshot) snapshot = rules_cluster ();
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  guint32 memory, cpu;

  /* Open: i0 4096 × 1024, i1 3000 × 2048 (the largest), i4 6000 × 256;
   * i2 and i3 are larger but closed. */
  g_assert_true (c3v_capacity_largest_placeable (capacity, &memory, &cpu));
  g_assert_cmpuint (memory, ==, 3000);
  g_assert_cmpuint (cpu, ==, 2048);
}

/* Fragmentation cluster (registered 8192 MiB, 4096 u each):
 *   f0  free 1000 MiB    0 u, runs A (3000, 2000): CPU gone, memory stranded
 *   f1  free 3500 MiB 1750 u, runs B (500, 250)
 *   f2  free  100 MiB 1000 u, runs C (3900, 1000): a gap no task fits
 *   f3  free 3500 MiB 1750 u, runs D (500, 250) */
static void
test_fragmentation (void)
{
  static const InstanceSpec instances[] = {
    { "f0", "m5.large", "eu-west-1a", "ACTIVE", TRUE, 1000, 0, NULL },
    { "f1", "m5.large", "eu-west-1a", "ACTIVE", TRUE, 3500, 1750, NULL },
    { "f2", "m5.large", "eu-west-1b", "ACTIVE", TRUE, 100, 1000, NULL },
    { "f3", "m5.large", "eu-west-1b", "ACTIVE", TRUE, 3500, 1750, NULL },
  };
  static const TaskSpec tasks[] = {
    { "A", "f0", "a", 3000, 2000, NULL, NULL },
    { "B", "f1", "b", 500, 250, NULL, NULL },
    { "C", "f2", "c", 3900, 1000, NULL, NULL },
    { "D", "f3", "b", 500, 250, NULL, NULL },
  };
  g_autoptr (C3vSnapshot) snapshot
      = make_snapshot (instances, G_N_ELEMENTS (instances), tasks, G_N_ELEMENTS (tasks));
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vFragmentation) fragmentation = c3v_capacity_fragmentation (capacity);

  g_assert_cmpuint (fragmentation->free_memory, ==, 1000 + 3500 + 100 + 3500);
  g_assert_cmpuint (fragmentation->free_cpu, ==, 0 + 1750 + 1000 + 1750);
  /* f1 and f3 tie; the first wins. */
  g_assert_cmpuint (fragmentation->largest_memory, ==, 3500);
  g_assert_cmpuint (fragmentation->largest_cpu, ==, 1750);
  g_assert_cmpint (fragmentation->instance_stranded_by[0], ==, C3V_BLOCK_CPU);
  g_assert_cmpint (fragmentation->instance_stranded_by[1], ==, C3V_BLOCK_NONE);
  g_assert_cmpint (fragmentation->instance_stranded_by[2], ==, C3V_BLOCK_MEMORY);
  g_assert_cmpuint (fragmentation->instance_stranded_memory[0], ==, 1000);
  g_assert_cmpuint (fragmentation->instance_stranded_cpu[2], ==, 1000);
  g_assert_cmpuint (fragmentation->stranded_memory, ==, 1000 + 100);
  g_assert_cmpuint (fragmentation->stranded_cpu, ==, 0 + 1000);
  /* FFD into 8192 × 4096 bins: C (3900, 1000) and A (3000, 2000) share
   * the first (6900, 3000), B and D the same (7900, 3500): one instance,
   * where four are in use. */
  g_assert_cmpuint (fragmentation->instances_in_use, ==, 4);
  g_assert_cmpuint (fragmentation->repack_instances, ==, 1);
}

static const C3vTaskDefinition *
lookup_edge (const char *arn, gpointer user_data)
{
  return g_str_has_suffix (arn, "/edge:1") ? user_data : NULL;
}

/* Drain cluster:
 *   d0  to drain: runs a (1500 MiB), b (1500 MiB), edge (100 MiB, port 80),
 *       and c (500 MiB, already asked to stop)
 *   d1  free 2000 MiB, port 80 taken
 *   d2  free 1000 MiB */
static void
test_drain (void)
{
  static const InstanceSpec instances[] = {
    { "d0", "m5.large", "eu-west-1a", "ACTIVE", TRUE, 100, 1000, "22,80" },
    { "d1", "m5.large", "eu-west-1a", "ACTIVE", TRUE, 2000, 1000, "22,80" },
    { "d2", "m5.large", "eu-west-1b", "ACTIVE", TRUE, 1000, 1000, "22" },
  };
  static const TaskSpec tasks[] = {
    { "a", "d0", "a", 1500, 0, NULL, NULL },
    { "b", "d0", "b", 1500, 0, NULL, NULL },
    { "c", "d0", "c", 500, 0, NULL, "STOPPED" },
    { "e", "d0", "edge", 100, 0, NULL, NULL },
  };
  g_autoptr (C3vSnapshot) snapshot
      = make_snapshot (instances, G_N_ELEMENTS (instances), tasks, G_N_ELEMENTS (tasks));
  g_autoptr (C3vCapacity) capacity = c3v_capacity_new (snapshot);
  g_autoptr (C3vTaskDefinition) edge = c3v_task_definition_new (
      "arn:aws:ecs:eu-west-1:1:task-definition/edge:1", "edge", 1, C3V_UNSET, 100, NULL, 0);
  g_autoptr (C3vDrain) drain = NULL;
  const C3vDrainPlacement *placed;

  edge->host_ports = g_new (guint, 1);
  edge->host_ports[0] = 80;
  edge->n_host_ports = 1;
  g_assert_cmpint (c3v_capacity_find_instance (capacity, "i-d0"), ==, 0);
  g_assert_cmpint (c3v_capacity_find_instance (capacity, "d2"), ==, 2);
  g_assert_cmpint (c3v_capacity_find_instance (capacity, ARN "d1"), ==, 1);
  g_assert_cmpint (c3v_capacity_find_instance (capacity, "i-nope"), ==, -1);

  /* binpack memory, in task order: a (1500) -> d1 (d2 has 1000), leaving
   * d1 500; b (1500) fits nowhere; c is stopping; edge (100, port 80):
   * d1 has port 80 taken, so d2. */
  drain = c3v_capacity_drain (capacity, 0, C3V_STRATEGY_BINPACK_MEMORY, 0, lookup_edge, edge);
  g_assert_cmpuint (drain->placed->len, ==, 2);
  placed = &g_array_index (drain->placed, C3vDrainPlacement, 0);
  g_assert_cmpstr (c3v_snapshot_get_task (snapshot, placed->task)->id, ==, "a");
  g_assert_cmpuint (placed->instance, ==, 1);
  placed = &g_array_index (drain->placed, C3vDrainPlacement, 1);
  g_assert_cmpstr (c3v_snapshot_get_task (snapshot, placed->task)->id, ==, "e");
  g_assert_cmpuint (placed->instance, ==, 2);
  g_assert_cmpuint (drain->unplaced->len, ==, 1);
  g_assert_cmpstr (c3v_snapshot_get_task (snapshot, g_array_index (drain->unplaced, guint, 0))->id,
                   ==, "b");
}

static void
test_request_parse (void)
{
  static const char *const bad[] = {
    "memory=512",
    "cpu=256",
    "memory=0,cpu=1",
    "memory=x,cpu=1",
    "memory=1,cpu=-1",
    "memory=1,cpu=1,ports=0",
    "memory=1,cpu=1,ports=80+",
    "disk=3",
    "memory=1,cpu=1,x",
    "",
  };
  g_autoptr (C3vTaskRequest) request = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) bad_error = NULL;

      g_assert_null (c3v_task_request_parse (bad[i], &bad_error));
      g_assert_error (bad_error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
    }

  request = c3v_task_request_parse ("cpu=256,memory=512,ports=443+80+443", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (request->memory, ==, 512);
  g_assert_cmpuint (request->cpu, ==, 256);
  g_assert_cmpuint (request->n_ports, ==, 2);
  g_assert_cmpuint (request->ports[0], ==, 80);
  g_assert_cmpuint (request->ports[1], ==, 443);
}

static void
test_request_from_definition (void)
{
  C3vContainer containers[] = {
    { "app", "nginx", NULL, 256, 1024, 512 },
    { "log", "fluent", NULL, 64, 128, C3V_UNSET },
  };
  g_autoptr (C3vTaskDefinition) definition = c3v_task_definition_new (
      "arn:aws:ecs:r:1:task-definition/web:3", "web", 3, C3V_UNSET, C3V_UNSET, containers, 2);
  g_autoptr (C3vTaskRequest) request = NULL;
  g_autoptr (C3vTaskRequest) awsvpc = NULL;
  char *member_of[] = { (char *) "ec2InstanceId == i-1", NULL };

  definition->host_ports = g_new (guint, 2);
  definition->host_ports[0] = 8080;
  definition->host_ports[1] = 80;
  definition->n_host_ports = 2;
  definition->member_of = g_strdupv (member_of);
  request = c3v_task_request_new_from_definition (definition);
  /* The view's rule: memoryReservation 512 + memory 128; CPU 256 + 64. */
  g_assert_cmpstr (request->label, ==, "web:3");
  g_assert_cmpstr (request->family, ==, "web");
  g_assert_cmpuint (request->memory, ==, 640);
  g_assert_cmpuint (request->cpu, ==, 320);
  g_assert_cmpint (request->network_mode, ==, C3V_NETWORK_BRIDGE);
  g_assert_cmpuint (request->n_ports, ==, 2);
  g_assert_cmpuint (request->ports[0], ==, 80);
  g_assert_cmpstr (request->member_of[0], ==, "ec2InstanceId == i-1");

  /* awsvpc takes no host port. */
  definition->network_mode = g_strdup ("awsvpc");
  awsvpc = c3v_task_request_new_from_definition (definition);
  g_assert_cmpint (awsvpc->network_mode, ==, C3V_NETWORK_AWSVPC);
  g_assert_cmpuint (awsvpc->n_ports, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capacity/memory-cpu-state", test_memory_cpu_state);
  g_test_add_func ("/capacity/ports", test_ports);
  g_test_add_func ("/capacity/eni", test_eni);
  g_test_add_func ("/capacity/member-of", test_member_of);
  g_test_add_func ("/capacity/unsupported-expression", test_unsupported_expression);
  g_test_add_func ("/capacity/distinct-instance", test_distinct_instance);
  g_test_add_func ("/capacity/expressions", test_expressions);
  g_test_add_func ("/capacity/strategies", test_strategies);
  g_test_add_func ("/capacity/random-is-seeded", test_random_is_seeded);
  g_test_add_func ("/capacity/largest-placeable", test_largest_placeable);
  g_test_add_func ("/capacity/fragmentation", test_fragmentation);
  g_test_add_func ("/capacity/drain", test_drain);
  g_test_add_func ("/capacity/request-parse", test_request_parse);
  g_test_add_func ("/capacity/request-from-definition", test_request_from_definition);

  return g_test_run ();
}
