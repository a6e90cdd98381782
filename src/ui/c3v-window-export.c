/* c3v-window-export.c: Export as PNG (Ctrl+E), drawn off the main loop.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-export.h"
#include "c3v-window-private.h"

/* What the export thread needs, owned by its task: nothing it shares. */
typedef struct
{
  C3vSnapshot     *snapshot;
  char            *path;
  C3vLayoutOptions options;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  c3v_snapshot_unref (job->snapshot);
  g_free (job->path);
  g_free (job);
}

static void
export_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError    *error = NULL;

  if (c3v_export_png_full (job->snapshot, job->path, &job->options, c3v_theme_get_light (), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *window_ref = user_data;
  g_autoptr (C3vWindow) self = g_weak_ref_get (window_ref);
  g_autoptr (GError) error = NULL;
  gboolean         exported = g_task_propagate_boolean (G_TASK (result), &error);
  ExportJob       *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *message = NULL;

  g_weak_ref_clear (window_ref);
  g_free (window_ref);
  /* The task holds no reference to the window: it may be gone. */
  if (self == NULL)
    return;

  self->exporting = FALSE;
  c3v_window_set_progress (self, NULL, 0, 0);
  if (!exported)
    {
      c3v_window_show_error (self, _ ("Could not export the cluster"), error);
      return;
    }
  message = g_strdup_printf (_ ("Saved to %s"), job->path);
  c3v_window_show_banner (self, GTK_MESSAGE_INFO, message, FALSE);
}

/* The PNG is drawn off the main loop: a big cluster takes a moment. */
static void
export_to (C3vWindow *self, GFile *file)
{
  C3vSnapshot     *snapshot = c3v_cluster_view_get_snapshot (self->cluster_view);
  C3vLayout       *layout = c3v_cluster_view_get_layout (self->cluster_view);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GTask) task = NULL;
  GWeakRef  *window_ref;
  ExportJob *job;

  if (path == NULL)
    {
      c3v_window_show_banner (self, GTK_MESSAGE_ERROR,
                              _ ("Could not export the cluster: choose a file on this computer."),
                              FALSE);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->snapshot = c3v_snapshot_ref (snapshot);
  job->path = g_steal_pointer (&path);
  /* As on screen, but the whole cluster at full size, titled, with legend. */
  job->options = *c3v_layout_get_options (layout);
  job->options.show_title = TRUE;
  job->options.show_legend = TRUE;
  job->options.zoom = 1.0;
  job->options.available_width = MAX (job->options.available_width, C3V_EXPORT_DEFAULT_WIDTH);
  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, self);
  task = g_task_new (NULL, NULL, on_exported, window_ref);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  self->exporting = TRUE;
  c3v_window_set_progress (self, _ ("Exporting"), 0, 0);
  g_task_run_in_thread (task, export_in_thread);
}

static void
on_export_response (GtkNativeDialog *dialog, int response, C3vWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      export_to (self, file);
    }
  g_object_unref (dialog);
}

void
c3v_window_export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  C3vWindow            *self = C3V_WINDOW (widget);
  C3vSnapshot          *snapshot = c3v_cluster_view_get_snapshot (self->cluster_view);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M");
  g_autofree char *name = NULL;

  if (snapshot == NULL || c3v_cluster_view_get_layout (self->cluster_view) == NULL)
    {
      c3v_window_show_banner (self, GTK_MESSAGE_INFO,
                              _ ("Choose a cluster first: there is nothing to export yet."), FALSE);
      return;
    }

  dialog = gtk_file_chooser_native_new (_ ("Export as PNG"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("%s-%s.png", c3v_snapshot_get_cluster_name (snapshot), stamp);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _ ("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
