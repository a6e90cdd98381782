/* c3v-window-header.c: the profile and region drop-downs of the header bar.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-aws-config.h"
#include "c3v-aws-regions.h"
#include "c3v-window-private.h"

static void
set_dropdown_strings (GtkDropDown *dropdown, const char *const *strings, const char *selected)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (strings);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; strings[i] != NULL; i++)
    if (g_strcmp0 (strings[i], selected) == 0)
      position = i;

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, position);
}

void
c3v_window_update_dropdowns (C3vWindow *self)
{
  g_auto (GStrv) profiles = c3v_aws_config_list_profiles ();
  g_autoptr (GStrvBuilder) profile_items = g_strv_builder_new ();
  g_auto (GStrv) items = NULL;
  g_auto (GStrv) regions = NULL;
  gboolean    demo = self->connection != NULL && c3v_connection_is_demo (self->connection);
  const char *region
      = self->connection != NULL ? c3v_connection_get_region (self->connection) : self->region;
  const char *profile
      = self->connection != NULL ? c3v_connection_get_profile (self->connection) : self->profile;

  self->updating_dropdowns = TRUE;

  g_strv_builder_addv (profile_items, (const char **) profiles);
  /* The profile in use may exist only implicitly (environment keys, a
   * "default" only in the credentials file): list it anyway. */
  if (!demo && profile != NULL && !g_strv_contains ((const char *const *) profiles, profile))
    g_strv_builder_add (profile_items, profile);
  /* Translators: the last entry of the profile drop-down. */
  g_strv_builder_add (profile_items, _ ("Demo account"));
  items = g_strv_builder_end (profile_items);
  set_dropdown_strings (self->profile_dropdown, (const char *const *) items,
                        demo ? items[g_strv_length (items) - 1] : profile);

  regions = c3v_aws_regions_list (region);
  set_dropdown_strings (self->region_dropdown, (const char *const *) regions, region);
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_dropdown), !demo);

  self->updating_dropdowns = FALSE;
}

static const char *
dropdown_selected_string (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

/* Reconnects from an idle, not from inside the drop-down's own "selected"
 * notification: connecting rebuilds the drop-downs' models, which GTK
 * would otherwise answer with one more notification. */
static gboolean
reconnect_idle (gpointer user_data)
{
  C3vWindow *self = user_data;

  self->reconnect_id = 0;
  c3v_window_connect (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reconnect (C3vWindow *self)
{
  g_clear_pointer (&self->cluster, g_free);
  if (self->reconnect_id == 0)
    self->reconnect_id = g_idle_add (reconnect_idle, self);
}

void
c3v_window_on_profile_selected (GtkDropDown *dropdown, GParamSpec *pspec, C3vWindow *self)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint       selected = gtk_drop_down_get_selected (dropdown);
  const char *profile;

  if (self->updating_dropdowns || model == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  /* The demo is the last entry; "" stands for it. */
  profile
      = selected + 1 == g_list_model_get_n_items (model) ? "" : dropdown_selected_string (dropdown);
  if (g_strcmp0 (profile, self->profile) == 0)
    return;

  g_free (self->profile);
  self->profile = g_strdup (profile);
  if (*profile != '\0')
    g_settings_set_string (self->settings, "profile", profile);
  queue_reconnect (self);
}

void
c3v_window_on_region_selected (GtkDropDown *dropdown, GParamSpec *pspec, C3vWindow *self)
{
  const char *region = dropdown_selected_string (dropdown);
  const char *current
      = self->connection != NULL ? c3v_connection_get_region (self->connection) : self->region;

  if (self->updating_dropdowns || region == NULL || g_strcmp0 (region, current) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);
  g_settings_set_string (self->settings, "region", region);
  queue_reconnect (self);
}
