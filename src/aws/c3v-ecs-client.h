/* c3v-ecs-client.h: asynchronous AWS JSON-protocol client (libsoup 3).
 *
 * Amazon ECS is its default face; c3v_aws_client_new() makes the same
 * client for any service of c3v-aws-service.h (CloudWatch Logs,
 * CloudWatch, the Price List API): retries, in-flight limits, the shared
 * rate limiter, redaction, bounded parsing and errors are one core.
 *
 * One SoupSession; each call is signed with SigV4, retried in the SDKs'
 * "adaptive" mode (or "standard", see c3v-retry-strategy.h) and limited to
 * a bounded number in flight.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "c3v-aws-service.h"
#include "c3v-credentials-provider.h"
#include "c3v-retry-strategy.h"

G_BEGIN_DECLS

#define C3V_ECS_ERROR (c3v_ecs_error_quark ())

typedef enum
{
  C3V_ECS_ERROR_FAILED,    /* any other service error */
  C3V_ECS_ERROR_THROTTLED, /* still throttled after all attempts */
  C3V_ECS_ERROR_ACCESS_DENIED,
  C3V_ECS_ERROR_CLUSTER_NOT_FOUND,
  C3V_ECS_ERROR_INVALID_SIGNATURE,
  C3V_ECS_ERROR_UNRECOGNIZED_CLIENT,
  C3V_ECS_ERROR_EXPIRED_TOKEN,
  C3V_ECS_ERROR_INVALID_PARAMETER,
  C3V_ECS_ERROR_SERVER,  /* 5xx after all attempts */
  C3V_ECS_ERROR_NETWORK, /* unreachable, reset, timeout */
  C3V_ECS_ERROR_TLS,
  C3V_ECS_ERROR_MALFORMED_RESPONSE,
  C3V_ECS_ERROR_NO_CREDENTIALS,
} C3vEcsError;

GQuark c3v_ecs_error_quark (void);

#define C3V_TYPE_ECS_CLIENT (c3v_ecs_client_get_type ())
G_DECLARE_FINAL_TYPE (C3vEcsClient, c3v_ecs_client, C3V, ECS_CLIENT, GObject)

/* @endpoint_url: "https://ecs.eu-west-1.amazonaws.com" or an override such
 * as "http://127.0.0.1:4566"; never NULL (resolve it with c3v-aws-config).
 * Calls on an endpoint that does not parse fail with C3V_ECS_ERROR_NETWORK.
 *
 * Errors: C3V_ECS_ERROR_* with a message for users ("AccessDeniedException:
 * User: ... is not authorized to perform: ecs:ListTasks ..."), errors of the
 * credentials provider as it gave them (e.g. C3V_AWS_CONFIG_ERROR_*), and
 * G_IO_ERROR_CANCELLED. A 200 whose body is not a JSON object is
 * C3V_ECS_ERROR_MALFORMED_RESPONSE and is not retried: the answer arrived
 * whole, so asking again would only repeat a server bug.
 *
 * The "max-in-flight" property (default 16) bounds the requests on the wire;
 * further calls wait in a queue, retries ahead of new calls. When the
 * service says the request time is too far from its clock, the client learns
 * the offset from the answer's Date header and signs again (once per call).
 * Use a client from one thread (its main context) only. */
C3vEcsClient *c3v_ecs_client_new (C3vCredentialsProvider *credentials, const char *region,
                                  const char *endpoint_url);
/* The client of any JSON-protocol @service (static storage): the target
 * prefix, Content-Type, signing name and, for a service in a few regions
 * only, the signing region (c3v_aws_service_region) come from it;
 * @endpoint_url as above (c3v_aws_config_resolve_endpoint). Every
 * c3v_ecs_client_* function applies to it. */
typedef C3vEcsClient C3vAwsClient;
C3vAwsClient *c3v_aws_client_new (const C3vAwsService *service, C3vCredentialsProvider *credentials,
                                  const char *region, const char *endpoint_url);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vAwsClient, g_object_unref)
const C3vAwsService *c3v_ecs_client_get_service (C3vEcsClient *self);
const char          *c3v_ecs_client_get_region (C3vEcsClient *self);
const char          *c3v_ecs_client_get_endpoint_url (C3vEcsClient *self);
void                 c3v_ecs_client_set_max_in_flight (C3vEcsClient *self, guint max_in_flight);
guint                c3v_ecs_client_get_max_in_flight (C3vEcsClient *self);

/* Calls @operation ("ListTasks") with @request (not modified; NULL for {})
 * and completes with the parsed response object. */
void c3v_ecs_client_call_async (C3vEcsClient *self, const char *operation, JsonObject *request,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data);
JsonObject *c3v_ecs_client_call_finish (C3vEcsClient *self, GAsyncResult *result, GError **error);

/* Counters for benchmarks and debugging: the most requests ever in flight at
 * once, how many calls of @operation were started (retries excluded), and
 * how many answers were throttled. */
guint c3v_ecs_client_get_peak_in_flight (C3vEcsClient *self);
guint c3v_ecs_client_get_call_count (C3vEcsClient *self, const char *operation);
guint c3v_ecs_client_get_throttled_count (C3vEcsClient *self);

/* The retry mode and attempt limit (default: from the environment alone).
 * In adaptive mode, all clients of one access key, region and endpoint
 * share one rate limiter, as ECS's own budget is shared. */
void c3v_ecs_client_set_retry_settings (C3vEcsClient *self, const C3vRetrySettings *settings);
/* The "throttled" property: TRUE while throttling slows a call down, to
 * tell users why a load takes its time. */
gboolean c3v_ecs_client_get_throttled (C3vEcsClient *self);

/* Called once per page with the page's @items (the array named by
 * @result_key, empty when absent) and the whole @page, as each page arrives.
 * Return FALSE to stop before the next page. */
typedef gboolean (*C3vEcsPageFunc) (JsonObject *page, JsonArray *items, gpointer user_data);

/* Calls @operation with @request (not modified) again and again, following
 * nextToken, until a page has none or @page_func returns FALSE. A nextToken
 * that repeats fails with C3V_ECS_ERROR_MALFORMED_RESPONSE. */
void c3v_ecs_client_paginate_async (C3vEcsClient *self, const char *operation, JsonObject *request,
                                    const char *result_key, C3vEcsPageFunc page_func,
                                    gpointer page_data, GDestroyNotify page_data_destroy,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
/* *@n_items (may be NULL): items seen over all pages. */
gboolean c3v_ecs_client_paginate_finish (C3vEcsClient *self, GAsyncResult *result, guint *n_items,
                                         GError **error);

/* Splits @ids into arrays of at most @batch_size (100; 10 for
 * DescribeServices). Returns a GPtrArray of GPtrArray of (const char *)
 * borrowed from @ids. */
GPtrArray *c3v_ecs_split_batches (GPtrArray *ids, guint batch_size);

G_END_DECLS
