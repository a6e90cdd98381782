/* test-hostile-server.h: an HTTP endpoint on loopback that answers badly on
 * purpose, written on a raw socket (one thread per connection) so that it
 * can do what a well-behaved server library will not: trickle, send
 * without end, cut a body short, redirect anywhere.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  HOSTILE_ANSWER,    /* @status and @body, whole */
  HOSTILE_TRICKLE,   /* @status and @body, one byte every @interval_ms */
  HOSTILE_ENDLESS,   /* 200 and a body that never ends (until the client leaves) */
  HOSTILE_CUT_OFF,   /* 200 declaring @body's length plus 1000, then closing */
  HOSTILE_HUGE_SIZE, /* 200 declaring 1 GB, then closing */
} HostileMode;

typedef struct
{
  GSocketService *service;
  char           *url; /* "http://127.0.0.1:PORT" */
  HostileMode     mode;
  guint           status;
  char           *body;
  char           *location; /* a Location header, for redirects */
  guint           interval_ms;
  gint            requests; /* atomic */
  GMutex          lock;
  GCond           finished;        /* a connection thread ended */
  guint           active;          /* connection threads, under @lock */
  GPtrArray      *connections;     /* their GSocketConnections, under @lock */
  gboolean        stopping;        /* under @lock */
  GString        *request_headers; /* of every request, for leak checks */
} HostileServer;

HostileServer *hostile_server_new (HostileMode mode, guint status, const char *body);
void           hostile_server_free (HostileServer *self);
/* The request headers seen so far, all requests together. */
char *hostile_server_dup_request_headers (HostileServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HostileServer, hostile_server_free)

G_END_DECLS
