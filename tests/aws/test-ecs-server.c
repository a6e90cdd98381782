/* test-ecs-server.c: a small ECS endpoint on loopback for the client tests.
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "test-ecs-server.h"

static const char *
header (SoupServerMessage *message, const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (message), name);
}

/* "…, SignedHeaders=a;b;c, Signature=…" -> "a;b;c" */
static char *
signed_headers_of (const char *authorization)
{
  const char *start = authorization ? strstr (authorization, "SignedHeaders=") : NULL;

  if (start == NULL)
    return NULL;
  start += strlen ("SignedHeaders=");
  return g_strndup (start, strcspn (start, ","));
}

/* Recomputes the Authorization from what arrived, as AWS does. */
static gboolean
server_verify (TestServer *ts, SoupServerMessage *message, GBytes *body)
{
  const char      *authorization = header (message, "Authorization");
  const char      *amz_date = header (message, "X-Amz-Date");
  g_autofree char *names = signed_headers_of (authorization);
  g_auto (GStrv) split = NULL;
  g_autoptr (GArray) headers = g_array_new (FALSE, FALSE, sizeof (C3vHttpHeader));
  g_autofree char *expected = NULL;
  C3vSigv4Request  request = { 0 };

  if (names == NULL || amz_date == NULL)
    return FALSE;

  g_free (ts->last_signed_headers);
  ts->last_signed_headers = g_strdup (names);
  split = g_strsplit (names, ";", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      C3vHttpHeader h = { split[i], header (message, split[i]) };

      g_array_append_val (headers, h);
    }

  request.method = soup_server_message_get_method (message);
  request.path = g_uri_get_path (soup_server_message_get_uri (message));
  request.headers = (const C3vHttpHeader *) headers->data;
  request.n_headers = headers->len;
  request.body = g_bytes_get_data (body, &request.body_length);
  expected = c3v_sigv4_authorization (ts->signer, ACCESS_KEY, ts->secret, &request, amz_date,
                                      REGION, "ecs");
  return g_strcmp0 (expected, authorization) == 0;
}

static gint64
server_now (TestServer *ts)
{
  return g_get_real_time () / G_USEC_PER_SEC + ts->clock_offset_s;
}

static void
server_send_date (TestServer *ts, SoupServerMessage *message)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (server_now (ts));
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);

  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Date", date);
}

/* AWS's rule: X-Amz-Date within 5 minutes of the service's clock. */
static gboolean
server_clock_agrees (TestServer *ts, SoupServerMessage *message)
{
  const char *amz_date = header (message, "X-Amz-Date");
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (server_now (ts));
  g_autoptr (GDateTime) low = g_date_time_add_minutes (now, -5);
  g_autoptr (GDateTime) high = g_date_time_add_minutes (now, 5);
  g_autofree char *earliest = g_date_time_format (low, "%Y%m%dT%H%M%SZ");
  g_autofree char *latest = g_date_time_format (high, "%Y%m%dT%H%M%SZ");

  /* The basic ISO format sorts as text. */
  return amz_date != NULL && strcmp (amz_date, earliest) >= 0 && strcmp (amz_date, latest) <= 0;
}

static void
set_reply (SoupServerMessage *message, const Reply *reply)
{
  soup_server_message_set_status (message, reply->status, NULL);
  soup_server_message_set_response (message, "application/x-amz-json-1.1", SOUP_MEMORY_COPY,
                                    reply->body, strlen (reply->body));
  if (reply->error_type_header != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                  "X-Amzn-ErrorType", reply->error_type_header);
  if (reply->retry_after != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After",
                                  reply->retry_after);
}

/* ListTasks pages: "" -> t1 -> t2 -> end, four tasks in all. */
static const char *
list_tasks_page (const char *body)
{
  if (strstr (body, "\"nextToken\":\"t2\"") != NULL)
    return "{\"taskArns\":[\"task-4\"]}";
  if (strstr (body, "\"nextToken\":\"t1\"") != NULL)
    return "{\"taskArns\":[\"task-3\"],\"nextToken\":\"t2\"}";
  return "{\"taskArns\":[\"task-1\",\"task-2\"],\"nextToken\":\"t1\"}";
}

static void
server_answer (TestServer *ts, SoupServerMessage *message, const char *body)
{
  const char *token = header (message, "X-Amz-Security-Token");
  Reply reply = { 200, "{\"clusterArns\":[\"arn:aws:ecs:eu-west-1:1:cluster/default\"]}", NULL };

  if (ts->session_token != NULL && g_strcmp0 (token, ts->session_token) != 0)
    reply = (Reply){ 400,
                     "{\"__type\":\"UnrecognizedClientException\","
                     "\"message\":\"The security token included in the request is invalid.\"}",
                     NULL };
  else if (ts->script_position < ts->script_length)
    reply = ts->script[ts->script_position++];
  else if (g_str_has_suffix (ts->last_target, ".ListTasks"))
    reply.body = list_tasks_page (body);
  set_reply (message, &reply);
}

typedef struct
{
  TestServer        *ts;
  SoupServerMessage *message;
  guint              source_id;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_object_unref (delayed->message);
  g_free (delayed);
}

static gboolean
server_unpause (gpointer data)
{
  Delayed *delayed = data;

  delayed->source_id = 0;
  delayed->ts->in_flight--;
  soup_server_message_unpause (delayed->message);
  g_ptr_array_remove (delayed->ts->delayed, delayed);
  return G_SOURCE_REMOVE;
}

static void
server_delay (TestServer *ts, SoupServerMessage *message)
{
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->ts = ts;
  delayed->message = g_object_ref (message);
  soup_server_message_pause (message);
  delayed->source_id = g_timeout_add (ts->delay_ms, server_unpause, delayed);
  g_ptr_array_add (ts->delayed, delayed);
}

static void
server_handler (SoupServer *server, SoupServerMessage *message, const char *path, GHashTable *query,
                gpointer user_data)
{
  TestServer *ts = user_data;
  g_autoptr (GBytes) body
      = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  ts->requests++;
  ts->previous_request_us = ts->last_request_us;
  ts->last_request_us = g_get_monotonic_time ();
  g_free (ts->last_target);
  ts->last_target = g_strdup (header (message, "X-Amz-Target"));
  g_free (ts->last_body);
  ts->last_body = g_strdup (text);
  g_free (ts->last_token);
  ts->last_token = g_strdup (header (message, "X-Amz-Security-Token"));

  server_send_date (ts, message);
  if (!server_clock_agrees (ts, message))
    {
      static const Reply expired
          = { 403,
              "{\"__type\":\"InvalidSignatureException\","
              "\"message\":\"Signature expired: too far from the server time\"}",
              NULL };

      set_reply (message, &expired);
    }
  else if (!server_verify (ts, message, body))
    {
      static const Reply bad
          = { 403,
              "{\"__type\":\"InvalidSignatureException\","
              "\"message\":\"The request signature we calculated does not match.\"}",
              NULL };

      ts->bad_signatures++;
      set_reply (message, &bad);
    }
  else
    server_answer (ts, message, text);

  ts->in_flight++;
  ts->peak_in_flight = MAX (ts->peak_in_flight, ts->in_flight);
  if (ts->delay_ms == 0)
    {
      ts->in_flight--;
      return;
    }

  server_delay (ts, message);
}

TestServer *
test_server_new_full (GTlsCertificate *certificate)
{
  TestServer *ts = g_new0 (TestServer, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  ts->server = soup_server_new ("tls-certificate", certificate, NULL);
  ts->signer = c3v_sigv4_signer_new ();
  ts->secret = SECRET;
  ts->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) delayed_free);
  soup_server_add_handler (ts->server, "/", server_handler, ts, NULL);
  soup_server_listen_local (
      ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | (certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
      &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (ts->server);
  g_assert_nonnull (uris);
  ts->url = g_strdup_printf ("%s://127.0.0.1:%d", certificate ? "https" : "http",
                             g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return ts;
}

TestServer *
test_server_new (void)
{
  return test_server_new_full (NULL);
}

void
test_server_free (TestServer *ts)
{
  g_ptr_array_unref (ts->delayed);
  soup_server_disconnect (ts->server);
  g_object_unref (ts->server);
  c3v_sigv4_signer_free (ts->signer);
  g_free (ts->url);
  g_free (ts->last_target);
  g_free (ts->last_signed_headers);
  g_free (ts->last_body);
  g_free (ts->last_token);
  g_free (ts);
}

void
test_server_script (TestServer *ts, const Reply *script, guint length)
{
  ts->script = script;
  ts->script_length = length;
  ts->script_position = 0;
}

GTlsCertificate *
test_server_self_signed_certificate (void)
{
  EVP_PKEY  *key = EVP_EC_gen ("P-256");
  X509      *x509 = X509_new ();
  BIO       *bio = BIO_new (BIO_s_mem ());
  X509_NAME *name = X509_get_subject_name (x509);
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = NULL;
  GTlsCertificate *certificate;
  char            *data = NULL;
  long             length;

  g_assert_nonnull (key);
  ASN1_INTEGER_set (X509_get_serialNumber (x509), 1);
  X509_gmtime_adj (X509_getm_notBefore (x509), -60);
  X509_gmtime_adj (X509_getm_notAfter (x509), 3600);
  X509_set_pubkey (x509, key);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_ASC, (const unsigned char *) "127.0.0.1", -1, -1,
                              0);
  X509_set_issuer_name (x509, name);
  g_assert_cmpint (X509_sign (x509, key, EVP_sha256 ()), >, 0);
  PEM_write_bio_X509 (bio, x509);
  PEM_write_bio_PrivateKey (bio, key, NULL, NULL, 0, NULL, NULL);
  length = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, length);

  BIO_free (bio);
  X509_free (x509);
  EVP_PKEY_free (key);

  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  return certificate;
}
