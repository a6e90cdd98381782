/* c3v-capacity.c: the placement rules, strategies and drain what-if.
 *
 * Each instance gets a slot with its free room as ECS reports it
 * (remaining resources), the host ports taken, the ENIs its awsvpc tasks
 * use. A request is prepared once (its memberOf expressions read, its
 * family's tasks counted per instance), then judged per slot: the fit
 * highlight of 2,000 instances is one pass of a few comparisons each.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdlib.h>
#include <string.h>

#include "c3v-capacity.h"
#include "c3v-eni-limits.h"
#include "c3v-placement-expression.h"

/* A task that reserves nothing fits without end: stop counting here. */
#define MAX_COPIES_PER_INSTANCE 100000

typedef struct
{
  gint64   free_memory;
  gint64   free_cpu;
  GArray  *ports; /* guint, sorted */
  guint    enis_used;
  guint    eni_capacity;
  guint    az;              /* index of its AZ among the cluster's */
  C3vBlock closed;          /* draining or disconnected, else C3V_BLOCK_NONE */
  GArray  *placed_families; /* const char * (g_intern_string), copies placed here */
} Slot;

struct _C3vCapacity
{
  C3vSnapshot *snapshot;
  Slot        *slots;
  guint        n_slots;
  guint        n_azs;
  gboolean     trunking;
};

/* A request made ready for many slots. */
typedef struct
{
  const C3vTaskRequest *request;
  GPtrArray            *expressions;   /* C3vPlacementExpression */
  const char           *unsupported;   /* the first problem, borrowed */
  guint                *family_counts; /* per slot: tasks of the family, or NULL */
  guint                *az_counts;     /* per AZ, or NULL */
} Prepared;

const char *
c3v_block_to_string (C3vBlock block)
{
  static const char *const names[] = {
    NULL, "draining", "disconnected", "constraint", "memory", "cpu", "ports", "eni",
  };

  return (guint) block < G_N_ELEMENTS (names) ? names[block] : NULL;
}

static const struct
{
  const char *name;
  C3vStrategy strategy;
} strategies[] = {
  { "binpack:memory", C3V_STRATEGY_BINPACK_MEMORY },
  { "binpack:cpu", C3V_STRATEGY_BINPACK_CPU },
  { "spread:az", C3V_STRATEGY_SPREAD_AZ },
  { "spread:instance", C3V_STRATEGY_SPREAD_INSTANCE },
  { "random", C3V_STRATEGY_RANDOM },
  { "binpack", C3V_STRATEGY_BINPACK_MEMORY },
  { "spread", C3V_STRATEGY_SPREAD_AZ },
};

gboolean
c3v_strategy_parse (const char *text, C3vStrategy *strategy)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (strategies); i++)
    if (strcmp (text, strategies[i].name) == 0)
      {
        *strategy = strategies[i].strategy;
        return TRUE;
      }
  return FALSE;
}

const char *
c3v_strategy_to_string (C3vStrategy strategy)
{
  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    if (strategies[i].strategy == strategy)
      return strategies[i].name;
  return NULL;
}

/* ------------------------------------------------------------ slots */

/* "22,2375,80": read by hand, as it is read for every instance. */
static void
read_ports (GArray *ports, const char *list)
{
  guint    value = 0;
  gboolean digits = FALSE;

  for (const char *p = list; p != NULL; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          /* Capped, so a long run of digits cannot wrap into a port. */
          value = MIN (value * 10 + (guint) (*p - '0'), 100000);
          digits = TRUE;
          continue;
        }
      if (digits && value >= 1 && value <= 65535)
        g_array_append_val (ports, value);
      if (*p == '\0')
        break;
      value = 0;
      digits = FALSE;
    }
  g_array_sort (ports, c3v_port_compare);
}

static gboolean
has_port (GArray *ports, guint port)
{
  /* An empty GArray may have no data, which bsearch() must not see. */
  return ports->len > 0
         && bsearch (&port, ports->data, ports->len, sizeof (guint), c3v_port_compare) != NULL;
}

static guint
count_awsvpc_tasks (C3vSnapshot *snapshot, const C3vInstance *instance)
{
  guint n = 0;

  for (guint i = 0; i < instance->n_tasks; i++)
    n += g_strcmp0 (c3v_snapshot_get_task (snapshot, instance->task_indices[i])->network_mode,
                    "awsvpc")
         == 0;
  return n;
}

static void
fill_slot (C3vCapacity *self, guint index, GHashTable *azs)
{
  const C3vInstance *instance = c3v_snapshot_get_instance (self->snapshot, index);
  Slot              *slot = &self->slots[index];
  gpointer           az;

  slot->free_memory = instance->remaining_memory;
  slot->free_cpu = instance->remaining_cpu;
  slot->closed = g_strcmp0 (instance->status, "ACTIVE") != 0 ? C3V_BLOCK_DRAINING
                 : !instance->agent_connected                ? C3V_BLOCK_DISCONNECTED
                                                             : C3V_BLOCK_NONE;
  slot->ports = g_array_new (FALSE, FALSE, sizeof (guint));
  read_ports (slot->ports, instance->reserved_ports);
  slot->enis_used = count_awsvpc_tasks (self->snapshot, instance);
  slot->eni_capacity = c3v_eni_limit_task_capacity (instance->instance_type, self->trunking);

  /* Snapshot strings are interned: one pointer per AZ. */
  if (!g_hash_table_lookup_extended (azs, instance->availability_zone, NULL, &az))
    {
      az = GUINT_TO_POINTER (self->n_azs++);
      g_hash_table_insert (azs, (gpointer) instance->availability_zone, az);
    }
  slot->az = GPOINTER_TO_UINT (az);
}

C3vCapacity *
c3v_capacity_new (C3vSnapshot *snapshot)
{
  C3vCapacity *self;
  g_autoptr (GHashTable) azs = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (snapshot != NULL, NULL);

  self = g_new0 (C3vCapacity, 1);
  self->snapshot = c3v_snapshot_ref (snapshot);
  self->n_slots = c3v_snapshot_get_n_instances (snapshot);
  self->slots = g_new0 (Slot, MAX (self->n_slots, 1));
  for (guint i = 0; i < self->n_slots; i++)
    fill_slot (self, i, azs);

  return self;
}

void
c3v_capacity_free (C3vCapacity *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_slots; i++)
    {
      g_array_unref (self->slots[i].ports);
      if (self->slots[i].placed_families != NULL)
        g_array_unref (self->slots[i].placed_families);
    }
  g_free (self->slots);
  c3v_snapshot_unref (self->snapshot);
  g_free (self);
}

C3vSnapshot *
c3v_capacity_get_snapshot (C3vCapacity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->snapshot;
}

void
c3v_capacity_set_trunking (C3vCapacity *self, gboolean trunking)
{
  g_return_if_fail (self != NULL);

  self->trunking = trunking;
  for (guint i = 0; i < self->n_slots; i++)
    self->slots[i].eni_capacity = c3v_eni_limit_task_capacity (
        c3v_snapshot_get_instance (self->snapshot, i)->instance_type, trunking);
}

void
c3v_capacity_exclude (C3vCapacity *self, guint instance)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (instance < self->n_slots);

  self->slots[instance].closed = C3V_BLOCK_DRAINING;
}

gint
c3v_capacity_find_instance (C3vCapacity *self, const char *id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; id != NULL && i < self->n_slots; i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (self->snapshot, i);

      if (g_strcmp0 (instance->ec2_instance_id, id) == 0 || g_strcmp0 (instance->id, id) == 0
          || g_strcmp0 (instance->arn, id) == 0)
        return (gint) i;
    }
  return -1;
}

/* ------------------------------------------------------------ one request */

/* Tasks of @family on slot @index: running there, plus copies placed. */
static guint
count_family (C3vCapacity *self, guint index, const char *family)
{
  const C3vInstance *instance = c3v_snapshot_get_instance (self->snapshot, index);
  GArray            *placed = self->slots[index].placed_families;
  const char        *interned = g_intern_string (family);
  guint              n = 0;

  for (guint i = 0; i < instance->n_tasks; i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (self->snapshot, instance->task_indices[i]);

      n += g_strcmp0 (task->family, family) == 0
           && g_strcmp0 (task->desired_status, "STOPPED") != 0;
    }
  for (guint i = 0; placed != NULL && i < placed->len; i++)
    n += g_array_index (placed, const char *, i) == interned;
  return n;
}

static void
prepare (C3vCapacity *self, const C3vTaskRequest *request, gboolean counts, Prepared *prepared)
{
  memset (prepared, 0, sizeof *prepared);
  prepared->request = request;
  prepared->expressions
      = g_ptr_array_new_with_free_func ((GDestroyNotify) c3v_placement_expression_free);
  for (guint i = 0; request->member_of != NULL && request->member_of[i] != NULL; i++)
    {
      C3vPlacementExpression *expression = c3v_placement_expression_new (request->member_of[i]);

      if (prepared->unsupported == NULL)
        prepared->unsupported = c3v_placement_expression_get_problem (expression);
      g_ptr_array_add (prepared->expressions, expression);
    }

  /* Only distinctInstance and spread ask how many of the family run where. */
  if (counts || (request->distinct_instance && request->family != NULL))
    {
      prepared->family_counts = g_new0 (guint, MAX (self->n_slots, 1));
      prepared->az_counts = g_new0 (guint, MAX (self->n_azs, 1));
      /* A task typed by hand has no family: only its own copies count. */
      for (guint i = 0; request->family != NULL && i < self->n_slots; i++)
        {
          prepared->family_counts[i] = count_family (self, i, request->family);
          prepared->az_counts[self->slots[i].az] += prepared->family_counts[i];
        }
    }
}

static void
prepared_clear (Prepared *prepared)
{
  g_ptr_array_unref (prepared->expressions);
  g_free (prepared->family_counts);
  g_free (prepared->az_counts);
}

static C3vBlock
check_instance (C3vCapacity *self, const Prepared *prepared, guint index)
{
  const C3vInstance *instance = c3v_snapshot_get_instance (self->snapshot, index);
  const Slot        *slot = &self->slots[index];

  if (slot->closed != C3V_BLOCK_NONE)
    return slot->closed;

  for (guint i = 0; i < prepared->expressions->len; i++)
    if (c3v_placement_expression_evaluate (g_ptr_array_index (prepared->expressions, i), instance)
        != C3V_EXPRESSION_TRUE)
      return C3V_BLOCK_CONSTRAINT;
  if (prepared->request->distinct_instance && prepared->family_counts != NULL
      && prepared->family_counts[index] > 0)
    return C3V_BLOCK_CONSTRAINT;

  return C3V_BLOCK_NONE;
}

/* Memory, CPU, ports and ENIs: what one more copy needs of the room. */
static C3vBlock
check_room (const Slot *slot, const C3vTaskRequest *request)
{
  if ((gint64) request->memory > slot->free_memory)
    return C3V_BLOCK_MEMORY;
  if ((gint64) request->cpu > slot->free_cpu)
    return C3V_BLOCK_CPU;
  for (guint i = 0; i < request->n_ports; i++)
    if (has_port (slot->ports, request->ports[i]))
      return C3V_BLOCK_PORTS;
  if (request->network_mode == C3V_NETWORK_AWSVPC && slot->enis_used >= slot->eni_capacity)
    return C3V_BLOCK_ENI;
  return C3V_BLOCK_NONE;
}

static C3vBlock
check (C3vCapacity *self, const Prepared *prepared, guint index)
{
  C3vBlock block = check_instance (self, prepared, index);

  return block != C3V_BLOCK_NONE ? block : check_room (&self->slots[index], prepared->request);
}

static guint
copies_by (gint64 free, guint32 each, guint copies)
{
  return each == 0 ? copies : (guint) MIN ((guint64) copies, (guint64) (free / each));
}

static guint
copies_on (C3vCapacity *self, const Prepared *prepared, guint index, C3vBlock *block)
{
  const C3vTaskRequest *request = prepared->request;
  const Slot           *slot = &self->slots[index];
  guint                 copies = MAX_COPIES_PER_INSTANCE;

  *block = check (self, prepared, index);
  if (*block != C3V_BLOCK_NONE)
    return 0;

  copies = copies_by (slot->free_memory, request->memory, copies);
  copies = copies_by (slot->free_cpu, request->cpu, copies);
  /* A static host port is taken by the first copy. */
  if (request->n_ports > 0 || request->distinct_instance)
    copies = MIN (copies, 1);
  if (request->network_mode == C3V_NETWORK_AWSVPC && slot->eni_capacity != G_MAXUINT)
    copies = MIN (copies, slot->eni_capacity - slot->enis_used);
  return copies;
}

guint
c3v_capacity_copies_on (C3vCapacity *self, const C3vTaskRequest *request, guint instance,
                        C3vBlock *block)
{
  Prepared prepared;
  C3vBlock why;
  guint    copies;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (request != NULL, 0);
  g_return_val_if_fail (instance < self->n_slots, 0);

  prepare (self, request, FALSE, &prepared);
  copies = copies_on (self, &prepared, instance, &why);
  prepared_clear (&prepared);
  if (block != NULL)
    *block = why;
  return copies;
}

C3vFit *
c3v_capacity_fit (C3vCapacity *self, const C3vTaskRequest *request)
{
  C3vFit  *fit;
  Prepared prepared;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  prepare (self, request, FALSE, &prepared);
  fit = g_new0 (C3vFit, 1);
  fit->n_instances = self->n_slots;
  fit->instance_copies = g_new0 (guint, MAX (self->n_slots, 1));
  fit->blocks = g_new0 (C3vBlock, MAX (self->n_slots, 1));
  fit->unsupported = g_strdup (prepared.unsupported);
  for (guint i = 0; i < self->n_slots; i++)
    {
      fit->instance_copies[i] = copies_on (self, &prepared, i, &fit->blocks[i]);
      fit->copies = (guint) MIN ((guint64) fit->copies + fit->instance_copies[i], G_MAXUINT);
    }
  prepared_clear (&prepared);

  return fit;
}

void
c3v_fit_free (C3vFit *fit)
{
  if (fit == NULL)
    return;

  g_free (fit->instance_copies);
  g_free (fit->blocks);
  g_free (fit->unsupported);
  g_free (fit);
}

/* ------------------------------------------------------------ placing */

static void
charge (C3vCapacity *self, Prepared *prepared, guint index)
{
  const C3vTaskRequest *request = prepared->request;
  Slot                 *slot = &self->slots[index];

  slot->free_memory -= request->memory;
  slot->free_cpu -= request->cpu;
  for (guint i = 0; i < request->n_ports; i++)
    g_array_append_val (slot->ports, request->ports[i]);
  if (request->n_ports > 0)
    g_array_sort (slot->ports, c3v_port_compare);
  if (request->network_mode == C3V_NETWORK_AWSVPC)
    slot->enis_used++;
  if (request->family != NULL)
    {
      const char *family = g_intern_string (request->family);

      if (slot->placed_families == NULL)
        slot->placed_families = g_array_new (FALSE, FALSE, sizeof (const char *));
      g_array_append_val (slot->placed_families, family);
    }
  if (prepared->family_counts != NULL)
    {
      prepared->family_counts[index]++;
      prepared->az_counts[slot->az]++;
    }
}

/* Whether slot @a is a better home than @b by @strategy (lower is
 * better; ties go to the lower index, so @a wins only when strictly
 * better). */
static gboolean
better (C3vCapacity *self, const Prepared *prepared, C3vStrategy strategy, guint a, guint b)
{
  const Slot *first = &self->slots[a];
  const Slot *second = &self->slots[b];
  gint64      keys[2][2] = { { 0 } };

  switch (strategy)
    {
      case C3V_STRATEGY_BINPACK_CPU:
        keys[0][0] = first->free_cpu, keys[0][1] = first->free_memory;
        keys[1][0] = second->free_cpu, keys[1][1] = second->free_memory;
        break;
      case C3V_STRATEGY_SPREAD_AZ:
        if (prepared->family_counts != NULL)
          {
            keys[0][0] = prepared->az_counts[first->az], keys[0][1] = prepared->family_counts[a];
            keys[1][0] = prepared->az_counts[second->az], keys[1][1] = prepared->family_counts[b];
          }
        break;
      case C3V_STRATEGY_SPREAD_INSTANCE:
        if (prepared->family_counts != NULL)
          keys[0][0] = prepared->family_counts[a], keys[1][0] = prepared->family_counts[b];
        break;
      case C3V_STRATEGY_BINPACK_MEMORY:
      case C3V_STRATEGY_RANDOM:
      default:
        keys[0][0] = first->free_memory, keys[0][1] = first->free_cpu;
        keys[1][0] = second->free_memory, keys[1][1] = second->free_cpu;
        break;
    }

  return keys[0][0] < keys[1][0] || (keys[0][0] == keys[1][0] && keys[0][1] < keys[1][1]);
}

/* @fits: each slot's verdict, kept up to date by the caller. */
static gint
choose (C3vCapacity *self, const Prepared *prepared, C3vStrategy strategy, GRand *rand,
        const gboolean *fits, GArray *candidates)
{
  gint best = -1;

  g_array_set_size (candidates, 0);
  for (guint i = 0; i < self->n_slots; i++)
    {
      if (!fits[i])
        continue;
      if (strategy == C3V_STRATEGY_RANDOM)
        g_array_append_val (candidates, i);
      else if (best < 0 || better (self, prepared, strategy, i, (guint) best))
        best = (gint) i;
    }

  if (strategy == C3V_STRATEGY_RANDOM && candidates->len > 0)
    best = (gint) g_array_index (candidates, guint,
                                 g_rand_int_range (rand, 0, (gint32) candidates->len));
  return best;
}

static GArray *
place (C3vCapacity *self, Prepared *prepared, C3vStrategy strategy, guint n, guint32 seed)
{
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *fits = g_new (gboolean, MAX (self->n_slots, 1));
  GRand               *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < self->n_slots; i++)
    fits[i] = check (self, prepared, i) == C3V_BLOCK_NONE;

  for (guint copy = 0; copy < n; copy++)
    {
      gint  best = choose (self, prepared, strategy, rand, fits, candidates);
      guint index;

      if (best < 0)
        break;
      index = (guint) best;
      charge (self, prepared, index);
      /* Every rule is local to an instance: only this one's verdict moved. */
      fits[index] = check (self, prepared, index) == C3V_BLOCK_NONE;
      g_array_append_val (placed, index);
    }

  g_rand_free (rand);
  return placed;
}

GArray *
c3v_capacity_place (C3vCapacity *self, const C3vTaskRequest *request, C3vStrategy strategy, guint n,
                    guint32 seed)
{
  Prepared prepared;
  GArray  *placed;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  prepare (self, request,
           strategy == C3V_STRATEGY_SPREAD_AZ || strategy == C3V_STRATEGY_SPREAD_INSTANCE,
           &prepared);
  placed = place (self, &prepared, strategy, n, seed);
  prepared_clear (&prepared);
  return placed;
}

/* ------------------------------------------------------------ room left */

static gboolean
open_for_tasks (C3vCapacity *self, guint index)
{
  return self->slots[index].closed == C3V_BLOCK_NONE;
}

gboolean
c3v_capacity_largest_placeable (C3vCapacity *self, guint32 *memory, guint32 *cpu)
{
  gint64  best_memory = -1, best_cpu = -1;
  guint64 best_area = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_slots; i++)
    {
      const Slot *slot = &self->slots[i];
      gint64      free_memory = MAX (slot->free_memory, 0);
      gint64      free_cpu = MAX (slot->free_cpu, 0);
      guint64     area = (guint64) free_memory * (guint64) free_cpu;

      if (!open_for_tasks (self, i) || free_memory == 0)
        continue;
      if (best_memory < 0 || area > best_area
          || (area == best_area
              && (free_memory > best_memory
                  || (free_memory == best_memory && free_cpu > best_cpu))))
        {
          best_area = area;
          best_memory = free_memory;
          best_cpu = free_cpu;
        }
    }

  if (memory != NULL)
    *memory = best_memory > 0 ? (guint32) MIN (best_memory, G_MAXUINT32) : 0;
  if (cpu != NULL)
    *cpu = best_cpu > 0 ? (guint32) MIN (best_cpu, G_MAXUINT32) : 0;
  return best_memory > 0;
}

typedef struct
{
  guint32 memory;
  guint32 cpu;
} Shape;

static int
compare_shapes_decreasing (gconstpointer a, gconstpointer b)
{
  const Shape *first = a;
  const Shape *second = b;

  if (first->memory != second->memory)
    return first->memory > second->memory ? -1 : 1;
  if (first->cpu != second->cpu)
    return first->cpu > second->cpu ? -1 : 1;
  return 0;
}

/* The reservations of the tasks on instances (not those stopping). */
static GArray *
placed_task_shapes (C3vSnapshot *snapshot)
{
  GArray *shapes = g_array_new (FALSE, FALSE, sizeof (Shape));

  for (guint i = 0; i < c3v_snapshot_get_n_tasks (snapshot); i++)
    {
      const C3vTask *task = c3v_snapshot_get_task (snapshot, i);
      Shape          shape = { task->reserved_memory, task->reserved_cpu };

      if (task->instance_index >= 0)
        g_array_append_val (shapes, shape);
    }
  g_array_sort (shapes, compare_shapes_decreasing);
  return shapes;
}

static GArray *
distinct_shapes (GArray *shapes)
{
  GArray *distinct = g_array_new (FALSE, FALSE, sizeof (Shape));

  for (guint i = 0; i < shapes->len; i++)
    {
      Shape *shape = &g_array_index (shapes, Shape, i);

      if (distinct->len == 0
          || compare_shapes_decreasing (shape, &g_array_index (distinct, Shape, distinct->len - 1))
                 != 0)
        g_array_append_val (distinct, *shape);
    }
  return distinct;
}

/* Why no shape fits in (@memory, @cpu): C3V_BLOCK_NONE when one does. */
static C3vBlock
stranded_by (GArray *shapes, gint64 memory, gint64 cpu)
{
  gboolean memory_would_do = FALSE;

  if (shapes->len == 0 || (memory <= 0 && cpu <= 0))
    return C3V_BLOCK_NONE;

  for (guint i = 0; i < shapes->len; i++)
    {
      const Shape *shape = &g_array_index (shapes, Shape, i);

      if (shape->memory <= memory && shape->cpu <= cpu)
        return C3V_BLOCK_NONE;
      memory_would_do |= shape->memory <= memory;
    }
  return memory_would_do ? C3V_BLOCK_CPU : C3V_BLOCK_MEMORY;
}

typedef struct
{
  gint64 memory;
  gint64 cpu;
  guint  used;
} Bin;

static int
compare_bins_decreasing (gconstpointer a, gconstpointer b)
{
  const Bin *first = a;
  const Bin *second = b;

  if (first->memory != second->memory)
    return first->memory > second->memory ? -1 : 1;
  return first->cpu > second->cpu ? -1 : first->cpu < second->cpu;
}

/* First-fit-decreasing: @shapes (sorted, largest first) into the
 * instances' registered sizes, largest first. */
static guint
repack_estimate (C3vSnapshot *snapshot, GArray *shapes)
{
  guint           n = c3v_snapshot_get_n_instances (snapshot);
  g_autofree Bin *bins = g_new0 (Bin, MAX (n, 1));
  guint           used = 0;

  for (guint i = 0; i < n; i++)
    {
      const C3vInstance *instance = c3v_snapshot_get_instance (snapshot, i);

      bins[i].memory = instance->registered_memory;
      bins[i].cpu = instance->registered_cpu;
    }
  qsort (bins, n, sizeof (Bin), compare_bins_decreasing);

  for (guint i = 0; i < shapes->len; i++)
    {
      const Shape *shape = &g_array_index (shapes, Shape, i);

      for (guint b = 0; b < n; b++)
        if (bins[b].memory >= shape->memory && bins[b].cpu >= shape->cpu)
          {
            bins[b].memory -= shape->memory;
            bins[b].cpu -= shape->cpu;
            used += bins[b].used++ == 0;
            break;
          }
    }
  return used;
}

C3vFragmentation *
c3v_capacity_fragmentation (C3vCapacity *self)
{
  C3vFragmentation *result;
  g_autoptr (GArray) shapes = NULL;
  g_autoptr (GArray) distinct = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  shapes = placed_task_shapes (self->snapshot);
  distinct = distinct_shapes (shapes);
  result = g_new0 (C3vFragmentation, 1);
  result->n_instances = self->n_slots;
  result->instance_stranded_memory = g_new0 (guint32, MAX (self->n_slots, 1));
  result->instance_stranded_cpu = g_new0 (guint32, MAX (self->n_slots, 1));
  result->instance_stranded_by = g_new0 (C3vBlock, MAX (self->n_slots, 1));
  c3v_capacity_largest_placeable (self, &result->largest_memory, &result->largest_cpu);

  for (guint i = 0; i < self->n_slots; i++)
    {
      const Slot *slot = &self->slots[i];
      gint64      memory = MAX (slot->free_memory, 0);
      gint64      cpu = MAX (slot->free_cpu, 0);

      result->instances_in_use += c3v_snapshot_get_instance (self->snapshot, i)->n_tasks > 0;
      if (!open_for_tasks (self, i))
        continue;

      result->free_memory += (guint64) memory;
      result->free_cpu += (guint64) cpu;
      result->instance_stranded_by[i] = stranded_by (distinct, memory, cpu);
      if (result->instance_stranded_by[i] == C3V_BLOCK_NONE)
        continue;
      result->instance_stranded_memory[i] = (guint32) MIN (memory, G_MAXUINT32);
      result->instance_stranded_cpu[i] = (guint32) MIN (cpu, G_MAXUINT32);
      result->stranded_memory += (guint64) memory;
      result->stranded_cpu += (guint64) cpu;
    }

  result->repack_instances = repack_estimate (self->snapshot, shapes);
  return result;
}

void
c3v_fragmentation_free (C3vFragmentation *fragmentation)
{
  if (fragmentation == NULL)
    return;

  g_free (fragmentation->instance_stranded_memory);
  g_free (fragmentation->instance_stranded_cpu);
  g_free (fragmentation->instance_stranded_by);
  g_free (fragmentation);
}

/* ------------------------------------------------------------ drain */

static C3vTaskRequest *
request_for_task (const C3vTask *task, C3vDefinitionLookup lookup, gpointer user_data)
{
  const C3vTaskDefinition *definition = lookup != NULL && task->task_definition_arn != NULL
                                            ? lookup (task->task_definition_arn, user_data)
                                            : NULL;
  C3vTaskRequest *request = definition != NULL ? c3v_task_request_new_from_definition (definition)
                                               : c3v_task_request_new (0, 0);

  /* What the task reserves is what it placed with (overrides included). */
  request->memory = task->reserved_memory;
  request->cpu = task->reserved_cpu;
  if (task->network_mode != NULL)
    request->network_mode = c3v_network_mode_from_string (task->network_mode);
  if (request->family == NULL)
    request->family = g_strdup (task->family);
  return request;
}

C3vDrain *
c3v_capacity_drain (C3vCapacity *self, guint instance, C3vStrategy strategy, guint32 seed,
                    C3vDefinitionLookup lookup, gpointer user_data)
{
  const C3vInstance *drained;
  C3vDrain          *drain;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (instance < self->n_slots, NULL);

  drained = c3v_snapshot_get_instance (self->snapshot, instance);
  c3v_capacity_exclude (self, instance);
  drain = g_new0 (C3vDrain, 1);
  drain->instance = instance;
  drain->placed = g_array_new (FALSE, FALSE, sizeof (C3vDrainPlacement));
  drain->unplaced = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < drained->n_tasks; i++)
    {
      guint          index = drained->task_indices[i];
      const C3vTask *task = c3v_snapshot_get_task (self->snapshot, index);
      g_autoptr (C3vTaskRequest) request = NULL;
      g_autoptr (GArray) placed = NULL;

      /* A task on its way down is not started again elsewhere. */
      if (g_strcmp0 (task->desired_status, "STOPPED") == 0)
        continue;

      request = request_for_task (task, lookup, user_data);
      placed = c3v_capacity_place (self, request, strategy, 1, seed + i);
      if (placed->len > 0)
        {
          C3vDrainPlacement placement = { index, g_array_index (placed, guint, 0) };

          g_array_append_val (drain->placed, placement);
        }
      else
        g_array_append_val (drain->unplaced, index);
    }

  return drain;
}

void
c3v_drain_free (C3vDrain *drain)
{
  if (drain == NULL)
    return;

  g_array_unref (drain->placed);
  g_array_unref (drain->unplaced);
  g_free (drain);
}
