/* c3v-fake-account.h: the synthetic ECS account behind the fake endpoint.
 *
 * Plain C records rather than JSON trees: a 20,000-task cluster must be
 * generated in a fraction of a second, and answers are serialised only for
 * the items a call actually asks for. Cross references (task -> instance,
 * task -> definition) are borrowed pointers into the same account.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define C3V_FAKE_ACCOUNT_ID "123456789012"

typedef struct
{
  char *name;
  char *image;
  guint cpu;                /* 0: unset */
  guint memory;             /* hard limit MiB, 0: unset */
  guint memory_reservation; /* soft limit MiB, 0: unset */
  guint host_port;          /* static TCP host port, 0: none */
} C3vFakeContainerDef;

typedef struct
{
  char                *arn;
  char                *family;
  guint                revision;
  guint                cpu;    /* task level, 0: unset */
  guint                memory; /* task level MiB, 0: unset */
  gboolean             fargate;
  double               registered_at;
  C3vFakeContainerDef *containers;
  guint                n_containers;
  const char          *network_mode; /* NULL: bridge, or awsvpc for Fargate */
  char                *member_of;    /* a memberOf expression, or NULL */
} C3vFakeTaskDef;

typedef struct
{
  char    *arn;
  char    *id;
  char    *ec2_instance_id;
  char    *instance_type;
  char    *availability_zone;
  char    *status; /* ACTIVE, DRAINING */
  gboolean agent_connected;
  double   registered_at;
  guint    registered_cpu;
  guint    registered_memory;
  guint    remaining_cpu;
  guint    remaining_memory;
  guint    running_tasks;
  guint    pending_tasks;
  guint    host_ports[4]; /* static host ports its tasks took */
  guint    n_host_ports;
} C3vFakeInstance;

typedef struct _C3vFakeService C3vFakeService;

typedef struct
{
  char            *arn;
  char            *id;
  C3vFakeTaskDef  *definition;
  C3vFakeInstance *instance; /* NULL for Fargate */
  C3vFakeService  *service;  /* NULL for standalone tasks */
  char            *group;
  char            *started_by; /* may be NULL */
  char            *availability_zone;
  const char      *last_status; /* RUNNING, PENDING, STOPPED */
  const char      *desired_status;
  double           created_at;
  double           started_at; /* 0: not started */
} C3vFakeTask;

struct _C3vFakeService
{
  char           *arn;
  char           *name;
  C3vFakeTaskDef *definition;
  gboolean        fargate;
  guint           desired_count;
  guint           running_count;
  guint           pending_count;
  double          created_at;
};

typedef struct
{
  char      *name;
  char      *arn;
  gboolean   deleted;
  GPtrArray *instances; /* C3vFakeInstance, owned */
  GPtrArray *tasks;     /* C3vFakeTask, owned */
  GPtrArray *services;  /* C3vFakeService, owned */
  /* Describe calls look up to 100 IDs in clusters of 20,000 tasks. */
  GHashTable *instance_by_id;
  GHashTable *task_by_id;
} C3vFakeCluster;

typedef struct
{
  char       *region;
  GPtrArray  *clusters;        /* C3vFakeCluster, owned */
  GPtrArray  *task_defs;       /* C3vFakeTaskDef, owned */
  GHashTable *task_def_by_key; /* "family:revision" -> C3vFakeTaskDef */
} C3vFakeAccount;

typedef struct
{
  guint32     seed;
  const char *region;
  guint       large_instances; /* 0: 300 */
  guint       large_tasks;     /* 0: 3000 */
  guint       large_services;  /* 0: one per 75 tasks, 3 to 500 */
  guint       large_stopping;  /* tasks asked to stop, still running */
} C3vFakeAccountOptions;

/* Deterministic for a given seed and sizes. */
C3vFakeAccount *c3v_fake_account_generate (const C3vFakeAccountOptions *options);
void            c3v_fake_account_free (C3vFakeAccount *account);

/* @name_or_arn: "production" or its cluster ARN. Deleted clusters are
 * found only with @include_deleted. */
C3vFakeCluster *c3v_fake_account_find_cluster (C3vFakeAccount *account, const char *name_or_arn,
                                               gboolean include_deleted);
/* "family", "family:3" or a task definition ARN; a bare family gives its
 * latest revision. */
C3vFakeTaskDef *c3v_fake_account_find_task_def (C3vFakeAccount *account, const char *reference);
char           *c3v_fake_account_cluster_arn (C3vFakeAccount *account, const char *name);
/* @id_or_arn: the ID after the last '/' or the whole ARN. */
C3vFakeInstance *c3v_fake_cluster_find_instance (C3vFakeCluster *cluster, const char *id_or_arn);
C3vFakeTask     *c3v_fake_cluster_find_task (C3vFakeCluster *cluster, const char *id_or_arn);
C3vFakeService  *c3v_fake_cluster_find_service (C3vFakeCluster *cluster, const char *name_or_arn);

/* What @task reserves on its instance, by the rule the ECS notes give. */
guint c3v_fake_task_reserved_cpu (const C3vFakeTask *task);
guint c3v_fake_task_reserved_memory (const C3vFakeTask *task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vFakeAccount, c3v_fake_account_free)

G_END_DECLS
