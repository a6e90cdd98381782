/* c3v-fake-auth.c: verifies SigV4 on requests the way AWS does.
 *
 * Checks run in the order that gives a client the most useful answer:
 * the header's shape, the key, the session token, the credential scope,
 * the clock, and last the signature itself.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "c3v-fake-auth.h"
#include "c3v-fake-error.h"
#include "c3v-sigv4.h"

#define ALGORITHM     "AWS4-HMAC-SHA256"
#define MAX_SKEW_SECS (5 * 60)

struct _C3vFakeAuth
{
  char           *access_key_id;
  char           *secret_access_key;
  char           *session_token;
  char           *region;
  C3vSigv4Signer *signer;
};

typedef struct
{
  char *access_key_id;
  char *date;
  char *region;
  char *service;
  char *terminator;
  char *signed_headers;
  char *signature;
} Authorization;

static void
authorization_clear (Authorization *authorization)
{
  g_free (authorization->access_key_id);
  g_free (authorization->date);
  g_free (authorization->region);
  g_free (authorization->service);
  g_free (authorization->terminator);
  g_free (authorization->signed_headers);
  g_free (authorization->signature);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Authorization, authorization_clear)

C3vFakeAuth *
c3v_fake_auth_new (const char *access_key_id, const char *secret_access_key,
                   const char *session_token, const char *region)
{
  C3vFakeAuth *auth = g_new0 (C3vFakeAuth, 1);

  auth->access_key_id = g_strdup (access_key_id);
  auth->secret_access_key = g_strdup (secret_access_key);
  auth->session_token = g_strdup (session_token);
  auth->region = g_strdup (region);
  auth->signer = c3v_sigv4_signer_new ();
  return auth;
}

void
c3v_fake_auth_free (C3vFakeAuth *auth)
{
  if (auth == NULL)
    return;

  g_clear_pointer (&auth->signer, c3v_sigv4_signer_free);
  g_free (auth->access_key_id);
  g_free (auth->secret_access_key);
  g_free (auth->session_token);
  g_free (auth->region);
  g_free (auth);
}

static gboolean
fail (GError **error, C3vFakeErrorCode code, const char *message)
{
  g_set_error_literal (error, C3V_FAKE_ERROR, code, message);
  return FALSE;
}

static gboolean
parse_credential (const char *credential, Authorization *authorization)
{
  g_auto (GStrv) parts = g_strsplit (credential, "/", -1);

  if (g_strv_length (parts) != 5)
    return FALSE;

  authorization->access_key_id = g_strdup (parts[0]);
  authorization->date = g_strdup (parts[1]);
  authorization->region = g_strdup (parts[2]);
  authorization->service = g_strdup (parts[3]);
  authorization->terminator = g_strdup (parts[4]);
  return TRUE;
}

/* "AWS4-HMAC-SHA256 Credential=AK/DATE/REGION/ecs/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=hex" */
static gboolean
parse_authorization (const char *header, Authorization *authorization, GError **error)
{
  g_auto (GStrv) fields = NULL;

  if (!g_str_has_prefix (header, ALGORITHM " "))
    return fail (error, C3V_FAKE_ERROR_INCOMPLETE_SIGNATURE,
                 "Authorization header requires the AWS4-HMAC-SHA256 algorithm.");

  fields = g_strsplit (header + strlen (ALGORITHM " "), ",", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *field = g_strstrip (fields[i]);

      if (g_str_has_prefix (field, "Credential=") && authorization->access_key_id == NULL)
        {
          if (!parse_credential (field + strlen ("Credential="), authorization))
            return fail (
                error, C3V_FAKE_ERROR_INCOMPLETE_SIGNATURE,
                "Authorization Credential must be ACCESS_KEY/DATE/REGION/SERVICE/aws4_request.");
        }
      else if (g_str_has_prefix (field, "SignedHeaders=") && authorization->signed_headers == NULL)
        authorization->signed_headers = g_strdup (field + strlen ("SignedHeaders="));
      else if (g_str_has_prefix (field, "Signature=") && authorization->signature == NULL)
        authorization->signature = g_strdup (field + strlen ("Signature="));
    }

  if (authorization->access_key_id == NULL || authorization->signed_headers == NULL
      || authorization->signature == NULL)
    return fail (
        error, C3V_FAKE_ERROR_INCOMPLETE_SIGNATURE,
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
  return TRUE;
}

static gboolean
check_identity (C3vFakeAuth *auth, const Authorization *authorization, const char *session_token,
                GError **error)
{
  static const char invalid_token[] = "The security token included in the request is invalid.";

  if (strcmp (authorization->access_key_id, auth->access_key_id) != 0)
    return fail (error, C3V_FAKE_ERROR_UNRECOGNIZED_CLIENT, invalid_token);
  if (g_strcmp0 (session_token, auth->session_token) != 0)
    return fail (error, C3V_FAKE_ERROR_UNRECOGNIZED_CLIENT, invalid_token);
  return TRUE;
}

static gboolean
check_scope (C3vFakeAuth *auth, const Authorization *authorization, const char *amz_date,
             const char *signing_name, GError **error)
{
  if (strncmp (authorization->date, amz_date, 8) != 0 || strlen (authorization->date) != 8)
    {
      g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                   "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                   "from HTTP: '%s' != '%.8s', from '%s'.",
                   authorization->date, amz_date, amz_date);
      return FALSE;
    }
  if (strcmp (authorization->region, auth->region) != 0)
    {
      g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                   "Credential should be scoped to a valid region, not '%s'.",
                   authorization->region);
      return FALSE;
    }
  if (signing_name != NULL && strcmp (authorization->service, signing_name) != 0)
    {
      g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                   "Credential should be scoped to correct service: '%s'.", signing_name);
      return FALSE;
    }
  if (strcmp (authorization->terminator, "aws4_request") != 0)
    return fail (error, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                 "Credential should be scoped with a valid terminator: 'aws4_request'.");
  return TRUE;
}

static gboolean
parse_amz_date (const char *amz_date, gint64 *unix_time)
{
  g_autoptr (GDateTime) time = NULL;
  int  year, month, day, hour, minute, second;
  char zone = 0;

  if (strlen (amz_date) != 16
      || sscanf (amz_date, "%4d%2d%2dT%2d%2d%2d%c", &year, &month, &day, &hour, &minute, &second,
                 &zone)
             != 7
      || zone != 'Z')
    return FALSE;

  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (time == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}

static gboolean
check_clock (const char *amz_date, gint64 now, GError **error)
{
  g_autofree char *now_text = c3v_sigv4_format_amz_date (now);
  gint64           signed_at;

  if (!parse_amz_date (amz_date, &signed_at))
    return fail (error, C3V_FAKE_ERROR_INCOMPLETE_SIGNATURE,
                 "X-Amz-Date must be in the ISO-8601 basic format YYYYMMDD'T'HHMMSS'Z'.");

  if (signed_at < now - MAX_SKEW_SECS)
    {
      g_autofree char *limit = c3v_sigv4_format_amz_date (now - MAX_SKEW_SECS);

      g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                   "Signature expired: %s is now earlier than %s (%s - 5 min.)", amz_date, limit,
                   now_text);
      return FALSE;
    }
  if (signed_at > now + MAX_SKEW_SECS)
    {
      g_autofree char *limit = c3v_sigv4_format_amz_date (now + MAX_SKEW_SECS);

      g_set_error (error, C3V_FAKE_ERROR, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                   "Signature not yet current: %s is still later than %s (%s + 5 min.)", amz_date,
                   limit, now_text);
      return FALSE;
    }
  return TRUE;
}

/* The signature the client should have sent, from the request as
 * received and the headers it says it signed. */
static char *
expected_signature (C3vFakeAuth *auth, const Authorization *authorization, SoupServerMessage *msg,
                    GBytes *body, const char *amz_date)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri               *uri = soup_server_message_get_uri (msg);
  g_auto (GStrv) names = g_strsplit (authorization->signed_headers, ";", -1);
  guint                     n_names = g_strv_length (names);
  g_autofree C3vHttpHeader *signed_headers = g_new0 (C3vHttpHeader, n_names);
  g_autofree char          *canonical = NULL;
  g_autofree char          *canonical_names = NULL;
  g_autofree char          *string_to_sign = NULL;
  C3vSigv4Request           request = { 0 };
  gsize                     body_length = 0;

  for (guint i = 0; i < n_names; i++)
    {
      const char *value = soup_message_headers_get_one (headers, names[i]);

      signed_headers[i].name = names[i];
      signed_headers[i].value = value != NULL ? value : "";
    }

  request.method = soup_server_message_get_method (msg);
  request.path = g_uri_get_path (uri);
  request.query = g_uri_get_query (uri);
  request.headers = signed_headers;
  request.n_headers = n_names;
  request.body = g_bytes_get_data (body, &body_length);
  request.body_length = body_length;

  canonical = c3v_sigv4_canonical_request (&request, &canonical_names);
  /* check_scope() made sure the scope names the right service. */
  string_to_sign = c3v_sigv4_string_to_sign (amz_date, authorization->region,
                                             authorization->service, canonical);
  return c3v_sigv4_signature (auth->signer, auth->secret_access_key, amz_date,
                              authorization->region, authorization->service, string_to_sign);
}

static gboolean
check_signature (C3vFakeAuth *auth, const Authorization *authorization, SoupServerMessage *msg,
                 GBytes *body, const char *amz_date, GError **error)
{
  g_auto (GStrv) names = g_strsplit (authorization->signed_headers, ";", -1);
  g_autofree char *expected = NULL;
  gsize            length = strlen (authorization->signature);

  if (!g_strv_contains ((const char *const *) names, "host"))
    return fail (error, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                 "'Host' must be a 'SignedHeader' in the AWS Authorization.");

  expected = expected_signature (auth, authorization, msg, body, amz_date);
  /* Constant time, so the answer's timing says nothing about how much of
   * a guessed signature was right. */
  if (expected == NULL || strlen (expected) != length
      || CRYPTO_memcmp (expected, authorization->signature, length) != 0)
    return fail (error, C3V_FAKE_ERROR_INVALID_SIGNATURE,
                 "The request signature we calculated does not match the signature you provided. "
                 "Check your AWS Secret Access Key and signing method. "
                 "Consult the service documentation for details.");
  return TRUE;
}

gboolean
c3v_fake_auth_verify (C3vFakeAuth *auth, SoupServerMessage *msg, GBytes *body, gint64 now,
                      const char *signing_name, GError **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char         *header = soup_message_headers_get_one (headers, "Authorization");
  const char         *amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  const char *session_token = soup_message_headers_get_one (headers, "X-Amz-Security-Token");
  g_auto (Authorization) authorization = { 0 };

  if (header == NULL)
    return fail (error, C3V_FAKE_ERROR_MISSING_AUTHENTICATION, "Missing Authentication Token");
  if (!parse_authorization (header, &authorization, error))
    return FALSE;
  if (amz_date == NULL)
    return fail (error, C3V_FAKE_ERROR_INCOMPLETE_SIGNATURE,
                 "Authorization header requires existence of a 'X-Amz-Date' header.");

  return check_identity (auth, &authorization, session_token, error)
         && check_scope (auth, &authorization, amz_date, signing_name, error)
         && check_clock (amz_date, now, error)
         && check_signature (auth, &authorization, msg, body, amz_date, error);
}
