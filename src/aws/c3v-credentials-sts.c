/* c3v-credentials-sts.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "c3v-aws-config.h"
#include "c3v-aws-config-private.h"
#include "c3v-aws-http-private.h"
#include "c3v-credentials-sts.h"
#include "c3v-sigv4.h"
#include "c3v-untrusted.h"

#define STS_FORM_CONTENT_TYPE "application/x-www-form-urlencoded; charset=utf-8"

struct _C3vCredentialsSts
{
  C3vCredentialsProvider  parent_instance;
  C3vCredentialsProvider *source;
  char                   *profile;
  char                   *role_arn;
  char                   *session_name;
  char                   *external_id;
  char                   *duration_seconds;
  char                   *region;
  char                   *endpoint;
  SoupSession            *session;
  C3vSigv4Signer         *signer;
};

G_DEFINE_FINAL_TYPE (C3vCredentialsSts, c3v_credentials_sts, C3V_TYPE_CREDENTIALS_PROVIDER)

/* The XML elements of AssumeRoleResponse and ErrorResponse we read. */
static const char *const wanted_elements[] = {
  "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "Code", "Message",
};

typedef struct
{
  GHashTable *values;  /* element name -> text */
  const char *current; /* one of wanted_elements, or NULL */
} XmlState;

static void
xml_start_element (GMarkupParseContext *context, const char *element_name,
                   const char **attribute_names, const char **attribute_values, gpointer user_data,
                   GError **error)
{
  XmlState *state = user_data;

  state->current = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (wanted_elements); i++)
    {
      if (strcmp (element_name, wanted_elements[i]) == 0)
        state->current = wanted_elements[i];
    }
}

static void
xml_end_element (GMarkupParseContext *context, const char *element_name, gpointer user_data,
                 GError **error)
{
  XmlState *state = user_data;

  state->current = NULL;
}

static void
xml_text (GMarkupParseContext *context, const char *text, gsize text_len, gpointer user_data,
          GError **error)
{
  XmlState   *state = user_data;
  const char *before;

  if (state->current == NULL)
    return;
  before = g_hash_table_lookup (state->values, state->current);
  g_hash_table_insert (
      state->values, (gpointer) state->current,
      g_strdup_printf ("%s%.*s", before != NULL ? before : "", (int) text_len, text));
}

/* Element name -> text; NULL when @body is not XML. */
static GHashTable *
parse_xml (GBytes *body)
{
  static const GMarkupParser parser = { xml_start_element, xml_end_element, xml_text, NULL, NULL };
  XmlState state = { g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free), NULL };
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  gsize       length = 0;
  const char *data = g_bytes_get_data (body, &length);

  if (length == 0 || !g_markup_parse_context_parse (context, data, length, NULL)
      || !g_markup_parse_context_end_parse (context, NULL))
    {
      g_hash_table_unref (state.values);
      return NULL;
    }
  return state.values;
}

/* A value of the answer fit for a message: one line, no control
 * characters, no signature or token it may quote back. */
static char *
answer_text (GHashTable *values, const char *element)
{
  const char *text = values != NULL ? g_hash_table_lookup (values, element) : NULL;
  g_autoptr (GString) redacted = NULL;

  if (text == NULL)
    return NULL;
  redacted = g_string_new (text);
  c3v_untrusted_redact (redacted, NULL);
  return c3v_untrusted_one_line (redacted->str, 400);
}

static GError *
sts_error (C3vCredentialsSts *self, guint status, GHashTable *values)
{
  g_autofree char *code = answer_text (values, "Code");
  g_autofree char *message = answer_text (values, "Message");

  if (g_strcmp0 (code, "AccessDenied") == 0)
    return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_ACCESS_DENIED,
                        _ ("AWS STS denied assuming role %s for profile “%s”: %s"), self->role_arn,
                        self->profile, message != NULL ? message : code);
  if (code != NULL)
    return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                        _ ("AWS STS could not assume role %s for profile “%s”: %s (%s)"),
                        self->role_arn, self->profile, message != NULL ? message : "", code);
  return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                      _ ("AWS STS at %s answered HTTP %u without an error description"),
                      self->endpoint, status);
}

static C3vCredentials *
parse_answer (C3vCredentialsProvider *provider, SoupMessage *message, GBytes *body, GError **error)
{
  C3vCredentialsSts *self = C3V_CREDENTIALS_STS (provider);
  g_autoptr (GHashTable) values = parse_xml (body);
  guint       status = soup_message_get_status (message);
  const char *access_key_id;
  const char *secret;
  gint64      expiration = 0;

  if (status != SOUP_STATUS_OK || values == NULL)
    {
      g_propagate_error (error, sts_error (self, status, values));
      return NULL;
    }

  access_key_id = g_hash_table_lookup (values, "AccessKeyId");
  secret = g_hash_table_lookup (values, "SecretAccessKey");
  if (access_key_id == NULL || secret == NULL
      || !c3v_aws_parse_timestamp (g_hash_table_lookup (values, "Expiration"), &expiration))
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                   _ ("AWS STS at %s sent an AssumeRole answer without credentials"),
                   self->endpoint);
      return NULL;
    }
  return c3v_credentials_new (access_key_id, secret, g_hash_table_lookup (values, "SessionToken"),
                              expiration);
}

static GError *
unreachable_error (C3vCredentialsProvider *provider, const GError *cause)
{
  C3vCredentialsSts *self = C3V_CREDENTIALS_STS (provider);

  /* It was reached when the answer was slow, cut off or too large. */
  if (cause->domain == C3V_AWS_HTTP_ERROR)
    return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                        _ ("AWS STS at %s: %s"), self->endpoint, cause->message);
  return g_error_new (C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_SERVICE_FAILED,
                      _ ("Could not reach AWS STS at %s: %s"), self->endpoint, cause->message);
}

static void
send_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;

  c3v_aws_return_answer (task, result, unreachable_error, parse_answer);
}

static char *
build_form (C3vCredentialsSts *self)
{
  GString *form = g_string_new ("Action=AssumeRole&Version=2011-06-15");
  const struct
  {
    const char *name;
    const char *value;
  } fields[] = {
    { "RoleArn", self->role_arn },
    { "RoleSessionName", self->session_name },
    { "ExternalId", self->external_id },
    { "DurationSeconds", self->duration_seconds },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *escaped = NULL;

      if (fields[i].value == NULL)
        continue;
      escaped = g_uri_escape_string (fields[i].value, NULL, FALSE);
      g_string_append_printf (form, "&%s=%s", fields[i].name, escaped);
    }
  return g_string_free (form, FALSE);
}

/* What libsoup sends as Host: the port only when it is not the default. */
static char *
host_header (GUri *uri)
{
  int port = g_uri_get_port (uri);
  int default_port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;

  if (port == -1 || port == default_port)
    return g_strdup (g_uri_get_host (uri));
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}

static SoupMessage *
build_message (C3vCredentialsSts *self, C3vCredentials *source)
{
  g_autofree char *form = build_form (self);
  g_autofree char *url = g_strconcat (self->endpoint, "/", NULL);
  g_autoptr (GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr (SoupMessage) message = c3v_aws_http_message_new (SOUP_METHOD_POST, uri);
  g_autofree char *host = host_header (soup_message_get_uri (message));
  g_autofree char *amz_date = c3v_sigv4_format_amz_date (g_get_real_time () / G_USEC_PER_SEC);
  const char      *token = c3v_credentials_get_session_token (source);
  g_autofree char *authorization = NULL;
  C3vHttpHeader    headers[] = {
       { "host", host },
       { "content-type", STS_FORM_CONTENT_TYPE },
       { "x-amz-date", amz_date },
       { "x-amz-security-token", token },
  };
  C3vSigv4Request request
      = { "POST", "/", NULL, headers, token != NULL ? 4 : 3, form, strlen (form) };
  SoupMessageHeaders *request_headers = soup_message_get_request_headers (message);

  authorization = c3v_sigv4_authorization (self->signer, c3v_credentials_get_access_key_id (source),
                                           c3v_credentials_get_secret_access_key (source), &request,
                                           amz_date, self->region, "sts");
  for (gsize i = 0; i < request.n_headers; i++)
    soup_message_headers_replace (request_headers, headers[i].name, headers[i].value);
  soup_message_headers_replace (request_headers, "Authorization", authorization);
  soup_message_set_request_body_from_bytes (
      message, STS_FORM_CONTENT_TYPE,
      g_bytes_new_take (g_steal_pointer (&form), request.body_length));
  return g_steal_pointer (&message);
}

static void
source_get_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  C3vCredentialsSts *self = g_task_get_source_object (task);
  g_autoptr (C3vCredentials) source = NULL;
  GCancellable *cancellable;
  GError       *error = NULL;
  SoupMessage  *message;

  source = c3v_credentials_provider_get_finish (self->source, result, &error);
  if (source == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  message = build_message (self, source);
  g_task_set_task_data (task, message, g_object_unref);
  cancellable = g_task_get_cancellable (task);
  c3v_aws_http_send_async (self->session, message, C3V_UNTRUSTED_MAX_ANSWER_BYTES,
                           C3V_AWS_HTTP_CALL_TIMEOUT_MS, cancellable, send_cb,
                           g_steal_pointer (&task));
}

static void
c3v_credentials_sts_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  C3vCredentialsSts *self = C3V_CREDENTIALS_STS (provider);
  GTask             *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_name (task, G_STRFUNC);
  c3v_credentials_provider_get_async (self->source, cancellable, source_get_cb, task);
}

static C3vCredentials *
c3v_credentials_sts_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_sts_describe (C3vCredentialsProvider *provider)
{
  C3vCredentialsSts *self = C3V_CREDENTIALS_STS (provider);

  return g_strdup_printf (_ ("profile %s (role %s)"), self->profile, self->role_arn);
}

static void
c3v_credentials_sts_finalize (GObject *object)
{
  C3vCredentialsSts *self = C3V_CREDENTIALS_STS (object);

  g_clear_object (&self->source);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->role_arn, g_free);
  g_clear_pointer (&self->session_name, g_free);
  g_clear_pointer (&self->external_id, g_free);
  g_clear_pointer (&self->duration_seconds, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_object (&self->session);
  g_clear_pointer (&self->signer, c3v_sigv4_signer_free);

  G_OBJECT_CLASS (c3v_credentials_sts_parent_class)->finalize (object);
}

static void
c3v_credentials_sts_class_init (C3vCredentialsStsClass *klass)
{
  GObjectClass                *object_class = G_OBJECT_CLASS (klass);
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  object_class->finalize = c3v_credentials_sts_finalize;
  provider_class->get_async = c3v_credentials_sts_get_async;
  provider_class->get_finish = c3v_credentials_sts_get_finish;
  provider_class->describe = c3v_credentials_sts_describe;
}

static void
c3v_credentials_sts_init (C3vCredentialsSts *self)
{
  self->session = c3v_aws_http_session_new (0);
  self->signer = c3v_sigv4_signer_new ();
}

static char *
profile_value (C3vAwsProfileSet *set, const char *profile, const char *key)
{
  const char *value = c3v_aws_profile_set_get_profile (set, profile, key);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* Without any region the SDKs sign for us-east-1 and use the global host. */
static char *
sts_endpoint (C3vAwsProfileSet *set, const char *profile, const char *region, GError **error)
{
  g_autofree char *url = c3v_aws_endpoint_override (set, profile, "STS", "sts");

  if (url == NULL)
    url = region != NULL ? c3v_aws_regional_endpoint ("sts", region)
                         : g_strdup ("https://sts.amazonaws.com");
  return c3v_aws_normalize_endpoint (url, error);
}

C3vCredentialsProvider *
c3v_credentials_sts_new (C3vAwsProfileSet *set, const char *profile, C3vCredentialsProvider *source,
                         GError **error)
{
  g_autoptr (C3vCredentialsSts) self = NULL;
  g_autofree char *region = NULL;

  g_return_val_if_fail (C3V_IS_CREDENTIALS_PROVIDER (source), NULL);

  self = g_object_new (C3V_TYPE_CREDENTIALS_STS, NULL);
  region = c3v_aws_lookup_region (set, profile);
  self->endpoint = sts_endpoint (set, profile, region, error);
  if (self->endpoint == NULL)
    return NULL;

  self->region = region != NULL ? g_steal_pointer (&region) : g_strdup ("us-east-1");
  self->source = g_object_ref (source);
  self->profile = g_strdup (profile);
  self->role_arn = profile_value (set, profile, "role_arn");
  self->session_name = profile_value (set, profile, "role_session_name");
  if (self->session_name == NULL)
    self->session_name
        = g_strdup_printf ("c3vis-%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  self->external_id = profile_value (set, profile, "external_id");
  self->duration_seconds = profile_value (set, profile, "duration_seconds");
  return C3V_CREDENTIALS_PROVIDER (g_steal_pointer (&self));
}
