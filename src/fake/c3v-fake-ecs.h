/* c3v-fake-ecs.h: a local Amazon ECS endpoint on loopback (SoupServer).
 *
 * Serves the ECS JSON 1.1 protocol over a seeded synthetic account, and on
 * the same port CloudWatch Logs (c3v-fake-logs.h) and CloudWatch (no
 * operations yet), told apart by the X-Amz-Target prefix; verifies SigV4
 * for each service's signing name and its JSON version like AWS, and
 * injects faults on request. It is both the built-in
 * demo (`c3vis --demo`) and the test double every test talks to.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "c3v-fake-account.h"

G_BEGIN_DECLS

/* Credentials the endpoint accepts unless told otherwise. */
#define C3V_FAKE_ECS_ACCESS_KEY_ID     "AKIAC3VISDEMO0000000"
#define C3V_FAKE_ECS_SECRET_ACCESS_KEY "c3vis/demo+secret/key0000000000000000000"
#define C3V_FAKE_ECS_REGION            "eu-west-1"

typedef enum
{
  C3V_FAKE_FAULT_THROTTLE,     /* 400 ThrottlingException "Rate exceeded" */
  C3V_FAKE_FAULT_SERVER_ERROR, /* 500 ServerException */
  C3V_FAKE_FAULT_MALFORMED,    /* 200 with a body that is not JSON */
  C3V_FAKE_FAULT_TRUNCATED,    /* 200 with JSON cut in the middle */
  C3V_FAKE_FAULT_DROP,         /* connection closed without an answer */
  /* Hostile endpoints (c3v-fake-hostile.h): */
  C3V_FAKE_FAULT_DEEP_JSON,          /* 200 with 100,000 nested `[` */
  C3V_FAKE_FAULT_ENDLESS_PAGINATION, /* a fresh nextToken on every page, forever */
  C3V_FAKE_FAULT_TRICKLE,            /* the answer, one byte a second */
  C3V_FAKE_FAULT_OVERSIZE,           /* 200 with a 64 MB body */
  C3V_FAKE_FAULT_REDIRECT,           /* 307 to another path of the endpoint */
} C3vFakeFault;

typedef struct
{
  guint32     seed;
  const char *access_key_id;     /* NULL: C3V_FAKE_ECS_ACCESS_KEY_ID */
  const char *secret_access_key; /* NULL: C3V_FAKE_ECS_SECRET_ACCESS_KEY */
  const char *session_token;     /* when set, requests must carry it */
  const char *region;            /* NULL: C3V_FAKE_ECS_REGION */
  guint       large_instances;   /* size of the "large" cluster; 0: default */
  guint       large_tasks;
  guint       large_services; /* 0: default */
  guint       large_stopping; /* tasks asked to stop but still running */
  guint       latency_ms;     /* added to every call */
  double      throttle_rate;  /* 0..1 of calls, seeded */
  double      error_rate;
  /* ECS-like token buckets per action group: burst and refill per second
   * (0: none). */
  guint  bucket_capacity;
  double bucket_refill;
} C3vFakeEcsOptions;

typedef struct
{
  char  *operation;
  gint64 time_us; /* monotonic time the answer was sent */
  guint  status;
} C3vFakeCall;

#define C3V_TYPE_FAKE_ECS (c3v_fake_ecs_get_type ())
G_DECLARE_FINAL_TYPE (C3vFakeEcs, c3v_fake_ecs, C3V, FAKE_ECS, GObject)

/* @options may be NULL for the demo account. */
C3vFakeEcs *c3v_fake_ecs_new (const C3vFakeEcsOptions *options);
/* Listens on 127.0.0.1:@port (0 picks a free one) in the thread-default
 * main context. */
gboolean c3v_fake_ecs_start (C3vFakeEcs *self, guint port, GError **error);
/* "http://127.0.0.1:PORT" once started. */
const char *c3v_fake_ecs_get_url (C3vFakeEcs *self);
/* The next @count calls of @operation (NULL: any) get @fault. */
void c3v_fake_ecs_add_fault (C3vFakeEcs *self, const char *operation, C3vFakeFault fault,
                             guint count);
void c3v_fake_ecs_set_latency (C3vFakeEcs *self, guint latency_ms);
/* The pause between bytes of a trickled answer (1000 ms by default). */
void c3v_fake_ecs_set_trickle_interval (C3vFakeEcs *self, guint interval_ms);
/* Seeded shares (0..1) of calls throttled and answered with HTTP 500. */
void c3v_fake_ecs_set_fault_rates (C3vFakeEcs *self, double throttle_rate, double error_rate);
/* Token buckets per action group, as ECS throttles (see
 * c3v-fake-throttle.h); @capacity 0 removes them. */
void c3v_fake_ecs_set_token_buckets (C3vFakeEcs *self, guint capacity, double refill_per_s);
/* The cluster vanishes once @after_calls more calls have been answered. */
void c3v_fake_ecs_delete_cluster (C3vFakeEcs *self, const char *cluster_name, guint after_calls);
/* The data served, for tests that compare what a client built with it.
 * Owned by @self; read only. */
C3vFakeAccount *c3v_fake_ecs_get_account (C3vFakeEcs *self);
/* Array of C3vFakeCall, in the order answered. */
GArray *c3v_fake_ecs_get_call_log (C3vFakeEcs *self);
guint   c3v_fake_ecs_get_peak_in_flight (C3vFakeEcs *self);
/* Empties the call log and restarts the peak count from now. */
void c3v_fake_ecs_clear_call_log (C3vFakeEcs *self);

/* Signal "call-answered" (const char *operation, guint status,
 * gint64 time_us) is emitted as each call is answered; status 0 is a
 * dropped connection. */

G_END_DECLS
