/* c3v-window-private.h: what the window's files share.
 *
 * C3vWindow is one type in three files, each about one concern:
 * c3v-window.c (connection, sidebar, loading, view), c3v-window-header.c
 * (profile and region drop-downs) and c3v-window-export.c (Export as PNG).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-application.h"
#include "c3v-cluster-view.h"
#include "c3v-connection.h"
#include "c3v-legend.h"
#include "c3v-window.h"

G_BEGIN_DECLS

struct _C3vWindow
{
  GtkApplicationWindow parent_instance;

  GSettings     *settings;
  C3vConnection *connection;
  GCancellable  *cancellable;   /* listing and loading of this connection */
  char          *profile;       /* NULL: the default chain */
  char          *region;        /* NULL: the profile's */
  char          *cluster;       /* the selected cluster */
  char          *load_error;    /* why the last load of the cluster failed */
  C3vLegend     *legend;        /* the legend of the layout on screen */
  gboolean       legend_toggle; /* Ctrl held on the click or key activating */
  GtkListBoxRow *current_row;   /* the sidebar's row of the cluster shown */
  gboolean       loading;
  gboolean       exporting;
  gboolean       updating_dropdowns;
  guint          auto_refresh_id;
  guint          reconnect_id;

  /* The application it was made for, whose options the command line set. */
  C3vApplication *app;

  /* Template children */
  GtkDropDown     *profile_dropdown;
  GtkDropDown     *region_dropdown;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkToggleButton *search_button;
  GtkInfoBar      *banner;
  GtkLabel        *banner_label;
  GtkButton       *banner_button;
  GtkSearchEntry  *cluster_filter;
  GtkStack        *sidebar_stack;
  GtkSpinner      *sidebar_spinner;
  GtkLabel        *sidebar_empty_label;
  GtkListBox      *cluster_list;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkLabel        *match_label;
  GtkWidget       *sidebar;
  GtkWidget       *legend_pane;
  GtkProgressBar  *progress_bar;
  GtkStack        *view_stack;
  GtkLabel        *empty_title;
  GtkLabel        *empty_description;
  C3vClusterView  *cluster_view;
  GtkListView     *legend_view;
  GtkButton       *clear_highlight_button;
  GtkLabel        *status_label;
};

void c3v_window_connect (C3vWindow *self);
void c3v_window_show_banner (C3vWindow *self, GtkMessageType type, const char *message,
                             gboolean offer_retry);
void c3v_window_show_error (C3vWindow *self, const char *context, const GError *error);
void c3v_window_set_progress (C3vWindow *self, const char *phase, guint done, guint total);

/* c3v-window-header.c */
void c3v_window_update_dropdowns (C3vWindow *self);
void c3v_window_on_profile_selected (GtkDropDown *dropdown, GParamSpec *pspec, C3vWindow *self);
void c3v_window_on_region_selected (GtkDropDown *dropdown, GParamSpec *pspec, C3vWindow *self);

/* c3v-window-export.c */
void c3v_window_export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter);

G_END_DECLS
