/* c3v-window.c: the main window: header bar, cluster sidebar, cluster view.
 *
 * The window owns one C3vConnection (profile + region, or the demo) and
 * drives its loader: listing clusters fills the sidebar, selecting one
 * loads it, and partial snapshots fill the view while pages arrive.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-aws-config.h"
#include "c3v-cluster-row.h"
#include "c3v-legend-row.h"
#include "c3v-task-counts.h"
#include "c3v-window-private.h"

G_DEFINE_FINAL_TYPE (C3vWindow, c3v_window, GTK_TYPE_APPLICATION_WINDOW)

static void c3v_window_load_selected (C3vWindow *self);
static void update_match_count (C3vWindow *self);

/* ---------------------------------------------------------------- state */

static void
c3v_window_save_state (C3vWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (self->cluster != NULL && self->connection != NULL
      && !c3v_connection_is_demo (self->connection))
    g_settings_set_string (self->settings, "last-cluster", self->cluster);
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
  C3vWindow *self = C3V_WINDOW (window);

  c3v_window_save_state (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (c3v_window_parent_class)->close_request (window);
}

/* GTK 4.8 has no gtk_list_box_remove_all(). */
static void
list_box_clear (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* ---------------------------------------------------------------- banner */

void
c3v_window_show_banner (C3vWindow *self, GtkMessageType type, const char *message,
                        gboolean offer_retry)
{
  gtk_info_bar_set_message_type (self->banner, type);
  gtk_label_set_text (self->banner_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), offer_retry);
  gtk_info_bar_set_revealed (self->banner, TRUE);
}

static void
hide_banner (C3vWindow *self)
{
  gtk_info_bar_set_revealed (self->banner, FALSE);
}

/* What to do about an error, said after what went wrong. */
void
c3v_window_show_error (C3vWindow *self, const char *context, const GError *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", context, error->message);

  c3v_window_show_banner (self, GTK_MESSAGE_ERROR, message, TRUE);
}

static void
on_banner_response (GtkInfoBar *banner, int response, C3vWindow *self)
{
  hide_banner (self);
}

static void
on_retry_clicked (GtkButton *button, C3vWindow *self)
{
  hide_banner (self);
  if (self->connection == NULL || self->current_row == NULL)
    c3v_window_connect (self);
  else
    c3v_window_load_selected (self);
}

/* ---------------------------------------------------------------- view */

static void
show_empty_page (C3vWindow *self, const char *title, const char *description)
{
  gtk_label_set_text (self->empty_title, title);
  gtk_label_set_text (self->empty_description, description);
  gtk_stack_set_visible_child_name (self->view_stack, "empty");
}

void
c3v_window_set_progress (C3vWindow *self, const char *phase, guint done, guint total)
{
  g_autofree char *text = NULL;

  /* A load and an export share the bar: the export's lasts until it ends. */
  if (phase == NULL && self->exporting)
    {
      phase = _ ("Exporting");
      total = 0;
    }

  if (phase == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      return;
    }

  text = total > 0 ? g_strdup_printf ("%s %u/%u", phase, done, total) : g_strdup (phase);
  gtk_progress_bar_set_text (self->progress_bar, text);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
}

static C3vEcsClient *
client_of (C3vConnection *connection)
{
  return c3v_loader_get_client (c3v_connection_get_loader (connection));
}

static void
update_status (C3vWindow *self, C3vSnapshot *snapshot)
{
  g_autoptr (GDateTime) fetched = NULL;
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *instances = NULL;
  guint            n_failures, running, pending;

  /* A load that takes its time says why. */
  if (self->loading && self->connection != NULL
      && c3v_ecs_client_get_throttled (client_of (self->connection)))
    {
      gtk_label_set_text (self->status_label, _ ("Slowed down by ECS throttling"));
      return;
    }

  if (snapshot == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      return;
    }

  /* Counts are only said of a complete picture: a load that stopped or is
   * still under way has not counted everything. */
  if (!c3v_snapshot_is_complete (snapshot))
    {
      if (self->load_error != NULL)
        text = g_strdup_printf (_ ("Incomplete picture, loading failed: %s"), self->load_error);
      gtk_label_set_text (self->status_label, text != NULL ? text : _ ("Loading…"));
      return;
    }

  fetched = g_date_time_new_from_unix_local (c3v_snapshot_get_fetched_at (snapshot) / 1000);
  if (self->load_error != NULL)
    {
      /* The last complete picture stays on screen, marked stale. */
      time = g_date_time_format (fetched, "%H:%M");
      /* Translators: status line; %s are the time and the error. */
      text = g_strdup_printf (_ ("Last updated %s, refresh failed: %s"), time, self->load_error);
      gtk_label_set_text (self->status_label, text);
      return;
    }

  time = g_date_time_format (fetched, "%X");
  n_failures = c3v_snapshot_get_n_failures (snapshot);
  c3v_task_counts_of_snapshot (snapshot, &running, &pending);
  tasks = c3v_task_counts_format (running, pending);
  instances = c3v_task_counts_group_digits (c3v_snapshot_get_n_instances (snapshot));
  /* Translators: status line; the second %s is "N running · M pending",
   * the last %u counts describe failures. */
  text = g_strdup_printf (_ ("Fetched at %s · %s instances · %s · %u services · %u failures"), time,
                          instances, tasks, c3v_snapshot_get_n_services (snapshot), n_failures);
  gtk_label_set_text (self->status_label, text);
}

static void
show_snapshot (C3vWindow *self, C3vSnapshot *snapshot)
{
  guint n_unplaced = 0;

  c3v_snapshot_get_unplaced_tasks (snapshot, &n_unplaced);
  c3v_cluster_view_set_snapshot (self->cluster_view, snapshot);
  update_status (self, snapshot);

  if (c3v_snapshot_get_n_instances (snapshot) == 0 && n_unplaced == 0
      && c3v_snapshot_is_complete (snapshot))
    show_empty_page (self, _ ("Nothing Runs Here"),
                     _ ("This cluster has no container instances and no running tasks."));
  else
    gtk_stack_set_visible_child_name (self->view_stack, "cluster");
}

/* The legend follows the layout; "layout-changed" never comes from inside
 * an allocation, so its rows may come and go here. */
static void
on_layout_changed (C3vClusterView *view, C3vWindow *self)
{
  c3v_legend_set_layout (self->legend, c3v_cluster_view_get_layout (view));
  update_match_count (self);
}

static void
on_legend_highlight_changed (C3vLegend *legend, C3vWindow *self)
{
  gboolean any = c3v_legend_get_highlight (legend) != NULL;

  c3v_cluster_view_set_highlight (self->cluster_view, c3v_legend_get_highlight (legend));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-highlight", any);
  gtk_widget_set_visible (GTK_WIDGET (self->clear_highlight_button), any);
}

/* "activate" does not say which modifiers were held: the list view's
 * capture-phase controllers note Ctrl before its rows see the event. */
static void
on_legend_pressed (GtkGestureClick *gesture, int n_press, double x, double y, C3vWindow *self)
{
  GdkModifierType state
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->legend_toggle = (state & GDK_CONTROL_MASK) != 0;
}

static gboolean
on_legend_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                       GdkModifierType state, C3vWindow *self)
{
  self->legend_toggle = (state & GDK_CONTROL_MASK) != 0;
  return FALSE;
}

static void
on_legend_activate (GtkListView *list, guint position, C3vWindow *self)
{
  c3v_legend_activate (self->legend, position, self->legend_toggle);
  self->legend_toggle = FALSE;
}

static void
clear_highlight_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  c3v_legend_clear_highlight (C3V_WINDOW (widget)->legend);
}

static void
setup_legend_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  gtk_list_item_set_child (list_item, c3v_legend_row_new ());
}

static void
bind_legend_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  c3v_legend_row_set_item (C3V_LEGEND_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
unbind_legend_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  c3v_legend_row_set_item (C3V_LEGEND_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
init_legend (C3vWindow *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkNoSelection) selection = NULL;
  GtkGesture         *click;
  GtkEventController *keys;

  self->legend = c3v_legend_new ();
  g_signal_connect_object (self->legend, "highlight-changed",
                           G_CALLBACK (on_legend_highlight_changed), self, 0);
  /* The highlight is the legend's own state, not a list selection: moving
   * the keyboard focus through the list must not change it. */
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->legend)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_legend_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_legend_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_legend_row), NULL);
  gtk_list_view_set_factory (self->legend_view, factory);
  gtk_list_view_set_model (self->legend_view, GTK_SELECTION_MODEL (selection));

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_legend_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->legend_view), GTK_EVENT_CONTROLLER (click));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_legend_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->legend_view), keys);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-highlight", FALSE);
}

/* The status line tells what the keyboard focus is on, as a tooltip would. */
static void
on_view_focus_changed (C3vClusterView *view, C3vWindow *self)
{
  g_autofree char *text = c3v_cluster_view_dup_focus_text (view);

  if (text != NULL)
    gtk_label_set_text (self->status_label, text);
  else
    update_status (self, c3v_cluster_view_get_snapshot (view));
}

/* "12 matches" beside the search entry, for the layout on screen. */
static void
update_match_count (C3vWindow *self)
{
  const char      *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint            n = c3v_cluster_view_count_matches (self->cluster_view);
  g_autofree char *text = NULL;

  if (*search == '\0')
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_ ("No matches"));
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->match_label, text);
}

static void
on_search_changed (GtkSearchEntry *entry, C3vWindow *self)
{
  c3v_cluster_view_set_search (self->cluster_view, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_match_count (self);
}

/* ---------------------------------------------------------------- loading */

static void
on_client_throttled (C3vEcsClient *client, GParamSpec *pspec, C3vWindow *self)
{
  update_status (self, c3v_cluster_view_get_snapshot (self->cluster_view));
}

static void
on_loader_progress (C3vLoader *loader, const char *phase, guint done, guint total, C3vWindow *self)
{
  if (self->loading)
    c3v_window_set_progress (self, phase, done, total);
}

/* The snapshot on screen, if it is one of @cluster. */
static C3vSnapshot *
shown_snapshot_of (C3vWindow *self, const char *cluster)
{
  C3vSnapshot *shown = c3v_cluster_view_get_snapshot (self->cluster_view);

  if (shown == NULL || g_strcmp0 (c3v_snapshot_get_cluster_name (shown), cluster) != 0)
    return NULL;
  return shown;
}

static void
on_loader_partial (C3vLoader *loader, C3vSnapshot *snapshot, C3vWindow *self)
{
  C3vSnapshot *shown = shown_snapshot_of (self, self->cluster);

  if (!self->loading || g_strcmp0 (c3v_snapshot_get_cluster_name (snapshot), self->cluster) != 0)
    return;

  /* A refresh keeps the complete picture until the new one is complete. */
  if (shown != NULL && c3v_snapshot_is_complete (shown))
    return;

  show_snapshot (self, snapshot);
}

/* A failed refresh keeps the last complete picture, marked stale; a first
 * load that failed shows what it got, if anything, as incomplete. */
static void
on_load_failed (C3vWindow *self, C3vSnapshot *partial, const GError *error)
{
  C3vSnapshot *shown = shown_snapshot_of (self, self->cluster);

  if (shown != NULL && c3v_snapshot_is_complete (shown))
    {
      update_status (self, shown);
      c3v_window_show_error (self, _ ("Could not refresh the cluster"), error);
      return;
    }

  if (partial != NULL
      && (c3v_snapshot_get_n_instances (partial) > 0 || c3v_snapshot_get_n_tasks (partial) > 0))
    show_snapshot (self, partial);
  else
    {
      c3v_cluster_view_set_snapshot (self->cluster_view, NULL);
      update_status (self, NULL);
      show_empty_page (self, _ ("Could Not Load the Cluster"), error->message);
    }
  c3v_window_show_error (self, _ ("Could not load the cluster"), error);
}

static void
on_cluster_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (C3vWindow) self = user_data;
  g_autoptr (C3vSnapshot) partial = NULL;
  g_autoptr (C3vSnapshot) snapshot = NULL;
  g_autoptr (GError) error = NULL;

  snapshot = c3v_loader_load_finish (C3V_LOADER (source), result, &partial, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  c3v_window_set_progress (self, NULL, 0, 0);

  if (snapshot != NULL)
    {
      g_clear_pointer (&self->load_error, g_free);
      show_snapshot (self, snapshot);
      return;
    }

  g_free (self->load_error);
  self->load_error = g_strdup (error->message);
  on_load_failed (self, partial, error);
}

static void
c3v_window_load_cluster (C3vWindow *self, const char *cluster)
{
  C3vLoader       *loader = c3v_connection_get_loader (self->connection);
  g_autofree char *subtitle = NULL;

  g_free (self->cluster);
  self->cluster = g_strdup (cluster);
  self->loading = TRUE;

  gtk_label_set_text (self->title_label, cluster);
  subtitle = g_strdup_printf ("%s · %s", c3v_connection_get_profile (self->connection),
                              c3v_connection_get_region (self->connection));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);

  /* Nothing of the previous cluster may stay on screen. */
  if (shown_snapshot_of (self, cluster) == NULL)
    {
      g_clear_pointer (&self->load_error, g_free);
      c3v_cluster_view_set_snapshot (self->cluster_view, NULL);
      update_status (self, NULL);
      show_empty_page (self, cluster, _ ("Loading…"));
    }

  c3v_window_set_progress (self, _ ("Loading container instances"), 0, 0);
  c3v_loader_load_async (loader, cluster, self->cancellable, on_cluster_loaded,
                         g_object_ref (self));
}

static void
c3v_window_load_selected (C3vWindow *self)
{
  if (self->current_row != NULL && self->connection != NULL)
    c3v_window_load_cluster (self, c3v_cluster_row_get_name (C3V_CLUSTER_ROW (self->current_row)));
}

/* The sidebar's row of the cluster shown. It is not the list's selection:
 * the keyboard focus moves through the rows without loading each cluster
 * it passes; Enter or a click (row-activated) chooses. */
static void
set_current_row (C3vWindow *self, GtkListBoxRow *row)
{
  if (self->current_row != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->current_row), "current");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->current_row),
                                   GTK_ACCESSIBLE_STATE_SELECTED, FALSE, -1);
    }
  self->current_row = row;
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "current");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
    }
}

static void
on_cluster_row_activated (GtkListBox *list, GtkListBoxRow *row, C3vWindow *self)
{
  set_current_row (self, row);
  c3v_window_load_selected (self);
}

/* ---------------------------------------------------------------- clusters */

/* The cluster to select: the one shown before, else the command line's,
 * else the one selected when the window last closed. */
static char *
dup_preferred_cluster (C3vWindow *self)
{
  const C3vOptions *options = c3v_application_get_options (self->app);

  if (self->cluster != NULL)
    return g_strdup (self->cluster);
  if (options->cluster != NULL)
    return g_strdup (options->cluster);
  return g_settings_get_string (self->settings, "last-cluster");
}

/* How well a cluster opens the window when none was asked for: one with
 * instances shows the most, one with only Fargate tasks still something,
 * an empty one nothing. */
static guint
cluster_interest (const C3vClusterSummary *summary)
{
  if (summary->registered_instances > 0)
    return 2;
  return summary->running_tasks > 0 ? 1 : 0;
}

/* The cluster the command line asked for, until one has been shown. */
static const char *
asked_cluster (C3vWindow *self)
{
  return self->cluster == NULL ? c3v_application_get_options (self->app)->cluster : NULL;
}

/* A cluster asked for by name that is not there is said, not silently
 * replaced by another: the user chooses in the sidebar. */
static void
show_missing_cluster (C3vWindow *self, const char *cluster)
{
  g_autofree char *message
      = g_strdup_printf (_ ("There is no cluster “%s” in %s. Choose one in the sidebar."), cluster,
                         c3v_connection_get_region (self->connection));

  c3v_window_show_banner (self, GTK_MESSAGE_WARNING, message, FALSE);
  show_empty_page (self, _ ("Cluster Not Found"), message);
  gtk_widget_grab_focus (GTK_WIDGET (self->cluster_list));
}

static void
fill_cluster_list (C3vWindow *self, GPtrArray *clusters)
{
  g_autofree char *wanted = dup_preferred_cluster (self);
  const char      *asked = asked_cluster (self);
  GtkListBoxRow   *selected = NULL;
  guint            best = 0;

  set_current_row (self, NULL);
  list_box_clear (self->cluster_list);
  for (guint i = 0; i < clusters->len; i++)
    {
      const C3vClusterSummary *summary = g_ptr_array_index (clusters, i);
      GtkWidget               *row = c3v_cluster_row_new (summary);
      /* The cluster asked for wins; else the first of the most interest. */
      guint interest = g_strcmp0 (summary->name, wanted) == 0 ? 3 : cluster_interest (summary);

      gtk_list_box_append (self->cluster_list, row);
      if (selected == NULL || interest > best)
        {
          selected = GTK_LIST_BOX_ROW (row);
          best = interest;
        }
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, clusters->len > 0 ? "list" : "empty");
  if (asked != NULL && best < 3)
    show_missing_cluster (self, asked);
  else if (selected != NULL)
    {
      set_current_row (self, selected);
      gtk_widget_grab_focus (GTK_WIDGET (selected));
      c3v_window_load_selected (self);
    }
  else
    show_empty_page (
        self, _ ("No Clusters"),
        _ ("There are no ECS clusters in this account and region. Try another region."));
}

static void
on_clusters_listed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (C3vWindow) self = user_data;
  g_autoptr (GPtrArray) clusters = NULL;
  g_autoptr (GError) error = NULL;

  clusters = c3v_loader_list_clusters_finish (C3V_LOADER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->sidebar_spinner);
  if (clusters == NULL)
    {
      gtk_label_set_text (self->sidebar_empty_label, _ ("Could not list clusters"));
      gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
      show_empty_page (self, _ ("Could Not List Clusters"), error->message);
      c3v_window_show_error (self, _ ("Could not list clusters"), error);
      return;
    }

  gtk_label_set_text (self->sidebar_empty_label, _ ("No clusters in this region"));
  fill_cluster_list (self, clusters);
}

static gboolean
cluster_filter_func (GtkListBoxRow *row, gpointer user_data)
{
  C3vWindow       *self = user_data;
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->cluster_filter));
  g_autofree char *needle = g_utf8_casefold (text, -1);
  g_autofree char *name = g_utf8_casefold (c3v_cluster_row_get_name (C3V_CLUSTER_ROW (row)), -1);

  return strstr (name, needle) != NULL;
}

/* Shown by the list when the filter hides every cluster. */
static GtkWidget *
no_matching_clusters_label (void)
{
  GtkWidget *label = gtk_label_new (_ ("No matching clusters"));

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  return label;
}

static void
on_cluster_filter_changed (GtkSearchEntry *entry, C3vWindow *self)
{
  gtk_list_box_invalidate_filter (self->cluster_list);
}

/* ---------------------------------------------------------------- connection */

static void
set_connection (C3vWindow *self, C3vConnection *connection)
{
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (c3v_connection_get_loader (self->connection), self);
      g_signal_handlers_disconnect_by_data (client_of (self->connection), self);
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->connection, connection);
  self->loading = FALSE;
  c3v_window_set_progress (self, NULL, 0, 0);
  gtk_label_set_text (self->title_label, "c3vis");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  c3v_cluster_view_set_snapshot (self->cluster_view, NULL);
  update_status (self, NULL);
  set_current_row (self, NULL);
  list_box_clear (self->cluster_list);

  if (connection == NULL)
    return;

  c3v_ecs_client_set_max_in_flight (client_of (connection),
                                    g_settings_get_uint (self->settings, "max-requests-in-flight"));
  c3v_loader_set_load_timeout (c3v_connection_get_loader (connection),
                               g_settings_get_uint (self->settings, "load-timeout"));
  g_signal_connect (c3v_connection_get_loader (connection), "progress",
                    G_CALLBACK (on_loader_progress), self);
  g_signal_connect (c3v_connection_get_loader (connection), "partial",
                    G_CALLBACK (on_loader_partial), self);
  g_signal_connect (client_of (connection), "notify::throttled", G_CALLBACK (on_client_throttled),
                    self);
}

static void
list_clusters (C3vWindow *self)
{
  gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");
  gtk_spinner_start (self->sidebar_spinner);
  show_empty_page (self, _ ("Loading Clusters…"),
                   _ ("Listing the ECS clusters of this account and region."));
  c3v_loader_list_clusters_async (c3v_connection_get_loader (self->connection), self->cancellable,
                                  on_clusters_listed, g_object_ref (self));
}

static gboolean
wants_demo (C3vWindow *self, gboolean *fallback)
{
  const C3vOptions *options = c3v_application_get_options (self->app);

  *fallback = FALSE;
  if (g_strcmp0 (self->profile, "") == 0)
    return TRUE;

  /* First run without any AWS setup: show the demo rather than an error. */
  if (options->endpoint_url == NULL && !c3v_aws_config_have_credentials (self->profile))
    *fallback = TRUE;

  return *fallback;
}

void
c3v_window_connect (C3vWindow *self)
{
  const C3vOptions *options = c3v_application_get_options (self->app);
  g_autoptr (C3vConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  gboolean fallback;

  hide_banner (self);
  if (wants_demo (self, &fallback))
    connection = c3v_connection_new_demo (&error);
  else
    connection = c3v_connection_new (self->profile, self->region, options->endpoint_url, &error);

  set_connection (self, connection);
  c3v_window_update_dropdowns (self);

  if (connection == NULL)
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
      show_empty_page (self, _ ("Could Not Connect to AWS"), error->message);
      c3v_window_show_error (self, _ ("Could not connect to AWS"), error);
      return;
    }

  if (fallback)
    c3v_window_show_banner (
        self, GTK_MESSAGE_INFO,
        _ ("No AWS credentials were found, so c3vis shows its demo account. "
           "Configure AWS with “aws configure” or “aws sso login”, then choose a profile above."),
        FALSE);

  list_clusters (self);
}

/* ---------------------------------------------------------------- settings */

static void
apply_view_settings (C3vWindow *self)
{
  c3v_cluster_view_set_resource (self->cluster_view,
                                 g_settings_get_enum (self->settings, "resource"));
  c3v_cluster_view_set_sort (self->cluster_view,
                             g_settings_get_enum (self->settings, "sort-order"));
  c3v_cluster_view_set_group (self->cluster_view, g_settings_get_enum (self->settings, "grouping"));
  c3v_cluster_view_set_color_by_service (
      self->cluster_view, g_settings_get_boolean (self->settings, "color-by-service"));
}

static gboolean
auto_refresh_tick (gpointer user_data)
{
  C3vWindow *self = user_data;

  if (!self->loading)
    c3v_window_load_selected (self);

  return G_SOURCE_CONTINUE;
}

static void
apply_auto_refresh (C3vWindow *self)
{
  guint seconds = g_settings_get_uint (self->settings, "auto-refresh");

  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  if (seconds > 0)
    self->auto_refresh_id = g_timeout_add_seconds (seconds, auto_refresh_tick, self);
}

static void
on_settings_changed (GSettings *settings, const char *key, C3vWindow *self)
{
  static const char *view_keys[]
      = { "resource", "sort-order", "grouping", "color-by-service", NULL };

  if (g_str_equal (key, "auto-refresh"))
    apply_auto_refresh (self);
  else if (g_str_equal (key, "max-requests-in-flight") && self->connection != NULL)
    c3v_ecs_client_set_max_in_flight (client_of (self->connection),
                                      g_settings_get_uint (settings, key));
  else if (g_str_equal (key, "load-timeout") && self->connection != NULL)
    c3v_loader_set_load_timeout (c3v_connection_get_loader (self->connection),
                                 g_settings_get_uint (settings, key));
  else if (g_strv_contains (view_keys, key))
    apply_view_settings (self);
}

static void
c3v_window_add_settings_actions (C3vWindow *self)
{
  static const char *keys[] = {
    "resource",         "sort-order",   "grouping",    "auto-refresh",
    "color-by-service", "show-sidebar", "show-legend",
  };
  GActionMap *map = G_ACTION_MAP (self);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (GAction) action = g_settings_create_action (self->settings, keys[i]);

      g_action_map_add_action (map, action);
    }
}

/* ---------------------------------------------------------------- actions */

static void
find_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  C3vWindow *self = C3V_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Enter and F3 go to the next match, Shift with them to the previous one;
 * the keyboard stays where it was, so typing goes on in the entry. */
static void
match_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  C3vWindow *self = C3V_WINDOW (widget);

  c3v_cluster_view_focus_match (self->cluster_view, g_str_equal (action_name, "win.next-match"));
}

static void
refresh_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  C3vWindow *self = C3V_WINDOW (widget);

  hide_banner (self);
  if (self->connection == NULL)
    c3v_window_connect (self);
  else if (self->current_row != NULL)
    c3v_window_load_selected (self);
  else
    list_clusters (self);
}

static void
zoom_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  C3vWindow *self = C3V_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    c3v_cluster_view_zoom (self->cluster_view, 1.25);
  else if (g_str_equal (action_name, "win.zoom-out"))
    c3v_cluster_view_zoom (self->cluster_view, 0.8);
  else
    c3v_cluster_view_zoom_fit (self->cluster_view);
}

/* ---------------------------------------------------------------- object */

static void
c3v_window_constructed (GObject *object)
{
  C3vWindow        *self = C3V_WINDOW (object);
  const C3vOptions *options;
  g_autofree char  *profile = NULL;
  g_autofree char  *region = NULL;

  G_OBJECT_CLASS (c3v_window_parent_class)->constructed (object);

  options = c3v_application_get_options (self->app);
  self->settings = g_object_ref (c3v_application_get_settings (self->app));
  c3v_window_restore_state (self);
  c3v_window_add_settings_actions (self);
  /* Collapsed panes give the chart the room of a narrow window. */
  g_settings_bind (self->settings, "show-sidebar", self->sidebar, "visible", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "show-legend", self->legend_pane, "visible",
                   G_SETTINGS_BIND_GET);
  apply_view_settings (self);
  apply_auto_refresh (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);

  /* The command line wins over what was chosen last time. */
  profile = g_settings_get_string (self->settings, "profile");
  region = g_settings_get_string (self->settings, "region");
  /* "" stands for the demo account, which the profile drop-down can leave. */
  if (options->demo)
    self->profile = g_strdup ("");
  else
    self->profile
        = g_strdup (options->profile != NULL ? options->profile : (*profile ? profile : NULL));
  self->region = g_strdup (options->region != NULL ? options->region : (*region ? region : NULL));

  c3v_window_connect (self);
}

static void
c3v_window_dispose (GObject *object)
{
  C3vWindow *self = C3V_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (c3v_connection_get_loader (self->connection), self);
      g_signal_handlers_disconnect_by_data (client_of (self->connection), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), C3V_TYPE_WINDOW);
  g_clear_object (&self->connection);
  g_clear_object (&self->legend);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (c3v_window_parent_class)->dispose (object);
}

static void
c3v_window_finalize (GObject *object)
{
  C3vWindow *self = C3V_WINDOW (object);

  g_free (self->profile);
  g_free (self->region);
  g_free (self->cluster);
  g_clear_object (&self->app);

  G_OBJECT_CLASS (c3v_window_parent_class)->finalize (object);
}

/* "app": the application the window is made for, known in constructed
 * (GtkWindow's "application" is set only after it) and kept to the end,
 * since callbacks may outlive the window's place in it. */
static void
c3v_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  C3vWindow *self = C3V_WINDOW (object);

  g_assert (prop_id == 1);
  self->app = g_value_dup_object (value);
}

static void
c3v_window_class_init (C3vWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->set_property = c3v_window_set_property;
  g_object_class_install_property (
      object_class, 1,
      g_param_spec_object ("app", NULL, NULL, C3V_TYPE_APPLICATION,
                           G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  object_class->constructed = c3v_window_constructed;
  object_class->dispose = c3v_window_dispose;
  object_class->finalize = c3v_window_finalize;
  window_class->close_request = c3v_window_close_request;

  g_type_ensure (C3V_TYPE_CLUSTER_VIEW);
  g_type_ensure (C3V_TYPE_LEGEND_ROW);
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
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, sidebar_spinner);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, sidebar_empty_label);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, cluster_list);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, legend_pane);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, empty_title);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, empty_description);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, cluster_view);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, legend_view);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, clear_highlight_button);
  gtk_widget_class_bind_template_child (widget_class, C3vWindow, status_label);

  gtk_widget_class_bind_template_callback (widget_class, on_banner_response);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cluster_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_cluster_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_legend_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_focus_changed);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_profile_selected",
                                                G_CALLBACK (c3v_window_on_profile_selected));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_region_selected",
                                                G_CALLBACK (c3v_window_on_region_selected));

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.next-match", NULL, match_activated);
  gtk_widget_class_install_action (widget_class, "win.previous-match", NULL, match_activated);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, c3v_window_export_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "win.clear-highlight", NULL,
                                   clear_highlight_activated);
  /* Escape clears the highlight when there is one (the action is disabled
   * otherwise, so Escape goes on to whatever else wants it). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-highlight",
                                       NULL);
}

/* Enter in the search entry goes to the next match, Shift+Enter to the
 * previous one (caught before the entry's own "activate"). */
static void
add_match_keys (C3vWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const guint  keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gtk_shortcut_controller_add_shortcut (
          GTK_SHORTCUT_CONTROLLER (controller),
          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                            gtk_named_action_new ("win.next-match")));
      gtk_shortcut_controller_add_shortcut (
          GTK_SHORTCUT_CONTROLLER (controller),
          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_SHIFT_MASK),
                            gtk_named_action_new ("win.previous-match")));
    }
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
}

/* Gives @pane the keyboard focus: the sidebar on the cluster shown (else
 * its first row), the legend on its first entry. FALSE when it has nothing
 * to focus. */
static gboolean
focus_pane (C3vWindow *self, GtkWidget *pane)
{
  if (!gtk_widget_is_drawable (pane))
    return FALSE;
  if (pane == GTK_WIDGET (self->cluster_list) && self->current_row != NULL
      && gtk_widget_get_child_visible (GTK_WIDGET (self->current_row)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
  if (pane == GTK_WIDGET (self->cluster_view))
    return gtk_widget_grab_focus (pane);
  return gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD);
}

/* Tab and Shift+Tab go from pane to pane (sidebar, cluster view, legend),
 * not row by row; the arrow keys move within a pane. Before the first pane
 * and after the last, Tab goes on as usual. */
static gboolean
on_pane_tab (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  C3vWindow *self = C3V_WINDOW (gtk_widget_get_root (widget));
  GtkWidget *panes[] = { GTK_WIDGET (self->cluster_list), GTK_WIDGET (self->cluster_view),
                         GTK_WIDGET (self->legend_view) };
  gint       step = g_variant_get_boolean (args) ? 1 : -1;
  gint       from = 0;

  while (from < (gint) G_N_ELEMENTS (panes) && panes[from] != widget)
    from++;
  for (gint to = from + step; to >= 0 && to < (gint) G_N_ELEMENTS (panes); to += step)
    if (focus_pane (self, panes[to]))
      return TRUE;
  return FALSE;
}

static void
add_pane_keys (GtkWidget *pane)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct
  {
    guint           key;
    GdkModifierType modifiers;
    gboolean        forward;
  } keys[] = {
    { GDK_KEY_Tab, 0, TRUE },
    { GDK_KEY_KP_Tab, 0, TRUE },
    { GDK_KEY_Tab, GDK_SHIFT_MASK, FALSE },
    { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, FALSE },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (controller),
        gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i].key, keys[i].modifiers),
                                         gtk_callback_action_new (on_pane_tab, NULL, NULL), "b",
                                         keys[i].forward));
  gtk_widget_add_controller (pane, controller);
}

static void
c3v_window_init (C3vWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  init_legend (self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  add_match_keys (self);
  add_pane_keys (GTK_WIDGET (self->cluster_list));
  add_pane_keys (GTK_WIDGET (self->cluster_view));
  add_pane_keys (GTK_WIDGET (self->legend_view));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->cluster_view));
  gtk_list_box_set_filter_func (self->cluster_list, cluster_filter_func, self, NULL);
  gtk_list_box_set_placeholder (self->cluster_list, no_matching_clusters_label ());
  self->cancellable = g_cancellable_new ();
}

C3vWindow *
c3v_window_new (C3vApplication *application)
{
  return g_object_new (C3V_TYPE_WINDOW, "app", application, "application", application, NULL);
}
