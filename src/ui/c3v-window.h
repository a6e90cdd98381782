/* c3v-window.h: the main window.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "c3v-application.h"

G_BEGIN_DECLS

#define C3V_TYPE_WINDOW (c3v_window_get_type ())
G_DECLARE_FINAL_TYPE (C3vWindow, c3v_window, C3V, WINDOW, GtkApplicationWindow)

C3vWindow *c3v_window_new (C3vApplication *application);

G_END_DECLS
