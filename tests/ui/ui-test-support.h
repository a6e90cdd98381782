/* ui-test-support.h: driving the real application in UI tests.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "c3v-cluster-view.h"

G_BEGIN_DECLS

/* Presses @keysym (an X keysym, e.g. XK_Tab), with @modifier held unless
 * it is 0 (NoSymbol), as a keyboard does: through the X server (XTest), to
 * @window, which takes the keyboard focus first. */
void ui_test_press_key (GtkWindow *window, gulong modifier, gulong keysym);

/* One step of a test: TRUE when the test is over (it then quits the app). */
typedef gboolean (*UiTestStep) (GtkWindow *window, gpointer user_data);

/* Runs the application with @argv, calling @step every few milliseconds
 * with its window until @step returns TRUE; fails the test when that takes
 * longer than @deadline_seconds. Returns the application's exit status. */
int ui_test_run_app (char **argv, UiTestStep step, gpointer user_data, guint deadline_seconds);
/* The first widget of type @type_name under @widget (depth first). */
GtkWidget *ui_test_find (GtkWidget *widget, const char *type_name);
/* The first widget of type @type_name with the CSS class @css_class. */
GtkWidget *ui_test_find_with_class (GtkWidget *widget, const char *type_name,
                                    const char *css_class);
/* The first widget under @widget whose name (gtk_widget_set_name) is @name. */
GtkWidget *ui_test_find_named (GtkWidget *widget, const char *name);
/* The first GtkButton under @widget whose label is @label. */
GtkWidget *ui_test_find_button (GtkWidget *widget, const char *label);
/* Activates the sidebar row of @cluster, as a click does; FALSE if not listed. */
gboolean ui_test_select_cluster (GtkWidget *toplevel, const char *cluster);

/* The options of the layout @view shows; NULL while it has none. */
const C3vLayoutOptions *ui_test_view_options (C3vClusterView *view);
/* TRUE when @view shows a complete snapshot of @cluster, laid out. */
gboolean ui_test_view_shows_complete (C3vClusterView *view, const char *cluster);
/* Frames @window has painted so far (its frame clock's "after-paint"). */
guint ui_test_painted_frames (GtkWindow *window);
/* What @window last painted (its render node), as a texture in window
 * coordinates; NULL before the first frame, or while a resize is pending
 * (wait for the next frame and ask again). */
GdkTexture *ui_test_render_window (GtkWindow *window);
/* How many distinct colours the rendered @texture has inside @widget
 * (sampled every other pixel), counted up to @enough. */
guint ui_test_count_colours (GdkTexture *texture, GtkWindow *window, GtkWidget *widget,
                             guint enough);

G_END_DECLS
