/* c3v-snapshot.h: one cluster at one moment, immutable once built.
 *
 * Plain structs with public read-only fields so layout and painting can walk
 * thousands of items without call overhead. Strings are interned in the
 * snapshot (the same family or AZ is stored once). Build with
 * C3vSnapshotBuilder; a built snapshot never changes and is shared by ref.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A value that the API did not give (e.g. container without memory). */
#define C3V_UNSET (-1)

typedef enum
{
  C3V_RESOURCE_MEMORY, /* MiB */
  C3V_RESOURCE_CPU,    /* CPU units, 1024 = 1 vCPU */
} C3vResource;

typedef struct
{
  const char *name;
  const char *image;
  const char *last_status;
  gint32      cpu;                /* C3V_UNSET when not given */
  gint32      memory;             /* hard limit MiB, or C3V_UNSET */
  gint32      memory_reservation; /* soft limit MiB, or C3V_UNSET */
} C3vContainer;

typedef struct
{
  const char   *arn;
  const char   *id; /* last part of the ARN */
  const char   *task_definition_arn;
  const char   *family;
  guint         revision;
  const char   *group;        /* "service:web" / "family:batch" */
  const char   *service_name; /* from group, NULL if standalone */
  const char   *launch_type;  /* EC2, FARGATE, EXTERNAL, ... */
  const char   *last_status;
  const char   *desired_status;
  const char   *container_instance_arn; /* NULL for Fargate */
  const char   *availability_zone;
  gint64        started_at;   /* unix ms, 0 when not started */
  gint32        task_cpu;     /* task-level, or C3V_UNSET */
  gint32        task_memory;  /* task-level, or C3V_UNSET */
  guint32       reserved_cpu; /* by the reservation rule */
  guint32       reserved_memory;
  C3vContainer *containers;
  guint         n_containers;
  gint          instance_index; /* into instances, -1 if none */
  /* "bridge", "host", "awsvpc", "none": from the task definition, else
   * "awsvpc" when the task has an ENI attachment; NULL when unknown. */
  const char *network_mode;
} C3vTask;

typedef struct
{
  const char *arn;
  const char *id; /* last part of the ARN */
  const char *ec2_instance_id;
  const char *instance_type;
  const char *availability_zone;
  const char *status; /* ACTIVE, DRAINING, ... */
  gboolean    agent_connected;
  gint64      registered_at; /* unix ms */
  guint32     registered_cpu;
  guint32     registered_memory;
  guint32     remaining_cpu;
  guint32     remaining_memory;
  /* Filled by the snapshot when it is built: */
  guint *task_indices; /* tasks placed here, in task order */
  guint  n_tasks;
  /* Sums of the tasks' reservations: 64 bits, as no sum of guint32 may
   * wrap into a small, plausible figure. */
  guint64  reserved_cpu;
  guint64  reserved_memory;
  gboolean mismatch; /* sums differ from registered - remaining */
  /* The TCP host ports taken on the instance, as ECS lists them in
   * remainingResources PORTS, comma-separated ("22,2375,80"); NULL when
   * ECS did not say. */
  const char *reserved_ports;
} C3vInstance;

typedef struct
{
  const char *arn;
  const char *name;
  const char *status;
  const char *task_definition_arn;
  const char *launch_type;
  guint       desired_count;
  guint       running_count;
  guint       pending_count;
} C3vService;

typedef struct
{
  const char *arn;
  const char *reason; /* "MISSING" */
  const char *detail; /* may be NULL */
} C3vFailure;

typedef struct _C3vSnapshot C3vSnapshot;

#define C3V_TYPE_SNAPSHOT (c3v_snapshot_get_type ())

GType        c3v_snapshot_get_type (void) G_GNUC_CONST;
C3vSnapshot *c3v_snapshot_ref (C3vSnapshot *self);
void         c3v_snapshot_unref (C3vSnapshot *self);

const char *c3v_snapshot_get_cluster_name (C3vSnapshot *self);
const char *c3v_snapshot_get_cluster_arn (C3vSnapshot *self);
const char *c3v_snapshot_get_region (C3vSnapshot *self);
/* unix ms when the data was fetched */
gint64 c3v_snapshot_get_fetched_at (C3vSnapshot *self);
/* FALSE for the partial snapshots published while loading */
gboolean c3v_snapshot_is_complete (C3vSnapshot *self);

guint              c3v_snapshot_get_n_instances (C3vSnapshot *self);
const C3vInstance *c3v_snapshot_get_instance (C3vSnapshot *self, guint index);
guint              c3v_snapshot_get_n_tasks (C3vSnapshot *self);
const C3vTask     *c3v_snapshot_get_task (C3vSnapshot *self, guint index);
/* Tasks without a container instance (Fargate and the like), in order. */
const guint      *c3v_snapshot_get_unplaced_tasks (C3vSnapshot *self, guint *n_tasks);
guint             c3v_snapshot_get_n_services (C3vSnapshot *self);
const C3vService *c3v_snapshot_get_service (C3vSnapshot *self, guint index);
guint             c3v_snapshot_get_n_failures (C3vSnapshot *self);
const C3vFailure *c3v_snapshot_get_failure (C3vSnapshot *self, guint index);

/* O(1) lookups; -1 when absent. */
gint c3v_snapshot_find_task (C3vSnapshot *self, const char *task_arn);
gint c3v_snapshot_find_instance (C3vSnapshot *self, const char *container_instance_arn);

/* Task-definition label "family:revision". */
char   *c3v_task_dup_label (const C3vTask *task);
guint32 c3v_task_get_reserved (const C3vTask *task, C3vResource resource);
guint32 c3v_instance_get_registered (const C3vInstance *instance, C3vResource resource);
/* The sum, saturated at G_MAXUINT32: what is drawn. */
guint32 c3v_instance_get_reserved (const C3vInstance *instance, C3vResource resource);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vSnapshot, c3v_snapshot_unref)

/* Building. Every string passed in is copied (interned); the structs' own
 * filled-by-snapshot fields are ignored. Tasks may be added before or after
 * their instance. reserved_cpu / reserved_memory of a task are computed by
 * the reservation rule (c3v-reservation.h) when the task is added. */
typedef struct _C3vSnapshotBuilder C3vSnapshotBuilder;

C3vSnapshotBuilder *c3v_snapshot_builder_new (const char *cluster_name, const char *cluster_arn,
                                              const char *region);
void                c3v_snapshot_builder_free (C3vSnapshotBuilder *builder);
void c3v_snapshot_builder_add_instance (C3vSnapshotBuilder *builder, const C3vInstance *instance);
void c3v_snapshot_builder_add_task (C3vSnapshotBuilder *builder, const C3vTask *task);
void c3v_snapshot_builder_add_service (C3vSnapshotBuilder *builder, const C3vService *service);
void c3v_snapshot_builder_add_failure (C3vSnapshotBuilder *builder, const C3vFailure *failure);
/* The cluster ARN, when it is learnt only once loading has begun. */
void c3v_snapshot_builder_set_arn (C3vSnapshotBuilder *builder, const char *cluster_arn);
/* Orders instances, tasks, services and failures by ARN, so that a
 * complete load reads the same whatever order the answers came in. */
void c3v_snapshot_builder_sort (C3vSnapshotBuilder *builder);
/* A new immutable snapshot of what was added so far; the builder stays
 * usable, so the loader can publish partial snapshots as pages arrive. */
C3vSnapshot *c3v_snapshot_builder_build (C3vSnapshotBuilder *builder, gint64 fetched_at,
                                         gboolean complete);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vSnapshotBuilder, c3v_snapshot_builder_free)

G_END_DECLS
