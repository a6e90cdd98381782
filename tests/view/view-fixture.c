/* view-fixture.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "view-fixture.h"

#include <math.h>

#define ARN_PREFIX "arn:aws:ecs:eu-west-1:123456789012:"

char *
view_fixture_add_instance (C3vSnapshotBuilder *builder, const char *name, const char *type,
                           const char *zone, guint32 memory, guint32 cpu)
{
  C3vInstance      instance = { 0 };
  g_autofree char *id = g_strdup_printf ("ci-%s", name);
  g_autofree char *ec2 = g_strdup_printf ("i-%s", name);
  char            *arn = g_strdup_printf (ARN_PREFIX "container-instance/demo/%s", id);

  instance.arn = arn;
  instance.id = id;
  instance.ec2_instance_id = ec2;
  instance.instance_type = type;
  instance.availability_zone = zone;
  instance.status = "ACTIVE";
  instance.agent_connected = TRUE;
  instance.registered_memory = memory;
  instance.registered_cpu = cpu;
  instance.remaining_memory = memory;
  instance.remaining_cpu = cpu;
  c3v_snapshot_builder_add_instance (builder, &instance);

  return arn;
}

void
view_fixture_add_task (C3vSnapshotBuilder *builder, const char *id, const char *family,
                       const char *service, const char *instance_arn, gint32 memory, gint32 cpu)
{
  C3vTask          task = { 0 };
  C3vContainer     container = { 0 };
  g_autofree char *arn = g_strdup_printf (ARN_PREFIX "task/demo/%s", id);
  g_autofree char *td = g_strdup_printf (ARN_PREFIX "task-definition/%s:1", family);
  g_autofree char *group
      = service ? g_strdup_printf ("service:%s", service) : g_strdup_printf ("family:%s", family);
  g_autofree char *image = g_strdup_printf ("registry.example.com/%s:latest", family);

  container.name = family;
  container.image = image;
  container.last_status = "RUNNING";
  container.cpu = cpu;
  container.memory = C3V_UNSET;
  container.memory_reservation = memory;

  task.arn = arn;
  task.id = id;
  task.task_definition_arn = td;
  task.family = family;
  task.revision = 1;
  task.group = group;
  task.service_name = service;
  task.launch_type = instance_arn ? "EC2" : "FARGATE";
  task.last_status = "RUNNING";
  task.desired_status = "RUNNING";
  task.container_instance_arn = instance_arn;
  task.availability_zone = "eu-west-1a";
  task.started_at = G_GINT64_CONSTANT (1764140000000);
  task.task_cpu = instance_arn ? C3V_UNSET : cpu;
  task.task_memory = instance_arn ? C3V_UNSET : memory;
  task.containers = &container;
  task.n_containers = 1;
  c3v_snapshot_builder_add_task (builder, &task);
}

typedef struct
{
  const char *name;
  guint32     memory;
  guint32     cpu;
} InstanceType;

static const InstanceType types[] = {
  { "m5.large", 7680, 2048 },
  { "m5.xlarge", 15576, 4096 },
  { "c5.2xlarge", 15208, 8192 },
  { "r5.2xlarge", 63352, 8192 },
};

static const char *const zones[] = { "eu-west-1a", "eu-west-1b", "eu-west-1c" };

static void
fill_instance (C3vSnapshotBuilder *builder, GRand *rand, C3vInstance *instance, guint index,
               guint tasks_per_instance, guint n_families)
{
  guint32 used_memory = 0;
  guint32 used_cpu = 0;

  for (guint t = 0; t < tasks_per_instance; t++)
    {
      guint            family_index = g_rand_int_range (rand, 0, n_families);
      g_autofree char *family = g_strdup_printf ("app-%02u", family_index);
      g_autofree char *service = g_strdup_printf ("svc-%02u", family_index);
      g_autofree char *id = g_strdup_printf ("%08x%04u", index, t);
      gint32           memory = 128 << g_rand_int_range (rand, 0, 4);
      gint32           cpu = 128 << g_rand_int_range (rand, 0, 3);

      if (used_memory + memory > instance->registered_memory
          || used_cpu + cpu > instance->registered_cpu)
        continue;
      used_memory += memory;
      used_cpu += cpu;
      view_fixture_add_task (builder, id, family, family_index % 4 == 3 ? NULL : service,
                             instance->arn, memory, cpu);
    }

  instance->remaining_memory = instance->registered_memory - used_memory;
  instance->remaining_cpu = instance->registered_cpu - used_cpu;
  if (index == 3)
    instance->remaining_memory = instance->registered_memory / 2;
}

C3vSnapshot *
view_fixture_cluster (guint n_instances, guint tasks_per_instance, guint n_fargate,
                      guint n_families, guint32 seed)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("demo", ARN_PREFIX "cluster/demo", "eu-west-1");
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n_instances; i++)
    {
      const InstanceType *type = &types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
      g_autofree char    *id = g_strdup_printf ("ci-%05u", i);
      g_autofree char    *ec2 = g_strdup_printf ("i-%017x", g_rand_int (rand) ^ i);
      g_autofree char    *arn = g_strdup_printf (ARN_PREFIX "container-instance/demo/%s", id);
      C3vInstance         instance = { 0 };

      instance.arn = arn;
      instance.id = id;
      instance.ec2_instance_id = ec2;
      instance.instance_type = type->name;
      instance.availability_zone = zones[i % G_N_ELEMENTS (zones)];
      instance.status = i == 1 ? "DRAINING" : "ACTIVE";
      instance.agent_connected = i != 2;
      instance.registered_memory = type->memory;
      instance.registered_cpu = type->cpu;
      fill_instance (builder, rand, &instance, i, tasks_per_instance, n_families);
      c3v_snapshot_builder_add_instance (builder, &instance);
    }

  for (guint i = 0; i < n_fargate; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%011u", i);
      g_autofree char *family = g_strdup_printf ("job-%u", i % 5);

      view_fixture_add_task (builder, id, family, NULL, NULL, 512 << (i % 4), 256 << (i % 3));
    }

  return c3v_snapshot_builder_build (builder, G_GINT64_CONSTANT (1764140400000), TRUE);
}

/* Instances of one size with tasks of 1 and 2 GiB: boxes tall enough to
 * read a pixel of, some with a label, and a Fargate lane. */
C3vSnapshot *
view_fixture_roomy (void)
{
  g_autoptr (C3vSnapshotBuilder) builder
      = c3v_snapshot_builder_new ("roomy", "arn:roomy", "eu-west-1");

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04u", i);
      g_autofree char *arn
          = view_fixture_add_instance (builder, name, "m5.xlarge", "eu-west-1a", 8192, 4096);

      for (guint t = 0; t < 4; t++)
        {
          g_autofree char *id = g_strdup_printf ("t%04u%u", i, t);
          g_autofree char *family = g_strdup_printf ("service-%u", (i + t) % 7);

          view_fixture_add_task (builder, id, family, family, arn, 1024 << (t % 2), 256);
        }
    }
  view_fixture_add_task (builder, "f1", "job", NULL, NULL, 2048, 1024);
  view_fixture_add_task (builder, "f2", "job", NULL, NULL, 1024, 512);

  return c3v_snapshot_builder_build (builder, 1764140400000, TRUE);
}

/* The pixel at (x, y) as 0..255 channels. */
void
view_fixture_read_pixel (cairo_surface_t *surface, int x, int y, int rgb[3])
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  guint32        pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  pixel = *(guint32 *) (gpointer) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

void
view_fixture_assert_pixel (cairo_surface_t *surface, double x, double y, const C3vRgba *color)
{
  int rgb[3];

  view_fixture_read_pixel (surface, (int) floor (x), (int) floor (y), rgb);
  g_assert_cmpint (ABS (rgb[0] - (int) round (color->red * 255)), <=, 2);
  g_assert_cmpint (ABS (rgb[1] - (int) round (color->green * 255)), <=, 2);
  g_assert_cmpint (ABS (rgb[2] - (int) round (color->blue * 255)), <=, 2);
}

/* Fontconfig keeps its configuration and pattern caches for the life of the
 * process on purpose; freeing them (FcFini) while cairo still caches fonts
 * aborts. LeakSanitizer reads this hook when the test runs under ASan. */
const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}
