/* c3v-call-group.h: a set of concurrent ECS calls that ends as one.
 *
 * Loading a cluster or the cluster list means many calls whose answers
 * start more calls. The group counts what is in flight, keeps the first
 * error (which cancels the rest: a half-failed load must not keep
 * hammering the API) and reports once, when the last call has answered.
 * Answers are handled on the thread-default main context of the caller.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-ecs-client.h"

G_BEGIN_DECLS

typedef struct _C3vCallGroup C3vCallGroup;

/* @answer is NULL only for calls made with c3v_call_group_try(), after an
 * error other than cancellation. @data and @user_data are what the call
 * was made with. */
typedef void (*C3vCallGroupAnswerFunc) (JsonObject *answer, const char *data, gpointer user_data);
/* @error: the first error, or NULL when every call succeeded. Called once,
 * after c3v_call_group_close() and the last answer. */
typedef void (*C3vCallGroupDoneFunc) (const GError *error, gpointer user_data);

/* Calls are cancelled with @cancellable (may be NULL) as well as by the
 * first error. @done_func gets @user_data. */
C3vCallGroup *c3v_call_group_new (C3vEcsClient *client, GCancellable *cancellable,
                                  C3vCallGroupDoneFunc done_func, gpointer user_data);
void          c3v_call_group_free (C3vCallGroup *self);
/* No call will come from outside an answer any more: the group may end. */
void c3v_call_group_close (C3vCallGroup *self);
/* TRUE once cancelled or failed: answers should stop starting calls. */
gboolean      c3v_call_group_is_stopped (C3vCallGroup *self);
const GError *c3v_call_group_get_error (C3vCallGroup *self);
/* Keeps @error (taken) if it is the first, and cancels the other calls. */
void c3v_call_group_fail (C3vCallGroup *self, GError *error);

/* An error fails the group. @request is taken; @data (may be NULL) is
 * copied and handed back to @answer_func with @user_data. */
void c3v_call_group_call (C3vCallGroup *self, const char *operation, JsonObject *request,
                          C3vCallGroupAnswerFunc answer_func, const char *data, gpointer user_data);
/* Like c3v_call_group_call(), but an error is handed to @answer_func as a
 * NULL answer: for calls whose failure only degrades the result. */
void c3v_call_group_try (C3vCallGroup *self, const char *operation, JsonObject *request,
                         C3vCallGroupAnswerFunc answer_func, const char *data, gpointer user_data);
/* All pages of @operation, @page_func called with @user_data as each
 * arrives. */
void c3v_call_group_paginate (C3vCallGroup *self, const char *operation, JsonObject *request,
                              const char *result_key, C3vEcsPageFunc page_func, gpointer user_data);

/* {"cluster": @cluster, @member: [@ids...]}: a Describe* request. */
JsonObject *c3v_call_group_new_describe_request (const char *cluster, const char *member,
                                                 GPtrArray *ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vCallGroup, c3v_call_group_free)

G_END_DECLS
