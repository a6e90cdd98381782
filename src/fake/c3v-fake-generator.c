/* c3v-fake-generator.c: the seeded synthetic account.
 *
 * Everything is drawn from one GRand seeded by the caller, in a fixed
 * order, so a seed always gives the same account. Tasks are placed only
 * where they fit, and every placement is subtracted from the instance's
 * remaining resources: that is the invariant a client checks by comparing
 * registered − remaining with the sum of task reservations.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>

#include "c3v-fake-account-private.h"

/* A fixed "now" keeps timestamps reproducible: 2025-11-24T16:00:00Z. */
#define BASE_TIME 1764000000.0
#define DAY       86400.0

typedef struct
{
  const char *name;
  guint       cpu;
  guint       memory;   /* what the agent registers, a little under the RAM */
  guint       max_enis; /* network interfaces, the primary one included */
} InstanceType;

static const InstanceType instance_types[] = {
  { "t3.medium", 2048, 3904, 3 },  { "m5.large", 2048, 7680, 3 },    { "c5.xlarge", 4096, 7488, 4 },
  { "m5.xlarge", 4096, 15620, 4 }, { "r5.2xlarge", 8192, 63392, 4 },
};

/* How a definition states its memory: each shape a client must read. */
typedef enum
{
  MEMORY_HARD, /* container memory only */
  MEMORY_SOFT, /* container memoryReservation only */
  MEMORY_BOTH, /* both: the reservation counts */
  MEMORY_TASK, /* task-level cpu/memory, containers state neither */
} MemoryStyle;

typedef struct
{
  const char *family;
  const char *image;
  MemoryStyle style;
  guint       n_containers;
  guint       n_revisions;
  gboolean    fargate;
  gboolean    service;
} FamilySpec;

static const FamilySpec families[] = {
  { "web-frontend", "nginx:1.25", MEMORY_HARD, 2, 3, FALSE, TRUE },
  { "orders-api", "orders-api:2.14", MEMORY_SOFT, 1, 4, FALSE, TRUE },
  { "payments-api", "payments-api:7.1", MEMORY_BOTH, 2, 2, FALSE, TRUE },
  { "search-indexer", "search-indexer:0.9", MEMORY_TASK, 1, 2, FALSE, TRUE },
  { "notifications", "notifications:3.3", MEMORY_SOFT, 1, 1, FALSE, TRUE },
  { "metrics-agent", "metrics-agent:1.0", MEMORY_HARD, 1, 1, FALSE, TRUE },
  { "report-cron", "report-cron:2024.11", MEMORY_BOTH, 1, 2, FALSE, FALSE },
  { "batch-etl", "batch-etl:5.0", MEMORY_TASK, 2, 3, FALSE, FALSE },
  { "db-migrate", "db-migrate:118", MEMORY_HARD, 1, 5, FALSE, FALSE },
  { "edge-proxy", "envoyproxy/envoy:v1.28", MEMORY_TASK, 1, 2, TRUE, TRUE },
  { "queue-worker", "queue-worker:4.2", MEMORY_TASK, 2, 1, TRUE, TRUE },
  { "adhoc-job", "adhoc-job:latest", MEMORY_TASK, 1, 3, TRUE, FALSE },
};

static const guint fargate_sizes[][2] = {
  { 256, 512 },
  { 512, 1024 },
  { 1024, 2048 },
  { 2048, 4096 },
};

typedef struct
{
  const char *name;
  guint       instances;
  guint       tasks;
  guint       services; /* 0: one per 75 tasks, 3 to 500 */
  guint       stopping; /* asked to stop, still running */
  double      fargate_share;
  double      standalone_share;
} ClusterSpec;

typedef struct
{
  GRand          *rand;
  C3vFakeAccount *account;
  C3vFakeCluster *cluster;
} Generator;

static char *
random_hex (GRand *rand, guint n_words)
{
  GString *hex = g_string_sized_new (n_words * 8);

  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (hex, "%08x", g_rand_int (rand));
  return g_string_free (hex, FALSE);
}

/* Millisecond fractions, as ECS's own timestamps have. */
static double
random_time_before (GRand *rand, double base, double span)
{
  return floor ((base - g_rand_double_range (rand, 0, span)) * 1000.0) / 1000.0;
}

static guint
random_step (GRand *rand, guint min, guint max, guint step)
{
  return min + step * (guint) g_rand_int_range (rand, 0, (gint32) ((max - min) / step + 1));
}

static void
fill_container (Generator *gen, const FamilySpec *spec, guint index, C3vFakeContainerDef *container)
{
  container->name = index == 0 ? g_strdup (spec->family)
                               : g_strdup_printf ("%s-sidecar%u", spec->family, index);
  container->image = g_strdup_printf ("%s.dkr.ecr.%s.amazonaws.com/%s", C3V_FAKE_ACCOUNT_ID,
                                      gen->account->region, spec->image);
  if (spec->style == MEMORY_TASK)
    return;

  container->cpu = random_step (gen->rand, 0, 256, 64);
  switch (spec->style)
    {
      case MEMORY_HARD:
        container->memory = random_step (gen->rand, 128, 1536, 128);
        break;
      case MEMORY_SOFT:
        container->memory_reservation = random_step (gen->rand, 128, 1536, 128);
        break;
      case MEMORY_BOTH:
        container->memory_reservation = random_step (gen->rand, 128, 1024, 128);
        container->memory = container->memory_reservation * 2;
        break;
      case MEMORY_TASK:
      default:
        g_assert_not_reached ();
    }
}

static void
add_task_def (Generator *gen, const FamilySpec *spec, guint revision)
{
  C3vFakeTaskDef *def = g_new0 (C3vFakeTaskDef, 1);

  def->family = g_strdup (spec->family);
  def->revision = revision;
  def->arn = g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":task-definition/%s:%u",
                              gen->account->region, spec->family, revision);
  def->fargate = spec->fargate;
  def->registered_at = random_time_before (gen->rand, BASE_TIME - 30 * DAY, 300 * DAY);
  if (spec->fargate)
    {
      guint size = (guint) g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (fargate_sizes));

      def->cpu = fargate_sizes[size][0];
      def->memory = fargate_sizes[size][1];
    }
  else if (spec->style == MEMORY_TASK)
    {
      def->cpu = random_step (gen->rand, 256, 1024, 256);
      def->memory = random_step (gen->rand, 512, 2048, 512);
    }

  def->n_containers = spec->n_containers;
  def->containers = g_new0 (C3vFakeContainerDef, def->n_containers);
  for (guint i = 0; i < def->n_containers; i++)
    fill_container (gen, spec, i, &def->containers[i]);

  g_ptr_array_add (gen->account->task_defs, def);
  g_hash_table_insert (gen->account->task_def_by_key,
                       g_strdup_printf ("%s:%u", def->family, def->revision), def);
}

static void
add_task_defs (Generator *gen)
{
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    for (guint revision = 1; revision <= families[i].n_revisions; revision++)
      add_task_def (gen, &families[i], revision);
}

static C3vFakeTaskDef *
find_def (Generator *gen, const char *family, guint revision)
{
  g_autofree char *key = g_strdup_printf ("%s:%u", family, revision);

  return g_hash_table_lookup (gen->account->task_def_by_key, key);
}

static void
add_instance (Generator *gen, guint index, guint n_instances)
{
  const InstanceType *type
      = &instance_types[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (instance_types))];
  C3vFakeInstance *instance = g_new0 (C3vFakeInstance, 1);
  double           roll = g_rand_double (gen->rand);
  g_autofree char *ec2_hex = NULL;

  instance->id = random_hex (gen->rand, 4);
  instance->arn
      = g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":container-instance/%s/%s",
                         gen->account->region, gen->cluster->name, instance->id);
  ec2_hex = random_hex (gen->rand, 2);
  instance->ec2_instance_id = g_strdup_printf ("i-0%s", ec2_hex);
  instance->instance_type = g_strdup (type->name);
  instance->availability_zone = g_strdup_printf ("%s%c", gen->account->region, 'a' + index % 3);
  /* The last instances of a cluster of six or more are always one
   * DRAINING and one with its agent gone, so small clusters show both. */
  instance->status = g_strdup (
      roll < 0.03 || (n_instances >= 6 && index == n_instances - 1) ? "DRAINING" : "ACTIVE");
  instance->agent_connected = !(roll > 0.98 || (n_instances >= 6 && index == n_instances - 2));
  instance->registered_at = random_time_before (gen->rand, BASE_TIME, 60 * DAY);
  instance->registered_cpu = instance->remaining_cpu = type->cpu;
  instance->registered_memory = instance->remaining_memory = type->memory;

  g_ptr_array_add (gen->cluster->instances, instance);
  g_hash_table_insert (gen->cluster->instance_by_id, instance->id, instance);
}

static void
add_services (Generator *gen, const ClusterSpec *spec)
{
  guint n_services = spec->services != 0 ? spec->services
                     : spec->tasks == 0  ? 0
                                         : CLAMP (spec->tasks / 75, 3, 500);
  guint created = 0;

  /* Stops early when no family suits the cluster's launch types. */
  for (guint round = 0; created < n_services && created >= round; round++)
    for (guint i = 0; i < G_N_ELEMENTS (families) && created < n_services; i++)
      {
        const FamilySpec *family = &families[i];
        C3vFakeService   *service;

        if (!family->service || (family->fargate && spec->fargate_share <= 0)
            || (!family->fargate && spec->instances == 0))
          continue;

        service = g_new0 (C3vFakeService, 1);
        service->name = round == 0 ? g_strdup (family->family)
                                   : g_strdup_printf ("%s-%u", family->family, round + 1);
        service->arn = g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":service/%s/%s",
                                        gen->account->region, gen->cluster->name, service->name);
        service->definition = find_def (gen, family->family, family->n_revisions);
        service->fargate = family->fargate;
        service->created_at = random_time_before (gen->rand, BASE_TIME - DAY, 90 * DAY);
        g_ptr_array_add (gen->cluster->services, service);
        created++;
      }
}

static C3vFakeService *
pick_service (Generator *gen, gboolean fargate)
{
  GPtrArray *services = gen->cluster->services;
  guint      start;

  if (services->len == 0)
    return NULL;

  start = (guint) g_rand_int_range (gen->rand, 0, (gint32) services->len);
  for (guint i = 0; i < services->len; i++)
    {
      C3vFakeService *service = g_ptr_array_index (services, (start + i) % services->len);

      if (service->fargate == fargate)
        return service;
    }
  return NULL;
}

static C3vFakeTaskDef *
pick_standalone_def (Generator *gen, gboolean fargate)
{
  guint start = (guint) g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (families));

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      const FamilySpec *family = &families[(start + i) % G_N_ELEMENTS (families)];

      if (!family->service && family->fargate == fargate)
        return find_def (gen, family->family,
                         (guint) g_rand_int_range (gen->rand, 1, (gint32) family->n_revisions + 1));
    }
  g_assert_not_reached ();
}

/* First instance, from a random start, where @task's reservation fits;
 * placement charges it at once. */
static C3vFakeInstance *
place_task (Generator *gen, C3vFakeTask *task)
{
  GPtrArray *instances = gen->cluster->instances;
  guint      cpu = c3v_fake_task_reserved_cpu (task);
  guint      memory = c3v_fake_task_reserved_memory (task);
  guint      start;

  if (instances->len == 0)
    return NULL;

  start = (guint) g_rand_int_range (gen->rand, 0, (gint32) instances->len);
  for (guint i = 0; i < instances->len; i++)
    {
      C3vFakeInstance *instance = g_ptr_array_index (instances, (start + i) % instances->len);

      if (instance->remaining_cpu >= cpu && instance->remaining_memory >= memory)
        {
          instance->remaining_cpu -= cpu;
          instance->remaining_memory -= memory;
          return instance;
        }
    }
  return NULL;
}

static void
count_task (C3vFakeTask *task)
{
  gboolean pending = g_str_equal (task->last_status, "PENDING");

  if (task->instance != NULL)
    {
      task->instance->running_tasks += pending ? 0 : 1;
      task->instance->pending_tasks += pending ? 1 : 0;
    }
  if (task->service != NULL)
    {
      task->service->running_count += pending ? 0 : 1;
      task->service->pending_count += pending ? 1 : 0;
    }
}

static void
choose_definition (Generator *gen, const ClusterSpec *spec, C3vFakeTask *task, gboolean fargate)
{
  C3vFakeService *service = NULL;

  if (g_rand_double (gen->rand) >= spec->standalone_share)
    service = pick_service (gen, fargate);

  task->service = service;
  if (service != NULL)
    {
      guint revision = service->definition->revision;

      /* A deployment in progress: a few tasks still run the previous
       * revision of their service's definition. */
      if (revision > 1 && g_rand_double (gen->rand) < 0.1)
        revision--;
      task->definition = find_def (gen, service->definition->family, revision);
      task->group = g_strdup_printf ("service:%s", service->name);
      task->started_by = g_strdup_printf ("ecs-svc/%010u%09u", g_str_hash (service->name),
                                          (guint) (service->created_at) % 1000000000);
    }
  else
    {
      task->definition = pick_standalone_def (gen, fargate);
      task->group = g_strdup_printf ("family:%s", task->definition->family);
      if (g_rand_boolean (gen->rand))
        task->started_by = g_strdup ("report-scheduler");
    }
}

typedef enum
{
  TASK_LIVE,
  TASK_STOPPED,
  TASK_STOPPING, /* desiredStatus STOPPED, still RUNNING and holding its room */
} TaskState;

static void
add_task (Generator *gen, const ClusterSpec *spec, TaskState state)
{
  gboolean     stopped = state == TASK_STOPPED;
  C3vFakeTask *task = g_new0 (C3vFakeTask, 1);
  gboolean     fargate = spec->instances == 0 || g_rand_double (gen->rand) < spec->fargate_share;

  task->id = random_hex (gen->rand, 4);
  task->arn = g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":task/%s/%s",
                               gen->account->region, gen->cluster->name, task->id);
  choose_definition (gen, spec, task, fargate);
  task->created_at = random_time_before (gen->rand, BASE_TIME, 7 * DAY);
  task->started_at = task->created_at + g_rand_int_range (gen->rand, 5000, 90000) / 1000.0;
  task->last_status = stopped                            ? "STOPPED"
                      : g_rand_double (gen->rand) < 0.01 ? "PENDING"
                                                         : "RUNNING";
  task->desired_status = state != TASK_LIVE ? "STOPPED" : "RUNNING";
  if (g_str_equal (task->last_status, "PENDING"))
    task->started_at = 0;

  /* A stopped task no longer reserves anything; one that fits nowhere
   * becomes a standalone Fargate task rather than overcommit an instance. */
  if (!fargate && stopped)
    task->instance = g_ptr_array_index (
        gen->cluster->instances,
        g_rand_int_range (gen->rand, 0, (gint32) gen->cluster->instances->len));
  else if (!fargate && (task->instance = place_task (gen, task)) == NULL)
    {
      g_clear_pointer (&task->group, g_free);
      g_clear_pointer (&task->started_by, g_free);
      task->service = NULL;
      task->definition = pick_standalone_def (gen, TRUE);
      task->group = g_strdup_printf ("family:%s", task->definition->family);
    }

  if (task->instance != NULL)
    task->availability_zone = g_strdup (task->instance->availability_zone);
  else
    task->availability_zone
        = g_strdup_printf ("%s%c", gen->account->region, 'a' + g_rand_int_range (gen->rand, 0, 3));

  if (!stopped)
    count_task (task);

  g_ptr_array_add (gen->cluster->tasks, task);
  g_hash_table_insert (gen->cluster->task_by_id, task->id, task);
}

static void
add_cluster (Generator *gen, const ClusterSpec *spec)
{
  gen->cluster = c3v_fake_account_add_cluster (gen->account, spec->name);

  for (guint i = 0; i < spec->instances; i++)
    add_instance (gen, i, spec->instances);
  add_services (gen, spec);
  for (guint i = 0; i < spec->tasks; i++)
    add_task (gen, spec, TASK_LIVE);
  /* A few stopped tasks, for the desiredStatus filter. */
  for (guint i = 0; i < spec->tasks / 50; i++)
    add_task (gen, spec, TASK_STOPPED);
  for (guint i = 0; i < spec->stopping; i++)
    add_task (gen, spec, TASK_STOPPING);
  for (guint i = 0; i < gen->cluster->services->len; i++)
    {
      C3vFakeService *service = g_ptr_array_index (gen->cluster->services, i);

      service->desired_count = service->running_count + service->pending_count;
    }
}

/* ---- what the capacity planner must show: host ports, awsvpc, memberOf.
 * Added with no draw from the seeded generator, so every other item of
 * the account stays as it was. */

static C3vFakeTaskDef *
add_capacity_def (Generator *gen, const char *family, guint cpu, guint memory, guint host_port,
                  const char *network_mode, char *member_of)
{
  C3vFakeTaskDef *def = g_new0 (C3vFakeTaskDef, 1);

  def->family = g_strdup (family);
  def->revision = 1;
  def->arn = g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":task-definition/%s:1",
                              gen->account->region, family);
  def->registered_at = BASE_TIME - 10 * DAY;
  def->network_mode = network_mode;
  def->member_of = member_of;
  def->n_containers = 1;
  def->containers = g_new0 (C3vFakeContainerDef, 1);
  def->containers[0].name = g_strdup (family);
  def->containers[0].image = g_strdup_printf ("%s.dkr.ecr.%s.amazonaws.com/%s:1",
                                              C3V_FAKE_ACCOUNT_ID, gen->account->region, family);
  def->containers[0].cpu = cpu;
  def->containers[0].memory = memory;
  def->containers[0].host_port = host_port;
  g_ptr_array_add (gen->account->task_defs, def);
  g_hash_table_insert (gen->account->task_def_by_key, g_strdup_printf ("%s:1", family), def);
  return def;
}

static void
add_capacity_defs (Generator *gen)
{
  /* edge-gateway takes host port 80; mesh-api an ENI per task;
   * pinned-batch runs only in the region's first AZ. */
  add_capacity_def (gen, "edge-gateway", 256, 512, 80, NULL, NULL);
  add_capacity_def (gen, "mesh-api", 256, 512, 0, "awsvpc", NULL);
  add_capacity_def (
      gen, "pinned-batch", 512, 1024, 0, NULL,
      g_strdup_printf ("attribute:ecs.availability-zone == %sa", gen->account->region));
}

static guint
task_enis (const C3vFakeInstance *instance)
{
  for (guint i = 0; i < G_N_ELEMENTS (instance_types); i++)
    if (g_str_equal (instance_types[i].name, instance->instance_type))
      return instance_types[i].max_enis - 1;
  return 0;
}

/* A standalone task of @def on @instance, when it fits there. */
static void
add_fixed_task (Generator *gen, C3vFakeTaskDef *def, C3vFakeInstance *instance, guint number)
{
  C3vFakeTask *task;
  guint        cpu = def->containers[0].cpu;
  guint        memory = def->containers[0].memory;
  guint        port = def->containers[0].host_port;

  if (instance->remaining_cpu < cpu || instance->remaining_memory < memory
      || (port != 0 && instance->n_host_ports == G_N_ELEMENTS (instance->host_ports)))
    return;

  task = g_new0 (C3vFakeTask, 1);
  task->id = g_strdup_printf ("c3ca9ac17a5c%020u", number);
  task->arn = g_strdup_printf ("arn:aws:ecs:%s:" C3V_FAKE_ACCOUNT_ID ":task/%s/%s",
                               gen->account->region, gen->cluster->name, task->id);
  task->definition = def;
  task->instance = instance;
  task->group = g_strdup_printf ("family:%s", def->family);
  task->availability_zone = g_strdup (instance->availability_zone);
  task->last_status = "RUNNING";
  task->desired_status = "RUNNING";
  task->created_at = BASE_TIME - DAY;
  task->started_at = BASE_TIME - DAY + 30;
  instance->remaining_cpu -= cpu;
  instance->remaining_memory -= memory;
  if (port != 0)
    instance->host_ports[instance->n_host_ports++] = port;
  count_task (task);
  g_ptr_array_add (gen->cluster->tasks, task);
  g_hash_table_insert (gen->cluster->task_by_id, task->id, task);
}

/* The last instance has host port 80 taken (and room left, so the port
 * is what blocks), the second its ENIs all used by awsvpc tasks, the
 * first (the region's first AZ) a pinned task when it has room. */
static void
add_capacity_tasks (Generator *gen)
{
  GPtrArray *instances = gen->cluster->instances;
  guint      number = 0;

  if (instances->len < 2)
    return;

  add_fixed_task (gen, c3v_fake_account_find_task_def (gen->account, "edge-gateway:1"),
                  g_ptr_array_index (instances, instances->len - 1), number++);
  add_fixed_task (gen, c3v_fake_account_find_task_def (gen->account, "pinned-batch:1"),
                  g_ptr_array_index (instances, 0), number++);
  for (guint i = task_enis (g_ptr_array_index (instances, 1)); i > 0; i--)
    add_fixed_task (gen, c3v_fake_account_find_task_def (gen->account, "mesh-api:1"),
                    g_ptr_array_index (instances, 1), number++);
}

C3vFakeAccount *
c3v_fake_account_generate (const C3vFakeAccountOptions *options)
{
  const ClusterSpec clusters[] = {
    { "production", options->large_instances != 0 ? options->large_instances : 300,
      options->large_tasks != 0 ? options->large_tasks : 3000, options->large_services,
      options->large_stopping, 0.05, 0.15 },
    { "staging", 6, 30, 0, 0, 0.1, 0.2 },
    { "empty", 0, 0, 0, 0, 0, 0 },
    { "fargate-only", 0, 24, 0, 0, 1.0, 0.25 },
    { "team_a-batch_v2", 3, 12, 0, 0, 0, 0.7 },
  };
  Generator gen = { 0 };

  gen.rand = g_rand_new_with_seed (options->seed);
  gen.account
      = c3v_fake_account_new_empty (options->region != NULL ? options->region : "eu-west-1");

  add_task_defs (&gen);
  add_capacity_defs (&gen);
  for (guint i = 0; i < G_N_ELEMENTS (clusters); i++)
    {
      add_cluster (&gen, &clusters[i]);
      if (g_str_equal (clusters[i].name, "team_a-batch_v2"))
        add_capacity_tasks (&gen);
    }

  g_rand_free (gen.rand);
  return gen.account;
}
