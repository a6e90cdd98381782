/* c3v-window.c: the main window: header bar, cluster sidebar, cluster view.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-cluster-view.h"
#include "c3v-window.h"

struct _C3vWindow
{
  GtkApplicationWindow parent_instance;

  GSettings *settings;

  /* Template children */
  GtkDropDown      *profile_dropdown;
  GtkDropDown      *region_dropdown;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkToggleButton  *search_button;
  GtkInfoBar       *banner;
  GtkLabel         *banner_label;
  GtkButton        *banner_button;
  GtkSearchEntry   *cluster_filter;
  GtkStack         *sidebar_stack;
  GtkListBox       *cluster_list;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  GtkProgressBar   *progress_bar;
  GtkStack         *view_stack;
  C3vClusterView   *cluster_view;
  GtkListBox       *legend_list;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (C3vWindow, c3v_window, GTK_TYPE_APPLICATION_WINDOW)

static void
c3v_window_save_state (C3vWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
c3v_window_restore_state (C3vWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
c3v_window_close_request (GtkWindow *window)
{
  c3v_window_save_state (C3V_WINDOW (window));

  return GTK_WINDOW_CLASS (c3v_window_parent_class)->close_request (window);
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  C3vWindow *self = C3V_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
}

static void
c3v_window_add_settings_actions (C3vWindow *self)
{
  static const char *keys[] = {
    "resource", "sort-order", "grouping", "auto-refresh", "color-by-service",
  };
  GActionMap *map = G_ACTION_MAP (self);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (GAction) action = g_settings_create_action (self->settings, keys[i]);

      g_action_map_add_action (map, action);
    }
}

static void
c3v_window_constructed (GObject *object)
{
  C3vWindow *self = C3V_WINDOW (object);
  GApplication *app = g_application_get_default ();

  G_OBJECT_CLASS (c3v_window_parent_class)->constructed (object);

  self->settings = g_object_ref (c3v_application_get_settings (C3V_APPLICATION (app)));
  c3v_window_restore_state (self);
  c3v_window_add_settings_actions (self);
}

static void
c3v_window_dispose (GObject *object)
{
  C3vWindow *self = C3V_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), C3V_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (c3v_window_parent_class)->dispose (object);
}

static void
c3v_window_class_init (C3vWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = c3v_window_constructed;
  object_class->dispose = c3v_window_dispose;
  window_class->close_request = c3v_window_close_request;

  g_type_ensure (C3V_TYPE_CLUSTER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/c3v-window.ui");
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, cluster_filter);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, cluster_list);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, cluster_view);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, legend_list);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, status_label);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_activated);
}

static void
c3v_window_init (C3vWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}

C3vWindow *
c3v_window_new (C3vApplication *application)
{
  return g_object_new (C3V_TYPE_WINDOW, "application", application, NULL);
}
