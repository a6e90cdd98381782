/* c3v-credentials-sso.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "c3v-aws-config.h"
#include "c3v-aws-config-private.h"
#include "c3v-aws-http-private.h"
#include "c3v-credentials-sso.h"
#include "c3v-untrusted.h"

struct _C3vCredentialsSso
{
  C3vCredentialsProvider parent_instance;
  char                  *profile;
  char                  *cache_key; /* sso-session name, or start URL (legacy) */
  char                  *account_id;
  char                  *role_name;
  char                  *endpoint;
  SoupSession           *session;
};

G_DEFINE_FINAL_TYPE (C3vCredentialsSso, c3v_credentials_sso, C3V_TYPE_CREDENTIALS_PROVIDER)

static GError *
login_needed (C3vCredentialsSso *self)
{
  return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SSO_LOGIN_NEEDED,
                      _ ("The AWS SSO session of profile “%s” is missing or has expired. "
                         "Run “aws sso login --profile %s” and try again."),
                      self->profile, self->profile);
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
parse_object (const char *data, gsize length)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, length);

  return c3v_untrusted_json_parse_object (bytes, NULL);
}

/* The access token `aws sso login` cached, if it is still valid. */
static char *
read_cached_token (C3vCredentialsSso *self)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, self->cache_key, -1);
  g_autofree char *file_name = g_strconcat (hash, ".json", NULL);
  g_autofree char *path = c3v_aws_home_path (".aws", "sso", "cache", file_name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autofree char *text = NULL;
  gsize            length = 0;
  const char      *token;
  gint64           expires_at;

  if (!c3v_untrusted_read_file (path, C3V_UNTRUSTED_MAX_FILE_BYTES, &text, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Ignoring the SSO cache: %s", error->message);
      return NULL;
    }
  object = parse_object (text, length);
  token = member_string (object, "accessToken");
  if (token == NULL || !c3v_aws_parse_timestamp (member_string (object, "expiresAt"), &expires_at))
    return NULL;
  if (expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    return NULL;
  return g_strdup (token);
}

static gboolean
member_int (JsonObject *object, const char *name, gint64 *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static C3vCredentials *
parse_role_credentials (C3vCredentialsSso *self, GBytes *body, GError **error)
{
  g_autoptr (JsonObject) answer = c3v_untrusted_json_parse_object (body, NULL);
  JsonObject *role = member_object (answer, "roleCredentials");
  const char *access_key_id = member_string (role, "accessKeyId");
  const char *secret = member_string (role, "secretAccessKey");
  gint64      expiration_ms = 0;

  if (access_key_id == NULL || secret == NULL || !member_int (role, "expiration", &expiration_ms))
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                   _ ("AWS SSO at %s sent an answer without role credentials"), self->endpoint);
      return NULL;
    }
  /* The portal counts in milliseconds. */
  return c3v_credentials_new (access_key_id, secret, member_string (role, "sessionToken"),
                              expiration_ms / 1000);
}

static GError *
portal_error (C3vCredentialsSso *self, guint status, GBytes *body)
{
  g_autoptr (JsonObject) object = c3v_untrusted_json_parse_object (body, NULL);
  const char *raw = member_string (object, "message");
  g_autoptr (GString) redacted = NULL;
  g_autofree char *message = NULL;

  if (raw == NULL)
    raw = member_string (object, "Message");
  if (raw != NULL)
    {
      redacted = g_string_new (raw);
      c3v_untrusted_redact (redacted, NULL);
      message = c3v_untrusted_one_line (redacted->str, 400);
    }
  /* 401: the token is no longer accepted, so a new login is what helps. */
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return login_needed (self);
  return g_error_new (C3V_AWS_CONFIG_ERROR,
                      status == SOUP_STATUS_FORBIDDEN ? C3V_AWS_CONFIG_ERROR_ACCESS_DENIED
                                                      : C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                      _ ("AWS SSO refused role %s in account %s for profile “%s”: %s"),
                      self->role_name, self->account_id, self->profile,
                      message != NULL ? message : soup_status_get_phrase (status));
}

/* The portal answers errors with a JSON message and an HTTP status. */
static C3vCredentials *
parse_answer (C3vCredentialsProvider *provider, SoupMessage *message, GBytes *body, GError **error)
{
  C3vCredentialsSso *self = C3V_CREDENTIALS_SSO (provider);

  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      g_propagate_error (error, portal_error (self, soup_message_get_status (message), body));
      return NULL;
    }
  return parse_role_credentials (self, body, error);
}

static GError *
unreachable_error (C3vCredentialsProvider *provider, const GError *cause)
{
  C3vCredentialsSso *self = C3V_CREDENTIALS_SSO (provider);

  /* It was reached when the answer was slow, cut off or too large. */
  if (cause->domain == C3V_AWS_HTTP_ERROR)
    return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                        _ ("AWS SSO at %s: %s"), self->endpoint, cause->message);
  return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                      _ ("Could not reach AWS SSO at %s: %s"), self->endpoint, cause->message);
}

static void
send_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  c3v_aws_return_answer (task, result, unreachable_error, parse_answer);
}

static SoupMessage *
build_message (C3vCredentialsSso *self, const char *token)
{
  g_autofree char *account = g_uri_escape_string (self->account_id, NULL, FALSE);
  g_autofree char *role = g_uri_escape_string (self->role_name, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/federation/credentials?account_id=%s&role_name=%s",
                                          self->endpoint, account, role);
  g_autoptr (GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  SoupMessage *message = c3v_aws_http_message_new (SOUP_METHOD_GET, uri);

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "x-amz-sso_bearer_token", token);
  return message;
}

static void
c3v_credentials_sso_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  C3vCredentialsSso *self = C3V_CREDENTIALS_SSO (provider);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *token = NULL;
  SoupMessage     *message;

  g_task_set_name (task, G_STRFUNC);

  token = read_cached_token (self);
  if (token == NULL)
    {
      g_task_return_error (task, login_needed (self));
      return;
    }

  message = build_message (self, token);
  g_task_set_task_data (task, message, g_object_unref);
  c3v_aws_http_send_async (self->session, message, C3V_UNTRUSTED_MAX_ANSWER_BYTES,
                           C3V_AWS_HTTP_CALL_TIMEOUT_MS, cancellable, send_cb,
                           g_steal_pointer (&task));
}

static C3vCredentials *
c3v_credentials_sso_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_sso_describe (C3vCredentialsProvider *provider)
{
  C3vCredentialsSso *self = C3V_CREDENTIALS_SSO (provider);

  return g_strdup_printf (_ ("profile %s (SSO)"), self->profile);
}

static void
c3v_credentials_sso_finalize (GObject *object)
{
  C3vCredentialsSso *self = C3V_CREDENTIALS_SSO (object);

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->cache_key, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->role_name, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (c3v_credentials_sso_parent_class)->finalize (object);
}

static void
c3v_credentials_sso_class_init (C3vCredentialsSsoClass *klass)
{
  GObjectClass                *object_class = G_OBJECT_CLASS (klass);
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  object_class->finalize = c3v_credentials_sso_finalize;
  provider_class->get_async = c3v_credentials_sso_get_async;
  provider_class->get_finish = c3v_credentials_sso_get_finish;
  provider_class->describe = c3v_credentials_sso_describe;
}

static void
c3v_credentials_sso_init (C3vCredentialsSso *self)
{
  self->session = c3v_aws_http_session_new (0);
}

/* A key of the profile's sso-session section, or of the profile itself for
 * legacy configurations. */
static const char *
sso_setting (C3vAwsProfileSet *set, const char *profile, const char *key)
{
  const char *session = c3v_aws_profile_set_get_profile (set, profile, "sso_session");
  const char *value;

  if (session != NULL)
    value = c3v_aws_profile_set_get (set, C3V_AWS_SECTION_SSO_SESSION, session, key);
  else
    value = c3v_aws_profile_set_get_profile (set, profile, key);
  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
check_settings (C3vAwsProfileSet *set, const char *profile, GError **error)
{
  const char              *session = c3v_aws_profile_set_get_profile (set, profile, "sso_session");
  static const char *const required[] = { "sso_account_id", "sso_role_name" };

  if (session != NULL
      && !c3v_aws_profile_set_has_section (set, C3V_AWS_SECTION_SSO_SESSION, session))
    {
      g_set_error (
          error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
          _ ("Profile “%s” uses sso_session “%s”, but there is no [sso-session %s] section"),
          profile, session, session);
      return FALSE;
    }
  if (sso_setting (set, profile, "sso_region") == NULL)
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                   _ ("The SSO settings of profile “%s” lack sso_region"), profile);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *value = c3v_aws_profile_set_get_profile (set, profile, required[i]);

      if (value == NULL || *value == '\0')
        {
          g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                       _ ("Profile “%s” uses SSO but lacks %s"), profile, required[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
portal_endpoint (C3vAwsProfileSet *set, const char *profile, GError **error)
{
  g_autofree char *url = c3v_aws_endpoint_override (set, profile, "SSO", "sso");

  if (url == NULL)
    url = c3v_aws_regional_endpoint ("portal.sso", sso_setting (set, profile, "sso_region"));
  return c3v_aws_normalize_endpoint (url, error);
}

C3vCredentialsProvider *
c3v_credentials_sso_new (C3vAwsProfileSet *set, const char *profile, GError **error)
{
  g_autoptr (C3vCredentialsSso) self = NULL;
  const char *session = c3v_aws_profile_set_get_profile (set, profile, "sso_session");

  if (session == NULL && c3v_aws_profile_set_get_profile (set, profile, "sso_start_url") == NULL)
    return NULL;
  if (!check_settings (set, profile, error))
    return NULL;

  self = g_object_new (C3V_TYPE_CREDENTIALS_SSO, NULL);
  self->endpoint = portal_endpoint (set, profile, error);
  if (self->endpoint == NULL)
    return NULL;

  self->profile = g_strdup (profile);
  self->cache_key
      = g_strdup (session != NULL ? session : sso_setting (set, profile, "sso_start_url"));
  self->account_id = g_strdup (c3v_aws_profile_set_get_profile (set, profile, "sso_account_id"));
  self->role_name = g_strdup (c3v_aws_profile_set_get_profile (set, profile, "sso_role_name"));
  return C3V_CREDENTIALS_PROVIDER (g_steal_pointer (&self));
}
