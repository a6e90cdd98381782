/* c3v-ecs-client.h: asynchronous Amazon ECS JSON 1.1 client (libsoup 3).
 *
 * One SoupSession; each call is signed with SigV4, retried in the SDKs'
 * "standard" mode and limited to a bounded number in flight.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

#define C3V_ECS_ERROR (c3v_ecs_error_quark ())

typedef enum
{
  C3V_ECS_ERROR_FAILED,            /* any other service error */
  C3V_ECS_ERROR_THROTTLED,         /* still throttled after all attempts */
  C3V_ECS_ERROR_ACCESS_DENIED,
  C3V_ECS_ERROR_CLUSTER_NOT_FOUND,
  C3V_ECS_ERROR_INVALID_SIGNATURE,
  C3V_ECS_ERROR_UNRECOGNIZED_CLIENT,
  C3V_ECS_ERROR_EXPIRED_TOKEN,
  C3V_ECS_ERROR_INVALID_PARAMETER,
  C3V_ECS_ERROR_SERVER,            /* 5xx after all attempts */
  C3V_ECS_ERROR_NETWORK,           /* unreachable, reset, timeout */
  C3V_ECS_ERROR_TLS,
  C3V_ECS_ERROR_MALFORMED_RESPONSE,
  C3V_ECS_ERROR_NO_CREDENTIALS,
} C3vEcsError;

GQuark c3v_ecs_error_quark (void);

#define C3V_TYPE_ECS_CLIENT (c3v_ecs_client_get_type ())
G_DECLARE_FINAL_TYPE (C3vEcsClient, c3v_ecs_client, C3V, ECS_CLIENT, GObject)

/* @endpoint_url: "https://ecs.eu-west-1.amazonaws.com" or an override such
 * as "http://127.0.0.1:4566"; never NULL (resolve it with c3v-aws-config). */
C3vEcsClient *c3v_ecs_client_new                (C3vCredentialsProvider *credentials,
                                                 const char             *region,
                                                 const char             *endpoint_url);
const char   *c3v_ecs_client_get_region         (C3vEcsClient           *self);
const char   *c3v_ecs_client_get_endpoint_url   (C3vEcsClient           *self);
void          c3v_ecs_client_set_max_in_flight  (C3vEcsClient           *self,
                                                 guint                   max_in_flight);
guint         c3v_ecs_client_get_max_in_flight  (C3vEcsClient           *self);

/* Calls @operation ("ListTasks") with @request (not modified; NULL for {})
 * and completes with the parsed response object. */
void          c3v_ecs_client_call_async         (C3vEcsClient           *self,
                                                 const char             *operation,
                                                 JsonObject             *request,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
JsonObject   *c3v_ecs_client_call_finish        (C3vEcsClient           *self,
                                                 GAsyncResult           *result,
                                                 GError                **error);

/* Counters for benchmarks and debugging. */
guint         c3v_ecs_client_get_peak_in_flight (C3vEcsClient           *self);
guint         c3v_ecs_client_get_call_count     (C3vEcsClient           *self,
                                                 const char             *operation);

/* Splits @ids into arrays of at most @batch_size (100; 10 for
 * DescribeServices). Returns a GPtrArray of GPtrArray of (const char *)
 * borrowed from @ids. */
GPtrArray    *c3v_ecs_split_batches             (GPtrArray              *ids,
                                                 guint                   batch_size);

G_END_DECLS
