/* c3v-credentials.h: one set of AWS credentials, immutable and refcounted.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Secrets are wiped with OPENSSL_cleanse() when the last reference goes. */
typedef struct _C3vCredentials C3vCredentials;

#define C3V_TYPE_CREDENTIALS (c3v_credentials_get_type ())

GType           c3v_credentials_get_type (void) G_GNUC_CONST;
C3vCredentials *c3v_credentials_new (const char *access_key_id, const char *secret_access_key,
                                     const char *session_token, gint64 expiration_unix);
C3vCredentials *c3v_credentials_ref (C3vCredentials *self);
void            c3v_credentials_unref (C3vCredentials *self);
const char     *c3v_credentials_get_access_key_id (C3vCredentials *self);
const char     *c3v_credentials_get_secret_access_key (C3vCredentials *self);
const char     *c3v_credentials_get_session_token (C3vCredentials *self);
/* 0 when the credentials never expire. */
gint64 c3v_credentials_get_expiration (C3vCredentials *self);
/* TRUE when they expire within @margin_seconds of @now_unix. */
gboolean c3v_credentials_expires_within (C3vCredentials *self, gint64 now_unix,
                                         gint64 margin_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vCredentials, c3v_credentials_unref)

G_END_DECLS
