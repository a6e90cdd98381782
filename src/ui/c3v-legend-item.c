/* c3v-legend-item.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-legend-item.h"

struct _C3vLegendItem
{
  GObject parent_instance;

  char    *label;
  C3vRgba  color;
  guint    n_tasks;
  gboolean highlighted;
};

enum
{
  PROP_0,
  PROP_HIGHLIGHTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (C3vLegendItem, c3v_legend_item, G_TYPE_OBJECT)

static void
c3v_legend_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  C3vLegendItem *self = C3V_LEGEND_ITEM (object);

  switch (prop_id)
    {
      case PROP_HIGHLIGHTED:
        g_value_set_boolean (value, self->highlighted);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
c3v_legend_item_finalize (GObject *object)
{
  g_free (C3V_LEGEND_ITEM (object)->label);

  G_OBJECT_CLASS (c3v_legend_item_parent_class)->finalize (object);
}

static void
c3v_legend_item_class_init (C3vLegendItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = c3v_legend_item_get_property;
  object_class->finalize = c3v_legend_item_finalize;

  properties[PROP_HIGHLIGHTED]
      = g_param_spec_boolean ("highlighted", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
c3v_legend_item_init (C3vLegendItem *self)
{
}

C3vLegendItem *
c3v_legend_item_new (const C3vLegendEntry *entry)
{
  C3vLegendItem *self = g_object_new (C3V_TYPE_LEGEND_ITEM, NULL);

  self->label = g_strdup (entry->label);
  self->color = entry->color;
  self->n_tasks = entry->n_tasks;

  return self;
}

const char *
c3v_legend_item_get_label (C3vLegendItem *self)
{
  g_return_val_if_fail (C3V_IS_LEGEND_ITEM (self), NULL);

  return self->label;
}

const C3vRgba *
c3v_legend_item_get_color (C3vLegendItem *self)
{
  g_return_val_if_fail (C3V_IS_LEGEND_ITEM (self), NULL);

  return &self->color;
}

guint
c3v_legend_item_get_n_tasks (C3vLegendItem *self)
{
  g_return_val_if_fail (C3V_IS_LEGEND_ITEM (self), 0);

  return self->n_tasks;
}

gboolean
c3v_legend_item_get_highlighted (C3vLegendItem *self)
{
  g_return_val_if_fail (C3V_IS_LEGEND_ITEM (self), FALSE);

  return self->highlighted;
}

void
c3v_legend_item_set_highlighted (C3vLegendItem *self, gboolean highlighted)
{
  g_return_if_fail (C3V_IS_LEGEND_ITEM (self));

  highlighted = !!highlighted;
  if (self->highlighted == highlighted)
    return;

  self->highlighted = highlighted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED]);
}
