/* c3v-application.h: the c3vis GtkApplication.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "c3v-options.h"

G_BEGIN_DECLS

#define C3V_TYPE_APPLICATION (c3v_application_get_type ())
G_DECLARE_FINAL_TYPE (C3vApplication, c3v_application, C3V, APPLICATION, GtkApplication)

/* @options: what the command line asked for (copied), or NULL. */
C3vApplication *c3v_application_new (const C3vOptions *options);
GSettings      *c3v_application_get_settings (C3vApplication *self);
/* What the command line asked for (profile, region, cluster, demo...). */
const C3vOptions *c3v_application_get_options (C3vApplication *self);

G_END_DECLS
