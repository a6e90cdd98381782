/* c3v-credentials.c: one set of AWS credentials, immutable and refcounted.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-credentials.h"
#include "c3v-boxed-type.h"

#include <string.h>

#include <openssl/crypto.h>

struct _C3vCredentials
{
  gatomicrefcount ref_count;
  char           *access_key_id;
  char           *secret_access_key;
  char           *session_token;   /* NULL when absent */
  gint64          expiration_unix; /* 0: never */
};

C3V_DEFINE_BOXED_TYPE (C3vCredentials, c3v_credentials, c3v_credentials_ref, c3v_credentials_unref)

static void
wipe_and_free (char *secret)
{
  if (secret == NULL)
    return;

  OPENSSL_cleanse (secret, strlen (secret));
  g_free (secret);
}

/* @session_token may be NULL or "" (no token); @expiration_unix 0 never
 * expires. */
C3vCredentials *
c3v_credentials_new (const char *access_key_id, const char *secret_access_key,
                     const char *session_token, gint64 expiration_unix)
{
  C3vCredentials *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);

  self = g_new0 (C3vCredentials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  if (session_token != NULL && *session_token != '\0')
    self->session_token = g_strdup (session_token);
  self->expiration_unix = expiration_unix;
  return self;
}

C3vCredentials *
c3v_credentials_ref (C3vCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
c3v_credentials_unref (C3vCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->access_key_id);
  wipe_and_free (self->secret_access_key);
  wipe_and_free (self->session_token);
  g_free (self);
}

const char *
c3v_credentials_get_access_key_id (C3vCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->access_key_id;
}

const char *
c3v_credentials_get_secret_access_key (C3vCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->secret_access_key;
}

/* NULL when the credentials carry no session token. */
const char *
c3v_credentials_get_session_token (C3vCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->session_token;
}

gint64
c3v_credentials_get_expiration (C3vCredentials *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->expiration_unix;
}

gboolean
c3v_credentials_expires_within (C3vCredentials *self, gint64 now_unix, gint64 margin_seconds)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->expiration_unix == 0)
    return FALSE;
  return self->expiration_unix - now_unix <= margin_seconds;
}
