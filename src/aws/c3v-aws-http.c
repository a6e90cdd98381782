/* c3v-aws-http.c: how every AWS request is sent.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-aws-http-private.h"

#define READ_CHUNK_BYTES (64 * 1024)

G_DEFINE_QUARK (c3v - aws - http - error - quark, c3v_aws_http_error)

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream; /* once the headers arrived */
  GByteArray   *body;
  gsize         max_bytes;
  guint64       declared; /* Content-Length, 0 when none */
  guint         timeout_ms;
  GCancellable *stop;   /* cancelled by the deadline or by the caller */
  GCancellable *caller; /* the caller's, or NULL */
  gulong        caller_handler;
  GSource      *deadline;
  gboolean      timed_out;
} SendData;

static void
send_data_free (SendData *data)
{
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  if (data->caller != NULL)
    g_cancellable_disconnect (data->caller, data->caller_handler);
  g_clear_object (&data->caller);
  /* A body not read to its end (too large, too slow) must not be read
   * on: cancelling makes libsoup drop the connection. */
  g_cancellable_cancel (data->stop);
  if (data->stream != NULL)
    g_input_stream_close (data->stream, NULL, NULL);
  g_clear_object (&data->stream);
  g_clear_object (&data->stop);
  g_clear_object (&data->message);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data);
}

SoupSession *
c3v_aws_http_session_new (guint max_conns_per_host)
{
  if (max_conns_per_host == 0)
    return soup_session_new_with_options ("timeout", C3V_AWS_HTTP_IDLE_TIMEOUT_S, "user-agent",
                                          PACKAGE_NAME "/" PACKAGE_VERSION, NULL);
  return soup_session_new_with_options (
      "max-conns", MAX (max_conns_per_host, 10u), "max-conns-per-host", max_conns_per_host,
      "timeout", C3V_AWS_HTTP_IDLE_TIMEOUT_S, "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION, NULL);
}

SoupMessage *
c3v_aws_http_message_new (const char *method, GUri *uri)
{
  SoupMessage *message = soup_message_new_from_uri (method, uri);

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  return message;
}

static void
send_return_error (GTask *task, GError *error)
{
  SendData *data = g_task_get_task_data (task);

  if (data->timed_out)
    {
      g_clear_error (&error);
      error = g_error_new (C3V_AWS_HTTP_ERROR, C3V_AWS_HTTP_ERROR_TIMED_OUT,
                           _ ("no complete answer within %u s"), (data->timeout_ms + 999) / 1000);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_clear_error (&error);
      error = g_error_new (C3V_AWS_HTTP_ERROR, C3V_AWS_HTTP_ERROR_TIMED_OUT,
                           _ ("no answer for %u s"), C3V_AWS_HTTP_IDLE_TIMEOUT_S);
    }
  g_task_return_error (task, error);
}

static void
send_return_too_large (GTask *task)
{
  SendData        *data = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size_full (data->max_bytes, G_FORMAT_SIZE_IEC_UNITS);

  g_task_return_new_error (task, C3V_AWS_HTTP_ERROR, C3V_AWS_HTTP_ERROR_TOO_LARGE,
                           _ ("it is larger than %s"), limit);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
read_next (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_BYTES, g_task_get_priority (task),
                                   data->stop, read_cb, task);
}

static void
read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask    *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->timed_out)
        {
          g_autofree char *cause = g_strdup (error->message);

          g_clear_error (&error);
          error = g_error_new (C3V_AWS_HTTP_ERROR, C3V_AWS_HTTP_ERROR_CUT_OFF,
                               _ ("the answer was cut off (%s)"), cause);
        }
      send_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* libsoup reports a body shorter than its Content-Length as its end. */
  if (g_bytes_get_size (chunk) == 0 && data->declared > 0 && data->body->len < data->declared)
    g_task_return_new_error (task, C3V_AWS_HTTP_ERROR, C3V_AWS_HTTP_ERROR_CUT_OFF, "%s",
                             _ ("the answer was cut off before the length it announced"));
  else if (g_bytes_get_size (chunk) == 0)
    g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&data->body)),
                           (GDestroyNotify) g_bytes_unref);
  else if (data->body->len + g_bytes_get_size (chunk) > data->max_bytes)
    send_return_too_large (task);
  else
    {
      g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_next (task);
      return;
    }
  g_object_unref (task);
}

static void
sent_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask    *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError   *error = NULL;
  goffset   declared;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      send_return_error (task, error);
      g_object_unref (task);
      return;
    }

  declared
      = soup_message_headers_get_content_length (soup_message_get_response_headers (data->message));
  if (declared > 0 && (guint64) declared > data->max_bytes)
    {
      send_return_too_large (task);
      g_object_unref (task);
      return;
    }
  data->declared = declared > 0 ? (guint64) declared : 0;
  data->body = g_byte_array_sized_new (declared > 0 ? (guint) declared : READ_CHUNK_BYTES);
  read_next (task);
}

static gboolean
deadline_passed (gpointer user_data)
{
  SendData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->stop);
  g_clear_pointer (&data->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled (GCancellable *caller, gpointer user_data)
{
  GCancellable *stop = user_data;

  g_cancellable_cancel (stop);
}

void
c3v_aws_http_send_async (SoupSession *session, SoupMessage *message, gsize max_bytes,
                         guint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask    *task;
  SendData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_name (task, G_STRFUNC);
  data = g_new0 (SendData, 1);
  data->message = g_object_ref (message);
  data->max_bytes = max_bytes;
  data->timeout_ms = timeout_ms;
  data->stop = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  /* Even for a message made elsewhere: redirects carry credentials. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled),
                                                    g_object_ref (data->stop), g_object_unref);
    }
  data->deadline = g_timeout_source_new (timeout_ms);
  g_source_set_static_name (data->deadline, "[c3vis] AWS call deadline");
  g_source_set_callback (data->deadline, deadline_passed, data, NULL);
  g_source_attach (data->deadline, g_task_get_context (task));

  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, data->stop, sent_cb, task);
}

GBytes *
c3v_aws_http_send_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
c3v_aws_return_answer (GTask *task, GAsyncResult *result, C3vAwsUnreachableError unreachable,
                       C3vAwsAnswerParser parse)
{
  C3vCredentialsProvider *provider = g_task_get_source_object (task);
  SoupMessage            *message = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  C3vCredentials *credentials;

  body = c3v_aws_http_send_finish (result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, unreachable (provider, error));
      return;
    }

  credentials = parse (provider, message, body, &error);
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) c3v_credentials_unref);
}
