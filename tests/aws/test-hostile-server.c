/* test-hostile-server.c: an HTTP endpoint on loopback that answers badly on
 * purpose.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "test-hostile-server.h"

/* Reads the request head and its body (by Content-Length); FALSE when the
 * client went away first. */
static gboolean
read_request (HostileServer *self, GInputStream *in)
{
  g_autoptr (GString) head = g_string_new (NULL);
  const char *length_header;
  gsize       body_length = 0;
  char        c;

  while (!g_str_has_suffix (head->str, "\r\n\r\n"))
    {
      if (g_input_stream_read (in, &c, 1, NULL, NULL) != 1)
        return FALSE;
      g_string_append_c (head, c);
    }

  g_mutex_lock (&self->lock);
  g_string_append (self->request_headers, head->str);
  g_mutex_unlock (&self->lock);

  length_header = strstr (head->str, "Content-Length: ");
  if (length_header != NULL)
    body_length = g_ascii_strtoull (length_header + strlen ("Content-Length: "), NULL, 10);
  for (gsize i = 0; i < body_length; i++)
    if (g_input_stream_read (in, &c, 1, NULL, NULL) != 1)
      return FALSE;
  return TRUE;
}

static gboolean
stopping (HostileServer *self)
{
  gboolean stop;

  g_mutex_lock (&self->lock);
  stop = self->stopping;
  g_mutex_unlock (&self->lock);
  return stop;
}

static gboolean
write_text (GOutputStream *out, const char *text)
{
  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

static void
write_head (HostileServer *self, GOutputStream *out, guint status, const char *length)
{
  g_autoptr (GString) head = g_string_new (NULL);

  g_string_append_printf (head, "HTTP/1.1 %u Hostile\r\nContent-Type: application/json\r\n",
                          status);
  if (length != NULL)
    g_string_append_printf (head, "Content-Length: %s\r\n", length);
  if (self->location != NULL)
    g_string_append_printf (head, "Location: %s\r\n", self->location);
  g_string_append (head, "Connection: close\r\n\r\n");
  write_text (out, head->str);
}

static void
answer (HostileServer *self, GOutputStream *out)
{
  g_autofree char *length = g_strdup_printf ("%zu", strlen (self->body));
  g_autofree char *longer = g_strdup_printf ("%zu", strlen (self->body) + 1000);
  char             chunk[16 * 1024];

  switch (self->mode)
    {
      case HOSTILE_ANSWER:
        write_head (self, out, self->status, length);
        write_text (out, self->body);
        break;
      case HOSTILE_TRICKLE:
        write_head (self, out, self->status, length);
        /* The slowness is the behaviour under test, not a wait. */
        for (const char *c = self->body; *c != '\0' && !stopping (self); c++)
          {
            if (!g_output_stream_write_all (out, c, 1, NULL, NULL, NULL))
              return;
            g_usleep (self->interval_ms * 1000);
          }
        break;
      case HOSTILE_ENDLESS:
        write_head (self, out, 200, NULL);
        memset (chunk, ' ', sizeof chunk);
        write_text (out, "{\"clusterArns\":[");
        while (!stopping (self)
               && g_output_stream_write_all (out, chunk, sizeof chunk, NULL, NULL, NULL))
          ;
        break;
      case HOSTILE_CUT_OFF:
        write_head (self, out, 200, longer);
        write_text (out, self->body);
        break;
      case HOSTILE_HUGE_SIZE:
        write_head (self, out, 200, "1000000000");
        write_text (out, self->body);
        break;
      default:
        g_assert_not_reached ();
    }
}

static gboolean
run_connection (GThreadedSocketService *service, GSocketConnection *connection,
                GObject *source_object, gpointer user_data)
{
  HostileServer *self = user_data;
  GIOStream     *stream = G_IO_STREAM (connection);

  g_mutex_lock (&self->lock);
  self->active++;
  g_ptr_array_add (self->connections, g_object_ref (connection));
  g_mutex_unlock (&self->lock);

  if (read_request (self, g_io_stream_get_input_stream (stream)))
    {
      g_atomic_int_inc (&self->requests);
      answer (self, g_io_stream_get_output_stream (stream));
    }
  g_io_stream_close (stream, NULL, NULL);

  g_mutex_lock (&self->lock);
  self->active--;
  g_ptr_array_remove (self->connections, connection);
  g_cond_broadcast (&self->finished);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

HostileServer *
hostile_server_new (HostileMode mode, guint status, const char *body)
{
  HostileServer *self = g_new0 (HostileServer, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  self->mode = mode;
  self->status = status;
  self->body = g_strdup (body != NULL ? body : "");
  self->interval_ms = 200;
  self->request_headers = g_string_new (NULL);
  g_mutex_init (&self->lock);
  g_cond_init (&self->finished);
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);

  self->service = g_threaded_socket_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->url = g_strdup_printf ("http://127.0.0.1:%u",
                               g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_signal_connect (self->service, "run", G_CALLBACK (run_connection), self);
  g_socket_service_start (self->service);
  return self;
}

char *
hostile_server_dup_request_headers (HostileServer *self)
{
  char *copy;

  g_mutex_lock (&self->lock);
  copy = g_strdup (self->request_headers->str);
  g_mutex_unlock (&self->lock);
  return copy;
}

void
hostile_server_free (HostileServer *self)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));

  /* Connection threads use @self: let them notice and end. */
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  /* A thread blocked writing to a client that stopped reading wakes up. */
  for (guint i = 0; i < self->connections->len; i++)
    g_socket_shutdown (g_socket_connection_get_socket (self->connections->pdata[i]), TRUE, TRUE,
                       NULL);
  while (self->active > 0)
    g_assert_true (g_cond_wait_until (&self->finished, &self->lock, give_up));
  g_mutex_unlock (&self->lock);
  g_clear_object (&self->service);
  g_cond_clear (&self->finished);
  g_ptr_array_unref (self->connections);
  g_free (self->url);
  g_free (self->body);
  g_free (self->location);
  g_string_free (self->request_headers, TRUE);
  g_mutex_clear (&self->lock);
  g_free (self);
}
