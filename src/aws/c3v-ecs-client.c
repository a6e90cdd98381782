/* c3v-ecs-client.c: asynchronous AWS JSON-protocol client (libsoup 3),
 * Amazon ECS by default, any service of c3v-aws-service.h on request.
 *
 * One call is a GTask that goes: queue (when max-in-flight requests are on
 * the wire) -> credentials -> signed POST -> answer; a retryable failure
 * gives the slot back, backs off, and queues again ahead of new calls.
 * The task holds a reference on the client, so the client may be dropped
 * while calls are pending.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <openssl/crypto.h>

#include "c3v-ecs-client.h"
#include "c3v-aws-http-private.h"
#include "c3v-aws-regions.h"
#include "c3v-ecs-client-private.h"
#include "c3v-ecs-error-private.h"
#include "c3v-rate-limiter.h"
#include "c3v-retry-strategy.h"
#include "c3v-sigv4.h"
#include "c3v-untrusted.h"

#define DEFAULT_MAX_IN_FLIGHT 16

struct _C3vEcsClient
{
  GObject parent_instance;

  C3vCredentialsProvider *credentials;
  const C3vAwsService    *service;
  char                   *content_type;
  char                   *region;
  char                   *endpoint_url;
  GUri                   *endpoint; /* NULL when endpoint_url is invalid */
  char                   *host;     /* Host header as sent and signed */

  SoupSession      *session;
  C3vSigv4Signer   *signer;
  C3vRetryStrategy *retry;
  C3vRateLimiter   *limiter;     /* adaptive mode, once credentials are known */
  char             *limiter_key; /* whose budget it is */
  guint             retry_base_ms;

  GQueue      waiting; /* GTask refs waiting for a slot */
  guint       max_in_flight;
  guint       in_flight;
  guint       peak_in_flight;
  guint       call_timeout_ms;
  guint       max_pages;    /* per chain of list pages */
  GHashTable *call_counts;  /* operation -> count */
  gint64      clock_skew_s; /* the service's clock minus ours */
  guint       n_throttled;  /* throttled answers */
  guint       n_slowed;     /* calls waiting because of throttling */
};

typedef struct
{
  char           *operation;
  GBytes         *body;
  guint           attempt;         /* 1-based: the attempt running or next */
  guint           last_retry_cost; /* retry tokens taken by the last retry */
  gint64          attempt_start_us;
  gint64          sent_us; /* when the last attempt went on the wire */
  gboolean        holds_slot;
  gboolean        clock_corrected; /* signed again after a clock skew error */
  gboolean        slowed;          /* waiting because of throttling */
  GSource        *wait_source;     /* while queued or backing off */
  C3vCredentials *credentials;     /* of the last attempt, to redact answers */
  SoupMessage    *message;         /* of the attempt on the wire */
} CallData;

enum
{
  PROP_0,
  PROP_CREDENTIALS,
  PROP_SERVICE,
  PROP_REGION,
  PROP_ENDPOINT_URL,
  PROP_MAX_IN_FLIGHT,
  PROP_THROTTLED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (C3vEcsClient, c3v_ecs_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void call_start_attempt (GTask *task);

static void
call_data_free (CallData *call)
{
  if (call->wait_source != NULL)
    {
      g_source_destroy (call->wait_source);
      g_source_unref (call->wait_source);
    }
  g_clear_pointer (&call->credentials, c3v_credentials_unref);
  g_clear_object (&call->message);
  g_free (call->operation);
  g_bytes_unref (call->body);
  g_free (call);
}

/* --- endpoint and session --------------------------------------------- */

/* What libsoup puts in Host (and :authority): the port only when it is not
 * the scheme's default, IPv6 literals in brackets. */
static char *
host_header_for (GUri *uri)
{
  const char      *host = g_uri_get_host (uri);
  const char      *scheme = g_uri_get_scheme (uri);
  int              port = g_uri_get_port (uri);
  int              default_port = g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80;
  g_autofree char *name = NULL;

  if (strchr (host, ':') != NULL)
    name = g_strdup_printf ("[%.*s]", (int) strcspn (host, "%"), host);
  else if (g_hostname_is_non_ascii (host))
    name = g_hostname_to_ascii (host);
  else
    name = g_strdup (host);

  if (port == -1 || port == default_port)
    return g_steal_pointer (&name);
  return g_strdup_printf ("%s:%d", name, port);
}

static GUri *
parse_endpoint (const char *endpoint_url)
{
  g_autoptr (GUri) uri = g_uri_parse (endpoint_url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;
  if (*g_uri_get_path (uri) != '\0')
    return g_steal_pointer (&uri);

  /* "https://host" posts to "/", and that is what gets signed. */
  return g_uri_build (g_uri_get_flags (uri), scheme, NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), "/", g_uri_get_query (uri), NULL);
}

/* libsoup keeps only 2 connections per host by default; the session is
 * rebuilt when the bound changes because those limits are construct-only.
 * Requests already sent keep the old session alive until they finish. */
static void
c3v_ecs_client_create_session (C3vEcsClient *self)
{
  g_clear_object (&self->session);
  self->session = c3v_aws_http_session_new (self->max_in_flight);
}

/* --- the queue of calls waiting for a slot ---------------------------- */

static void
call_clear_wait (CallData *call)
{
  if (call->wait_source == NULL)
    return;

  g_source_destroy (call->wait_source);
  g_clear_pointer (&call->wait_source, g_source_unref);
}

static gboolean
call_queue_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask        *task = user_data;
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);

  call_clear_wait (call);
  if (g_queue_remove (&self->waiting, task))
    g_object_unref (task);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
call_attach_wait (GTask *task, GSource *source, GSourceFunc callback)
{
  CallData *call = g_task_get_task_data (task);

  g_source_set_static_name (source, "[c3vis] ECS call wait");
  g_source_set_callback (source, callback, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
  call->wait_source = source;
}

/* While queued, only cancelling ends the wait early. */
static void
call_wait_in_queue (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (cancellable != NULL)
    call_attach_wait (task, g_cancellable_source_new (cancellable),
                      G_SOURCE_FUNC (call_queue_cancelled));
}

/* Backing off: @callback runs after @delay_ms or once cancelled, whichever
 * comes first (a child source wakes its parent). */
static void
call_wait_backoff (GTask *task, guint delay_ms, GSourceFunc callback)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  GSource      *source = g_timeout_source_new (delay_ms);

  if (cancellable != NULL)
    {
      g_autoptr (GSource) cancelled = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (source, cancelled);
    }
  call_attach_wait (task, source, callback);
}

static void
pump_queue (C3vEcsClient *self)
{
  while (self->in_flight < self->max_in_flight && !g_queue_is_empty (&self->waiting))
    {
      g_autoptr (GTask) task = g_queue_pop_head (&self->waiting);

      call_clear_wait (g_task_get_task_data (task));
      call_start_attempt (task);
    }
}

static void
call_enqueue (GTask *task, gboolean ahead)
{
  C3vEcsClient *self = g_task_get_source_object (task);

  if (self->in_flight < self->max_in_flight && g_queue_is_empty (&self->waiting))
    {
      call_start_attempt (task);
      return;
    }

  if (ahead)
    g_queue_push_head (&self->waiting, g_object_ref (task));
  else
    g_queue_push_tail (&self->waiting, g_object_ref (task));
  call_wait_in_queue (task);
}

static void
call_release_slot (GTask *task)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);

  if (!call->holds_slot)
    return;

  call->holds_slot = FALSE;
  self->in_flight--;
  pump_queue (self);
}

/* --- throttling --------------------------------------------------------- */

/* "throttled" is TRUE while any call waits because of throttling: backing
 * off after a throttled answer or held back by the rate limiter. */
static void
call_set_slowed (GTask *task, gboolean slowed)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);

  if (call->slowed == slowed)
    return;
  call->slowed = slowed;
  if (slowed ? self->n_slowed++ == 0 : --self->n_slowed == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THROTTLED]);
}

/* The monotonic clock in the retry time unit (seconds, unless a test
 * scales it). */
static double
retry_time (C3vEcsClient *self, gint64 monotonic_us)
{
  return (double) monotonic_us / (1000.0 * self->retry_base_ms);
}

static double
client_now (C3vEcsClient *self)
{
  return retry_time (self, g_get_monotonic_time ());
}

/* AWS's budget is per account, region and service (ECS throttling says
 * nothing about CloudWatch Logs'); any other endpoint has its own. The
 * access key ID stands for the account: it is what the client knows
 * without asking. */
static char *
limiter_key_for (C3vEcsClient *self, C3vCredentials *credentials)
{
  const char *host = g_uri_get_host (self->endpoint);
  gboolean    aws
      = g_str_has_suffix (host, ".amazonaws.com") || g_str_has_suffix (host, ".amazonaws.com.cn");

  return g_strdup_printf ("%s %s %s %s", c3v_credentials_get_access_key_id (credentials),
                          self->region, self->service->signing_name, aws ? "aws" : self->host);
}

/* The shared rate limiter in adaptive mode, NULL in standard mode. */
static C3vRateLimiter *
client_limiter_for (C3vEcsClient *self, C3vCredentials *credentials)
{
  g_autofree char *key = NULL;

  if (c3v_retry_strategy_get_mode (self->retry) != C3V_RETRY_MODE_ADAPTIVE)
    return NULL;

  key = limiter_key_for (self, credentials);
  if (self->limiter == NULL || g_strcmp0 (key, self->limiter_key) != 0)
    {
      g_clear_pointer (&self->limiter, c3v_rate_limiter_unref);
      self->limiter = c3v_rate_limiter_get_shared (key, client_now (self));
      g_free (self->limiter_key);
      self->limiter_key = g_steal_pointer (&key);
    }
  return self->limiter;
}

/* Every answer tells the limiter how fast the service answers, and whether
 * that was too fast. */
static void
call_record_answer (GTask *task, gboolean throttled)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);

  if (throttled)
    self->n_throttled++;
  if (self->limiter != NULL)
    c3v_rate_limiter_record (self->limiter, client_now (self), retry_time (self, call->sent_us),
                             throttled);
}

/* --- completion --------------------------------------------------------- */

static void
call_return_error (GTask *task, GError *error)
{
  call_release_slot (task);
  g_task_return_error (task, error);
}

static void
call_return_object (GTask *task, JsonObject *object)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);

  c3v_retry_strategy_record_success (self->retry, call->last_retry_cost);
  call_release_slot (task);
  g_task_return_pointer (task, object, (GDestroyNotify) json_object_unref);
}

static gboolean
call_backoff_done (gpointer user_data)
{
  GTask    *task = user_data;
  CallData *call = g_task_get_task_data (task);

  call_clear_wait (call);
  call_set_slowed (task, FALSE);
  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  call_enqueue (task, TRUE);
  return G_SOURCE_REMOVE;
}

/* Retries when the retry mode allows it; otherwise fails with @error.
 * @retry_after_ms: what the service asked for, or -1. */
static void
call_fail_or_retry (GTask *task, C3vRetryKind kind, gint64 retry_after_ms, GError *error)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);
  guint         delay_ms = 0;
  guint         cost = 0;

  if (!c3v_retry_strategy_should_retry (self->retry, call->attempt, kind, retry_after_ms, &delay_ms,
                                        &cost))
    {
      call_return_error (task, error);
      return;
    }

  g_debug ("%s %s: retrying attempt %u in %u ms (%s)", self->service->env_suffix, call->operation,
           call->attempt, delay_ms, error->message);
  g_error_free (error);
  call->attempt++;
  call->last_retry_cost = cost;
  call_release_slot (task);
  call_set_slowed (task, kind == C3V_RETRY_THROTTLED);
  call_wait_backoff (task, delay_ms, call_backoff_done);
}

/* --- one attempt -------------------------------------------------------- */

/* "ECS ListTasks: HTTP 200, ..." ("CLOUDWATCH_LOGS GetLogEvents: ..."). */
static void
call_log_attempt (GTask *task, guint status)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);
  gint64        elapsed_ms = (g_get_monotonic_time () - call->attempt_start_us) / 1000;

  g_debug ("%s %s: HTTP %u, attempt %u, %" G_GINT64_FORMAT " ms", self->service->env_suffix,
           call->operation, status, call->attempt, elapsed_ms);
}

/* A host that does not resolve is, more often than not, a mistyped region:
 * say so when the region is not one c3vis knows. */
static GError *
unreachable_error (C3vEcsClient *self, const GError *cause)
{
  if (g_error_matches (cause, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND)
      && !c3v_aws_region_is_known (self->region))
    return g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK,
                        _ ("Could not reach %s: “%s” is not a known AWS region; check its name"),
                        self->host, self->region);

  return g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK, _ ("Could not reach %s: %s"),
                      self->host, cause->message);
}

static void
call_handle_transport_error (GTask *task, GError *error)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      call_return_error (task, error);
      return;
    }
  if (error->domain == G_TLS_ERROR)
    {
      call_return_error (task, g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_TLS,
                                            _ ("Secure connection to %s failed: %s"), self->host,
                                            error->message));
      g_error_free (error);
      return;
    }

  call_record_answer (task, FALSE);
  if (g_error_matches (error, C3V_AWS_HTTP_ERROR, C3V_AWS_HTTP_ERROR_TOO_LARGE))
    {
      call_return_error (task, g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                                            _ ("%s returned a malformed answer: %s"),
                                            call->operation, error->message));
      g_error_free (error);
      return;
    }
  /* The service was reached, but the answer was slow or cut off: say so,
   * and try again like after a connection error. */
  if (error->domain == C3V_AWS_HTTP_ERROR)
    call_fail_or_retry (task, C3V_RETRY_CONNECTION, -1,
                        g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK, _ ("%s at %s: %s"),
                                     call->operation, self->host, error->message));
  else
    call_fail_or_retry (task, C3V_RETRY_CONNECTION, -1, unreachable_error (self, error));
  g_error_free (error);
}

static void
call_redact (CallData *call, GError *error)
{
  const char *secrets[] = {
    c3v_credentials_get_secret_access_key (call->credentials),
    c3v_credentials_get_session_token (call->credentials),
    NULL,
  };

  c3v_ecs_error_redact (error, secrets);
}

static gboolean
is_clock_skew_error (const char *code, const GError *error)
{
  if (g_strcmp0 (code, "RequestTimeTooSkewed") == 0 || g_strcmp0 (code, "RequestInTheFuture") == 0)
    return TRUE;
  return g_strcmp0 (code, "InvalidSignatureException") == 0
         && (strstr (error->message, "Signature expired") != NULL
             || strstr (error->message, "Signature not yet current") != NULL);
}

/* AWS refuses an X-Amz-Date more than 5 minutes off its clock. Like the
 * Java and JavaScript SDKs, learn the offset from the answer's Date header
 * and sign again, once per call: a wrong desktop clock should not lock the
 * user out. */
static gboolean
call_correct_clock (GTask *task, SoupMessageHeaders *response_headers, const char *code,
                    const GError *error)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);
  const char   *date = soup_message_headers_get_one (response_headers, "Date");
  g_autoptr (GDateTime) service_time = NULL;

  /* Signing again is an attempt like any other: it stays within the limit. */
  if (call->clock_corrected || date == NULL || !is_clock_skew_error (code, error)
      || call->attempt >= c3v_retry_strategy_get_max_attempts (self->retry))
    return FALSE;
  service_time = soup_date_time_new_from_http_string (date);
  if (service_time == NULL)
    return FALSE;

  self->clock_skew_s = g_date_time_to_unix (service_time) - g_get_real_time () / G_USEC_PER_SEC;
  call->clock_corrected = TRUE;
  g_debug ("%s %s: clock skew of %" G_GINT64_FORMAT " s, signing again", self->service->env_suffix,
           call->operation, self->clock_skew_s);
  return TRUE;
}

/* Retry-After, bounded by the longest backoff: a server cannot park a
 * call for longer than throttling would. */
static gint64
retry_after_ms (SoupMessageHeaders *response_headers)
{
  return c3v_retry_after_ms (soup_message_headers_get_one (response_headers, "Retry-After"),
                             g_get_real_time () / G_USEC_PER_SEC,
                             C3V_RETRY_MAX_BACKOFF_UNITS * (gint64) 1000);
}

static void
call_handle_answer (GTask *task, SoupMessage *message, GBytes *body)
{
  CallData           *call = g_task_get_task_data (task);
  guint               status = soup_message_get_status (message);
  SoupMessageHeaders *response_headers;
  g_autofree char    *code = NULL;
  g_autoptr (GError) parse_error = NULL;
  JsonObject  *object;
  GError      *error;
  C3vRetryKind kind;

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      call_record_answer (task, FALSE);
      object = c3v_untrusted_json_parse_object (body, &parse_error);
      if (object != NULL)
        call_return_object (task, object);
      else
        call_return_error (task, g_error_new (C3V_ECS_ERROR, C3V_ECS_ERROR_MALFORMED_RESPONSE,
                                              _ ("%s returned a malformed answer: %s"),
                                              call->operation, parse_error->message));
      return;
    }

  response_headers = soup_message_get_response_headers (message);
  error = c3v_ecs_error_from_response (
      status, body, soup_message_headers_get_one (response_headers, "X-Amzn-ErrorType"), &code);
  call_redact (call, error);
  kind = c3v_retry_kind_of (code, status);
  call_record_answer (task, kind == C3V_RETRY_THROTTLED);
  if (call_correct_clock (task, response_headers, code, error))
    {
      g_error_free (error);
      call->attempt++;
      call_release_slot (task);
      call_enqueue (task, TRUE);
    }
  else if (kind != C3V_RETRY_NONE)
    call_fail_or_retry (task, kind, retry_after_ms (response_headers), error);
  else
    call_return_error (task, error);
}

static void
call_sent_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CallData *call = g_task_get_task_data (task);
  g_autoptr (SoupMessage) message = g_steal_pointer (&call->message);
  g_autoptr (GBytes) body = NULL;
  GError *error = NULL;

  body = c3v_aws_http_send_finish (result, &error);
  call_log_attempt (task, error ? 0 : soup_message_get_status (message));
  if (error != NULL)
    call_handle_transport_error (task, error);
  else
    call_handle_answer (task, message, body);
}

/* Builds the POST and signs exactly host, x-amz-date, content-type,
 * x-amz-target and, with a session token, x-amz-security-token: headers
 * nothing rewrites after signing. */
static SoupMessage *
call_build_message (C3vEcsClient *self, CallData *call, C3vCredentials *credentials)
{
  gint64              now = g_get_real_time () / G_USEC_PER_SEC + self->clock_skew_s;
  g_autofree char    *amz_date = c3v_sigv4_format_amz_date (now);
  g_autofree char    *target = c3v_aws_service_target (self->service, call->operation);
  g_autofree char    *authorization = NULL;
  const char         *token = c3v_credentials_get_session_token (credentials);
  const C3vHttpHeader headers[] = {
    { "Host", self->host },
    { "X-Amz-Date", amz_date },
    { "Content-Type", self->content_type },
    { "X-Amz-Target", target },
    { "X-Amz-Security-Token", token },
  };
  gsize           n_headers = token != NULL ? G_N_ELEMENTS (headers) : G_N_ELEMENTS (headers) - 1;
  gsize           body_length = 0;
  const void     *body = g_bytes_get_data (call->body, &body_length);
  C3vSigv4Request request = {
    .method = "POST",
    .path = g_uri_get_path (self->endpoint),
    .query = g_uri_get_query (self->endpoint),
    .headers = headers,
    .n_headers = n_headers,
    .body = body,
    .body_length = body_length,
  };
  SoupMessage        *message;
  SoupMessageHeaders *request_headers;

  authorization = c3v_sigv4_authorization (
      self->signer, c3v_credentials_get_access_key_id (credentials),
      c3v_credentials_get_secret_access_key (credentials), &request, amz_date,
      c3v_aws_service_region (self->service, self->region), self->service->signing_name);

  message = c3v_aws_http_message_new (SOUP_METHOD_POST, self->endpoint);
  request_headers = soup_message_get_request_headers (message);
  for (gsize i = 0; i < n_headers; i++)
    soup_message_headers_replace (request_headers, headers[i].name, headers[i].value);
  soup_message_headers_replace (request_headers, "Authorization", authorization);
  soup_message_set_request_body_from_bytes (message, self->content_type, call->body);

  OPENSSL_cleanse (authorization, strlen (authorization));
  return message;
}

static void
call_send (GTask *task)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);
  g_autoptr (SoupMessage) message = call_build_message (self, call, call->credentials);

  call->sent_us = g_get_monotonic_time ();
  g_set_object (&call->message, message);
  c3v_aws_http_send_async (self->session, message, C3V_UNTRUSTED_MAX_ANSWER_BYTES,
                           self->call_timeout_ms, g_task_get_cancellable (task), call_sent_cb,
                           g_object_ref (task));
}

static gboolean
call_rate_wait_done (gpointer user_data)
{
  GTask    *task = user_data;
  CallData *call = g_task_get_task_data (task);
  GError   *error = NULL;

  call_clear_wait (call);
  call_set_slowed (task, FALSE);
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    call_return_error (task, error);
  else
    call_send (task);
  return G_SOURCE_REMOVE;
}

static void
call_credentials_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);
  g_autoptr (C3vCredentials) credentials = NULL;
  C3vRateLimiter *limiter;
  double          wait_ms;
  GError         *error = NULL;

  credentials
      = c3v_credentials_provider_get_finish (C3V_CREDENTIALS_PROVIDER (object), result, &error);
  if (credentials == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (C3V_ECS_ERROR, C3V_ECS_ERROR_NO_CREDENTIALS,
                                     _ ("No AWS credentials were found"));
      call_return_error (task, error);
      return;
    }

  g_clear_pointer (&call->credentials, c3v_credentials_unref);
  call->credentials = g_steal_pointer (&credentials);
  limiter = client_limiter_for (self, call->credentials);
  wait_ms = limiter != NULL
                ? ceil (c3v_rate_limiter_acquire (limiter, client_now (self)) * self->retry_base_ms)
                : 0;
  if (wait_ms <= 0)
    {
      call_send (task);
      return;
    }

  /* The slot stays taken: the call is next, only later. */
  call_set_slowed (task, TRUE);
  call_wait_backoff (task, (guint) MIN (wait_ms, (double) G_MAXUINT), call_rate_wait_done);
}

static void
call_start_attempt (GTask *task)
{
  C3vEcsClient *self = g_task_get_source_object (task);
  CallData     *call = g_task_get_task_data (task);

  call->holds_slot = TRUE;
  self->in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->in_flight);
  call->attempt_start_us = g_get_monotonic_time ();

  c3v_credentials_provider_get_async (self->credentials, g_task_get_cancellable (task),
                                      call_credentials_cb, g_object_ref (task));
}

/* --- public API --------------------------------------------------------- */

static GBytes *
serialize_request (JsonObject *request)
{
  g_autoptr (JsonNode) node = NULL;
  char *text;

  if (request == NULL)
    return g_bytes_new_static ("{}", 2);

  node = json_node_init_object (json_node_alloc (), request);
  text = json_to_string (node, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

static void
count_call (C3vEcsClient *self, const char *operation)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->call_counts, operation));

  g_hash_table_insert (self->call_counts, g_strdup (operation), GUINT_TO_POINTER (count + 1));
}

static void
call_start (C3vEcsClient *self, const char *operation, JsonObject *request,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data,
            gboolean ahead)
{
  g_autoptr (GTask) task = NULL;
  CallData *call;

  g_return_if_fail (C3V_IS_ECS_CLIENT (self));
  g_return_if_fail (operation != NULL && *operation != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_name (task, operation);

  call = g_new0 (CallData, 1);
  call->operation = g_strdup (operation);
  call->body = serialize_request (request);
  call->attempt = 1;
  g_task_set_task_data (task, call, (GDestroyNotify) call_data_free);
  count_call (self, operation);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->endpoint == NULL)
    {
      g_task_return_new_error (task, C3V_ECS_ERROR, C3V_ECS_ERROR_NETWORK,
                               _ ("The endpoint URL “%s” is not a valid http or https URL"),
                               self->endpoint_url);
      return;
    }

  call_enqueue (task, ahead);
}

void
c3v_ecs_client_call_async (C3vEcsClient *self, const char *operation, JsonObject *request,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  call_start (self, operation, request, cancellable, callback, user_data, FALSE);
}

/* The next page of a list goes ahead of the calls already queued: the
 * chain of pages is what a load waits on longest, while the describes
 * queued behind it can overlap with the following pages. */
void
c3v_ecs_client_call_page_async (C3vEcsClient *self, const char *operation, JsonObject *request,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  call_start (self, operation, request, cancellable, callback, user_data, TRUE);
}

JsonObject *
c3v_ecs_client_call_finish (C3vEcsClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

C3vEcsClient *
c3v_ecs_client_new (C3vCredentialsProvider *credentials, const char *region,
                    const char *endpoint_url)
{
  g_return_val_if_fail (C3V_IS_CREDENTIALS_PROVIDER (credentials), NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (endpoint_url != NULL, NULL);

  return g_object_new (C3V_TYPE_ECS_CLIENT, "credentials", credentials, "region", region,
                       "endpoint-url", endpoint_url, NULL);
}

C3vAwsClient *
c3v_aws_client_new (const C3vAwsService *service, C3vCredentialsProvider *credentials,
                    const char *region, const char *endpoint_url)
{
  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (C3V_IS_CREDENTIALS_PROVIDER (credentials), NULL);
  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (endpoint_url != NULL, NULL);

  return g_object_new (C3V_TYPE_ECS_CLIENT, "service", service, "credentials", credentials,
                       "region", region, "endpoint-url", endpoint_url, NULL);
}

const C3vAwsService *
c3v_ecs_client_get_service (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), NULL);

  return self->service;
}

const char *
c3v_ecs_client_get_region (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), NULL);

  return self->region;
}

const char *
c3v_ecs_client_get_endpoint_url (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), NULL);

  return self->endpoint_url;
}

void
c3v_ecs_client_set_max_in_flight (C3vEcsClient *self, guint max_in_flight)
{
  g_return_if_fail (C3V_IS_ECS_CLIENT (self));
  g_return_if_fail (max_in_flight > 0);

  if (self->max_in_flight == max_in_flight)
    return;

  self->max_in_flight = max_in_flight;
  c3v_ecs_client_create_session (self);
  pump_queue (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

void
c3v_ecs_client_set_call_timeout (C3vEcsClient *self, guint timeout_ms)
{
  g_return_if_fail (C3V_IS_ECS_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->call_timeout_ms = timeout_ms;
}

void
c3v_ecs_client_set_max_pages (C3vEcsClient *self, guint max_pages)
{
  g_return_if_fail (C3V_IS_ECS_CLIENT (self));
  g_return_if_fail (max_pages > 0);

  self->max_pages = max_pages;
}

guint
c3v_ecs_client_get_max_pages (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), 0);

  return self->max_pages;
}

guint
c3v_ecs_client_get_max_in_flight (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), 0);

  return self->max_in_flight;
}

guint
c3v_ecs_client_get_peak_in_flight (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), 0);

  return self->peak_in_flight;
}

guint
c3v_ecs_client_get_throttled_count (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), 0);

  return self->n_throttled;
}

gboolean
c3v_ecs_client_get_throttled (C3vEcsClient *self)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), FALSE);

  return self->n_slowed > 0;
}

void
c3v_ecs_client_set_retry_settings (C3vEcsClient *self, const C3vRetrySettings *settings)
{
  g_return_if_fail (C3V_IS_ECS_CLIENT (self));

  g_clear_pointer (&self->retry, c3v_retry_strategy_free);
  self->retry = c3v_retry_strategy_new (settings);
  g_clear_pointer (&self->limiter, c3v_rate_limiter_unref);
  g_clear_pointer (&self->limiter_key, g_free);
}

guint
c3v_ecs_client_get_call_count (C3vEcsClient *self, const char *operation)
{
  g_return_val_if_fail (C3V_IS_ECS_CLIENT (self), 0);
  g_return_val_if_fail (operation != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->call_counts, operation));
}

/* --- GObject ------------------------------------------------------------ */

static void
c3v_ecs_client_constructed (GObject *object)
{
  C3vEcsClient *self = C3V_ECS_CLIENT (object);

  G_OBJECT_CLASS (c3v_ecs_client_parent_class)->constructed (object);

  if (self->service == NULL)
    self->service = &c3v_aws_service_ecs;
  self->content_type = c3v_aws_service_content_type (self->service);
  self->endpoint = parse_endpoint (self->endpoint_url);
  if (self->endpoint != NULL)
    self->host = host_header_for (self->endpoint);
  c3v_ecs_client_create_session (self);
}

static void
c3v_ecs_client_finalize (GObject *object)
{
  C3vEcsClient *self = C3V_ECS_CLIENT (object);

  /* Every waiting call holds a reference on the client: none can be left. */
  g_assert (g_queue_is_empty (&self->waiting));

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->endpoint, g_uri_unref);
  g_clear_pointer (&self->signer, c3v_sigv4_signer_free);
  g_clear_pointer (&self->retry, c3v_retry_strategy_free);
  g_clear_pointer (&self->limiter, c3v_rate_limiter_unref);
  g_clear_pointer (&self->limiter_key, g_free);
  g_clear_pointer (&self->call_counts, g_hash_table_unref);
  g_free (self->content_type);
  g_free (self->region);
  g_free (self->endpoint_url);
  g_free (self->host);

  G_OBJECT_CLASS (c3v_ecs_client_parent_class)->finalize (object);
}

static void
c3v_ecs_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  C3vEcsClient *self = C3V_ECS_CLIENT (object);

  switch (prop_id)
    {
      case PROP_CREDENTIALS:
        g_value_set_object (value, self->credentials);
        break;

      case PROP_SERVICE:
        g_value_set_pointer (value, (gpointer) self->service);
        break;

      case PROP_REGION:
        g_value_set_string (value, self->region);
        break;

      case PROP_ENDPOINT_URL:
        g_value_set_string (value, self->endpoint_url);
        break;

      case PROP_MAX_IN_FLIGHT:
        g_value_set_uint (value, self->max_in_flight);
        break;

      case PROP_THROTTLED:
        g_value_set_boolean (value, self->n_slowed > 0);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
c3v_ecs_client_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  C3vEcsClient *self = C3V_ECS_CLIENT (object);

  switch (prop_id)
    {
      case PROP_CREDENTIALS:
        self->credentials = g_value_dup_object (value);
        break;

      case PROP_SERVICE:
        self->service = g_value_get_pointer (value);
        break;

      case PROP_REGION:
        self->region = g_value_dup_string (value);
        break;

      case PROP_ENDPOINT_URL:
        self->endpoint_url = g_value_dup_string (value);
        break;

      case PROP_MAX_IN_FLIGHT:
        c3v_ecs_client_set_max_in_flight (self, g_value_get_uint (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
c3v_ecs_client_class_init (C3vEcsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = c3v_ecs_client_constructed;
  object_class->finalize = c3v_ecs_client_finalize;
  object_class->get_property = c3v_ecs_client_get_property;
  object_class->set_property = c3v_ecs_client_set_property;

  properties[PROP_CREDENTIALS]
      = g_param_spec_object ("credentials", NULL, NULL, C3V_TYPE_CREDENTIALS_PROVIDER,
                             (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* A C3vAwsService with static storage; NULL: Amazon ECS. */
  properties[PROP_SERVICE] = g_param_spec_pointer (
      "service", NULL, NULL, (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REGION]
      = g_param_spec_string ("region", NULL, NULL, NULL,
                             (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENDPOINT_URL]
      = g_param_spec_string ("endpoint-url", NULL, NULL, NULL,
                             (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_IN_FLIGHT]
      = g_param_spec_uint ("max-in-flight", NULL, NULL, 1, 1024, DEFAULT_MAX_IN_FLIGHT,
                           (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* TRUE while ECS throttling slows a call down (see call_set_slowed). */
  properties[PROP_THROTTLED] = g_param_spec_boolean (
      "throttled", NULL, NULL, FALSE,
      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
c3v_ecs_client_init (C3vEcsClient *self)
{
  g_queue_init (&self->waiting);
  self->max_in_flight = DEFAULT_MAX_IN_FLIGHT;
  self->call_timeout_ms = C3V_AWS_HTTP_CALL_TIMEOUT_MS;
  self->max_pages = C3V_ECS_MAX_PAGES;
  self->signer = c3v_sigv4_signer_new ();
  self->retry = c3v_retry_strategy_new (NULL);
  self->retry_base_ms = c3v_retry_base_ms ();
  self->call_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
