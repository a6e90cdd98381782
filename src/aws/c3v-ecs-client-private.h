/* c3v-ecs-client-private.h: what the ECS client's files share.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-ecs-client.h"

G_BEGIN_DECLS

/* c3v_ecs_client_call_async() for the next page of a list: it is queued
 * ahead of other calls waiting for a slot. Finish with
 * c3v_ecs_client_call_finish(). */
void c3v_ecs_client_call_page_async (C3vEcsClient *self, const char *operation, JsonObject *request,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);

/* The deadline of each attempt, from sending to the last byte of the
 * answer (C3V_AWS_HTTP_CALL_TIMEOUT_MS unless tests shorten it). */
void c3v_ecs_client_set_call_timeout (C3vEcsClient *self, guint timeout_ms);

/* A chain of list pages longer than this fails: 10,000 pages of 100 are
 * far more than a cluster holds (5,000 instances, services or tasks by
 * default quotas), and far fewer than a service that never stops giving
 * tokens would send. Tests lower it. */
#define C3V_ECS_MAX_PAGES 10000
void  c3v_ecs_client_set_max_pages (C3vEcsClient *self, guint max_pages);
guint c3v_ecs_client_get_max_pages (C3vEcsClient *self);

G_END_DECLS
