/* c3v-legend.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-legend.h"

struct _C3vLegend
{
  GObject parent_instance;

  GPtrArray  *items;     /* of C3vLegendItem */
  GStrv       highlight; /* NULL for none */
  char       *key;       /* cluster and colouring of the items */
  GHashTable *chosen;    /* key -> GStrv: the highlight last chosen there */
};

enum
{
  HIGHLIGHT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void c3v_legend_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (C3vLegend, c3v_legend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      c3v_legend_list_model_init))

static GType
c3v_legend_get_item_type (GListModel *model)
{
  return C3V_TYPE_LEGEND_ITEM;
}

static guint
c3v_legend_get_n_items (GListModel *model)
{
  return C3V_LEGEND (model)->items->len;
}

static gpointer
c3v_legend_get_item (GListModel *model, guint position)
{
  C3vLegend *self = C3V_LEGEND (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position))
                                     : NULL;
}

static void
c3v_legend_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = c3v_legend_get_item_type;
  iface->get_n_items = c3v_legend_get_n_items;
  iface->get_item = c3v_legend_get_item;
}

static void
c3v_legend_finalize (GObject *object)
{
  C3vLegend *self = C3V_LEGEND (object);

  g_ptr_array_unref (self->items);
  g_strfreev (self->highlight);
  g_free (self->key);
  g_hash_table_unref (self->chosen);

  G_OBJECT_CLASS (c3v_legend_parent_class)->finalize (object);
}

static void
c3v_legend_class_init (C3vLegendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = c3v_legend_finalize;

  /**
   * C3vLegend::highlight-changed:
   *
   * Other entries (or none) are highlighted now.
   */
  signals[HIGHLIGHT_CHANGED]
      = g_signal_new ("highlight-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
}

static void
c3v_legend_init (C3vLegend *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->chosen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

C3vLegend *
c3v_legend_new (void)
{
  return g_object_new (C3V_TYPE_LEGEND, NULL);
}

/* Highlights live per cluster and colouring: labels of one colouring
 * mean nothing in the other, and each cluster has its own tasks. */
static char *
key_of (C3vLayout *layout)
{
  return g_strdup_printf (
      "%s\n%s", c3v_snapshot_get_cluster_name (c3v_layout_get_snapshot (layout)),
      c3v_layout_get_options (layout)->color_by_service ? "service" : "definition");
}

/* The items marked highlighted make the highlight. */
static void
update_highlight (C3vLegend *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) highlight = NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      C3vLegendItem *item = g_ptr_array_index (self->items, i);

      if (c3v_legend_item_get_highlighted (item))
        g_strv_builder_add (builder, c3v_legend_item_get_label (item));
    }
  highlight = g_strv_builder_end (builder);
  if (highlight[0] == NULL)
    g_clear_pointer (&highlight, g_strfreev);

  if (self->highlight == NULL && highlight == NULL)
    return;
  if (self->highlight != NULL && highlight != NULL
      && g_strv_equal ((const char *const *) self->highlight, (const char *const *) highlight))
    return;

  g_strfreev (self->highlight);
  self->highlight = g_steal_pointer (&highlight);
  g_signal_emit (self, signals[HIGHLIGHT_CHANGED], 0);
}

/* What the user chose, remembered for this cluster and colouring. */
static void
remember_highlight (C3vLegend *self)
{
  if (self->key == NULL)
    return;

  if (self->highlight != NULL)
    g_hash_table_insert (self->chosen, g_strdup (self->key), g_strdupv (self->highlight));
  else
    g_hash_table_remove (self->chosen, self->key);
}

void
c3v_legend_set_layout (C3vLegend *self, C3vLayout *layout)
{
  const C3vLegendEntry *entries = NULL;
  guint                 n_entries = 0;
  guint                 n_removed;
  const char *const    *chosen = NULL;

  g_return_if_fail (C3V_IS_LEGEND (self));

  g_clear_pointer (&self->key, g_free);
  if (layout != NULL)
    {
      entries = c3v_layout_get_legend (layout, &n_entries);
      self->key = key_of (layout);
      chosen = g_hash_table_lookup (self->chosen, self->key);
    }

  n_removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < n_entries; i++)
    {
      C3vLegendItem *item = c3v_legend_item_new (&entries[i]);

      c3v_legend_item_set_highlighted (item, chosen != NULL
                                                 && g_strv_contains (chosen, entries[i].label));
      g_ptr_array_add (self->items, item);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_removed, n_entries);
  update_highlight (self);
}

static gboolean
highlighted_alone (C3vLegend *self, C3vLegendItem *item)
{
  return c3v_legend_item_get_highlighted (item) && self->highlight != NULL
         && g_strv_length (self->highlight) == 1;
}

void
c3v_legend_activate (C3vLegend *self, guint position, gboolean toggle)
{
  C3vLegendItem *item;
  gboolean       highlighted;

  g_return_if_fail (C3V_IS_LEGEND (self));
  g_return_if_fail (position < self->items->len);

  item = g_ptr_array_index (self->items, position);
  highlighted = toggle ? !c3v_legend_item_get_highlighted (item) : !highlighted_alone (self, item);
  if (!toggle)
    for (guint i = 0; i < self->items->len; i++)
      c3v_legend_item_set_highlighted (g_ptr_array_index (self->items, i), FALSE);
  c3v_legend_item_set_highlighted (item, highlighted);
  update_highlight (self);
  remember_highlight (self);
}

void
c3v_legend_clear_highlight (C3vLegend *self)
{
  g_return_if_fail (C3V_IS_LEGEND (self));

  for (guint i = 0; i < self->items->len; i++)
    c3v_legend_item_set_highlighted (g_ptr_array_index (self->items, i), FALSE);
  update_highlight (self);
  remember_highlight (self);
}

const char *const *
c3v_legend_get_highlight (C3vLegend *self)
{
  g_return_val_if_fail (C3V_IS_LEGEND (self), NULL);

  return (const char *const *) self->highlight;
}
