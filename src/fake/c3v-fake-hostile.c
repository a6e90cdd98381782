/* c3v-fake-hostile.c: the fake endpoint's hostile answers.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "c3v-fake-hostile.h"

#define CONTENT_TYPE "application/x-amz-json-1.1"
#define CHUNK_BYTES  (64 * 1024)

gboolean
c3v_fake_hostile_handles (C3vFakeFault fault)
{
  return fault >= C3V_FAKE_FAULT_DEEP_JSON && fault <= C3V_FAKE_FAULT_REDIRECT;
}

static char *
deep_json (void)
{
  GString *text = g_string_sized_new (C3V_FAKE_HOSTILE_DEPTH + 16);

  g_string_append (text, "{\"clusters\":");
  for (guint i = 0; i < C3V_FAKE_HOSTILE_DEPTH; i++)
    g_string_append_c (text, '[');
  return g_string_free (text, FALSE);
}

/* The honest answer with a first token of an endless chain. */
static char *
endless_first_page (const char *body)
{
  g_autoptr (GString) text = g_string_new (body);

  g_assert (text->len > 0 && text->str[text->len - 1] == '}');
  g_string_truncate (text, text->len - 1);
  if (text->len > 1)
    g_string_append_c (text, ',');
  g_string_append (text, "\"nextToken\":\"" C3V_FAKE_HOSTILE_ENDLESS_TOKEN "1\"}");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
c3v_fake_hostile_endless_page (GBytes *request)
{
  static const char marker[] = "\"nextToken\":\"" C3V_FAKE_HOSTILE_ENDLESS_TOKEN;
  g_autofree char  *text = NULL;
  const char       *at;
  guint64           n;

  if (request == NULL)
    return NULL;
  text = g_strndup (g_bytes_get_data (request, NULL), g_bytes_get_size (request));
  at = strstr (text, marker);
  if (at == NULL)
    return NULL;
  n = g_ascii_strtoull (at + strlen (marker), NULL, 10);
  return g_strdup_printf (
      "{\"nextToken\":\"" C3V_FAKE_HOSTILE_ENDLESS_TOKEN "%" G_GUINT64_FORMAT "\"}", n + 1);
}

/* --- streamed answers ----------------------------------------------------- */

typedef struct
{
  SoupServerMessage *msg;
  char              *body;
  gsize              sent;
  gsize              total; /* oversize: bytes to send in all */
  guint              source_id;
  gulong             wrote_id;
  gulong             finished_id;
  gulong             disconnected_id;
} Stream;

static void
stream_free (Stream *stream)
{
  g_clear_handle_id (&stream->source_id, g_source_remove);
  g_clear_signal_handler (&stream->wrote_id, stream->msg);
  g_clear_signal_handler (&stream->finished_id, stream->msg);
  g_clear_signal_handler (&stream->disconnected_id, stream->msg);
  g_object_unref (stream->msg);
  g_free (stream->body);
  g_free (stream);
}

static SoupMessageBody *
stream_start (Stream *stream, GCallback on_finished)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  soup_server_message_set_status (stream->msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (stream->msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (stream->msg),
                                         CONTENT_TYPE, NULL);
  /* What was sent is not kept: 64 MB must not stay in the fake. */
  soup_message_body_set_accumulate (body, FALSE);
  /* Whichever comes first ends the stream (and disconnects the other). */
  stream->finished_id = g_signal_connect_swapped (stream->msg, "finished", on_finished, stream);
  stream->disconnected_id
      = g_signal_connect_swapped (stream->msg, "disconnected", on_finished, stream);
  return body;
}

/* One byte, then a pause: the idle timeout of a client never fires. */
static gboolean
trickle_next (gpointer user_data)
{
  Stream          *stream = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, stream->body + stream->sent, 1);
  stream->sent++;
  if (stream->body[stream->sent] == '\0')
    {
      soup_message_body_complete (body);
      stream->source_id = 0;
    }
  soup_server_message_unpause (stream->msg);
  return stream->source_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
send_trickle (SoupServerMessage *msg, const char *body, guint trickle_ms)
{
  Stream *stream = g_new0 (Stream, 1);

  stream->msg = g_object_ref (msg);
  stream->body = g_strdup (body);
  stream_start (stream, G_CALLBACK (stream_free));
  stream->source_id = g_timeout_add (trickle_ms, trickle_next, stream);
}

/* The next chunk as soon as the last is written: as fast as the client
 * reads, no faster, so the fake's memory stays flat. */
static void
oversize_next (Stream *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  gsize            size = MIN (CHUNK_BYTES, stream->total - stream->sent);
  char            *chunk;

  if (size == 0)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "]}", 2);
      soup_message_body_complete (body);
      g_clear_signal_handler (&stream->wrote_id, stream->msg);
      return;
    }
  chunk = g_malloc (size);
  memset (chunk, ' ', size);
  soup_message_body_append (body, SOUP_MEMORY_TAKE, chunk, size);
  stream->sent += size;
  soup_server_message_unpause (stream->msg);
}

static void
send_oversize (SoupServerMessage *msg)
{
  Stream          *stream = g_new0 (Stream, 1);
  SoupMessageBody *body;

  stream->msg = g_object_ref (msg);
  stream->total = C3V_FAKE_HOSTILE_OVERSIZE_BYTES;
  body = stream_start (stream, G_CALLBACK (stream_free));
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "{\"clusterArns\":[", 16);
  stream->wrote_id
      = g_signal_connect_swapped (msg, "wrote-chunk", G_CALLBACK (oversize_next), stream);
}

/* --- the faults ----------------------------------------------------------- */

static void
send_whole (SoupServerMessage *msg, guint status, char *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, CONTENT_TYPE, SOUP_MEMORY_TAKE, body, strlen (body));
}

guint
c3v_fake_hostile_answer (SoupServerMessage *msg, C3vFakeFault fault, const char *body,
                         const char *url, guint trickle_ms)
{
  g_autofree char *location = NULL;

  switch (fault)
    {
      case C3V_FAKE_FAULT_DEEP_JSON:
        send_whole (msg, SOUP_STATUS_OK, deep_json ());
        return SOUP_STATUS_OK;
      case C3V_FAKE_FAULT_ENDLESS_PAGINATION:
        send_whole (msg, SOUP_STATUS_OK, endless_first_page (body));
        return SOUP_STATUS_OK;
      case C3V_FAKE_FAULT_TRICKLE:
        send_trickle (msg, body, trickle_ms);
        return SOUP_STATUS_OK;
      case C3V_FAKE_FAULT_OVERSIZE:
        send_oversize (msg);
        return SOUP_STATUS_OK;
      case C3V_FAKE_FAULT_REDIRECT:
        location = g_strconcat (url, C3V_FAKE_HOSTILE_REDIRECT_PATH, NULL);
        soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, location);
        return SOUP_STATUS_TEMPORARY_REDIRECT;
      default:
        g_assert_not_reached ();
    }
}
