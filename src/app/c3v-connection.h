/* c3v-connection.h: one AWS account + region to load clusters from.
 *
 * Resolves profile, region and endpoint, builds the credentials chain, the
 * ECS client and the loader. For the demo it starts the local ECS endpoint
 * in-process and points the very same client at it with throw-away
 * credentials, so the demo runs the production code path. No GTK here: the
 * headless commands use it too.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "c3v-loader.h"

G_BEGIN_DECLS

#define C3V_TYPE_CONNECTION (c3v_connection_get_type ())
G_DECLARE_FINAL_TYPE (C3vConnection, c3v_connection, C3V, CONNECTION, GObject)

/* Each of @profile, @region and @endpoint_url may be NULL or "". */
C3vConnection *c3v_connection_new (const char *profile, const char *region,
                                   const char *endpoint_url, GError **error);
C3vConnection *c3v_connection_new_demo (GError **error);
gboolean       c3v_connection_is_demo (C3vConnection *self);
const char    *c3v_connection_get_profile (C3vConnection *self);
const char    *c3v_connection_get_region (C3vConnection *self);
const char    *c3v_connection_get_endpoint_url (C3vConnection *self);
C3vLoader     *c3v_connection_get_loader (C3vConnection *self);

G_END_DECLS
