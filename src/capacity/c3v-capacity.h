/* c3v-capacity.h: will it fit? ECS's placement rules on a snapshot.
 *
 * A task fits a container instance when the instance is ACTIVE with its
 * agent connected, the task's memberOf constraints hold there (and, with
 * distinctInstance, no task of its family runs there), its memory and CPU
 * reservation fit the instance's remaining resources, its static host
 * ports are free there, and, for awsvpc, the instance type has an ENI to
 * spare. The first rule that fails, in that order, is the instance's
 * blocked reason.
 *
 * Every rule is local to one instance, so how many copies fit in total
 * does not depend on the strategy: it is the sum of what each instance
 * takes alone. The strategy decides where the first copies go.
 *
 * A C3vCapacity is a working copy of the snapshot's free room: placing
 * charges it, so fits can be asked again after placing.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-snapshot.h"
#include "c3v-task-request.h"

G_BEGIN_DECLS

typedef enum
{
  C3V_BLOCK_NONE, /* at least one copy fits */
  C3V_BLOCK_DRAINING,
  C3V_BLOCK_DISCONNECTED,
  C3V_BLOCK_CONSTRAINT,
  C3V_BLOCK_MEMORY,
  C3V_BLOCK_CPU,
  C3V_BLOCK_PORTS,
  C3V_BLOCK_ENI,
} C3vBlock;

/* "memory", "cpu", "ports", "eni", "constraint", "draining",
 * "disconnected"; NULL for C3V_BLOCK_NONE. Untranslated: for JSON. */
const char *c3v_block_to_string (C3vBlock block);

typedef enum
{
  C3V_STRATEGY_BINPACK_MEMORY, /* the fitting instance with least memory left */
  C3V_STRATEGY_BINPACK_CPU,
  C3V_STRATEGY_SPREAD_AZ,       /* the AZ with fewest tasks of the family */
  C3V_STRATEGY_SPREAD_INSTANCE, /* the instance with fewest tasks of the family */
  C3V_STRATEGY_RANDOM,          /* uniform among fitting instances, seeded */
} C3vStrategy;

/* "binpack" (memory), "binpack:memory", "binpack:cpu", "spread" (AZ),
 * "spread:az", "spread:instance", "random". */
gboolean    c3v_strategy_parse (const char *text, C3vStrategy *strategy);
const char *c3v_strategy_to_string (C3vStrategy strategy);

typedef struct _C3vCapacity C3vCapacity;

C3vCapacity *c3v_capacity_new (C3vSnapshot *snapshot);
void         c3v_capacity_free (C3vCapacity *self);
C3vSnapshot *c3v_capacity_get_snapshot (C3vCapacity *self);
/* The ENI limit with trunking (default off: the limit without). */
void c3v_capacity_set_trunking (C3vCapacity *self, gboolean trunking);
/* Takes @instance out (as drain does): it blocks as draining. */
void c3v_capacity_exclude (C3vCapacity *self, guint instance);

/* Copies of @request that instance @instance takes alone, from its free
 * room now; *@block (may be NULL) says why not when 0. */
guint c3v_capacity_copies_on (C3vCapacity *self, const C3vTaskRequest *request, guint instance,
                              C3vBlock *block);

typedef struct
{
  guint     copies;          /* in total, over all instances */
  guint    *instance_copies; /* per instance, snapshot order */
  C3vBlock *blocks;          /* per instance */
  guint     n_instances;
  /* A memberOf expression that could not be judged, or NULL. */
  char *unsupported;
} C3vFit;

/* The fit highlight: every instance's copies and reason. */
C3vFit *c3v_capacity_fit (C3vCapacity *self, const C3vTaskRequest *request);
void    c3v_fit_free (C3vFit *fit);

/* Places up to @n copies one by one by @strategy (random draws from
 * @seed), charging each. Returns the instance of each copy placed, in
 * order; fewer than @n when the cluster is full. */
GArray *c3v_capacity_place (C3vCapacity *self, const C3vTaskRequest *request, C3vStrategy strategy,
                            guint n, guint32 seed);

/* The largest task (memory × CPU) that could still be placed anywhere:
 * the ACTIVE, connected instance whose free memory × free CPU is the
 * largest (ties: more memory). FALSE when none has room. */
gboolean c3v_capacity_largest_placeable (C3vCapacity *self, guint32 *memory, guint32 *cpu);

/* Fragmentation: free room versus what can use it. A "shape" is a
 * distinct (memory, CPU) reservation of the cluster's EC2 tasks. */
typedef struct
{
  guint64 free_memory; /* ACTIVE, connected instances */
  guint64 free_cpu;
  guint32 largest_memory; /* c3v_capacity_largest_placeable() */
  guint32 largest_cpu;
  /* Room no current task shape fits in, and per instance why:
   * C3V_BLOCK_CPU (memory free, CPU gone), C3V_BLOCK_MEMORY, or
   * C3V_BLOCK_NONE when some shape fits (nothing stranded). */
  guint64   stranded_memory;
  guint64   stranded_cpu;
  guint32  *instance_stranded_memory;
  guint32  *instance_stranded_cpu;
  C3vBlock *instance_stranded_by;
  guint     n_instances;
  /* An estimate: first-fit-decreasing of the same tasks (by memory, then
   * CPU) onto the same instances, largest first, ports and constraints
   * ignored. */
  guint instances_in_use;
  guint repack_instances;
} C3vFragmentation;

C3vFragmentation *c3v_capacity_fragmentation (C3vCapacity *self);
void              c3v_fragmentation_free (C3vFragmentation *fragmentation);

/* What a running task needs to be placed again: its definition when
 * known (host ports, memberOf), else NULL (memory and CPU alone). */
typedef const C3vTaskDefinition *(*C3vDefinitionLookup) (const char *task_definition_arn,
                                                         gpointer    user_data);

typedef struct
{
  guint task;     /* snapshot task index */
  guint instance; /* where it goes */
} C3vDrainPlacement;

typedef struct
{
  guint   instance; /* the drained one */
  GArray *placed;   /* C3vDrainPlacement, in the instance's task order */
  GArray *unplaced; /* guint task indices left pending */
} C3vDrain;

/* Drain what-if: the tasks running on @instance (not those already asked
 * to stop) placed one by one on the others by @strategy. @self is
 * charged with the placements. */
C3vDrain *c3v_capacity_drain (C3vCapacity *self, guint instance, C3vStrategy strategy, guint32 seed,
                              C3vDefinitionLookup lookup, gpointer user_data);
void      c3v_drain_free (C3vDrain *drain);
/* The instance by EC2 id, container-instance id or ARN; -1 if none. */
gint c3v_capacity_find_instance (C3vCapacity *self, const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vCapacity, c3v_capacity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vFit, c3v_fit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vFragmentation, c3v_fragmentation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vDrain, c3v_drain_free)

G_END_DECLS
