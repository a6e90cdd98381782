/* test-ecs-call.h: waiting on the main context and collecting one
 * c3v_ecs_client_call_async() answer, for the two ECS client tests (the one
 * against test-ecs-server and the one against the fake endpoint).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-ecs-client.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gconstpointer data);

/* Iterates the main context until @condition holds, failing after
 * @timeout_ms. */
void wait_until (Condition condition, gconstpointer data, guint timeout_ms);
/* A Condition: the gboolean at @data is TRUE. */
gboolean flag_is_set (gconstpointer data);
/* A Condition: the guint count at @data has reached 0. */
gboolean counted_down (gconstpointer data);
void     wait_for (const gboolean *done, guint timeout_ms);

typedef struct
{
  gboolean    done;
  JsonObject *result;
  GError     *error;
} CallResult;

void call_result_clear (CallResult *r);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CallResult, call_result_clear)

/* The GAsyncReadyCallback of c3v_ecs_client_call_async(): @user_data is
 * the CallResult to fill. */
void call_done (GObject *object, GAsyncResult *result, gpointer user_data);

/* Any asynchronous call's result, kept to finish it after waiting. */
typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} AsyncWait;

/* A GAsyncReadyCallback: @user_data is the AsyncWait to fill. */
void async_wait_done (GObject *object, GAsyncResult *result, gpointer user_data);
void async_wait_clear (AsyncWait *wait);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AsyncWait, async_wait_clear)

/* A "notify" handler counting into the guint at @user_data. */
void count_notify (GObject *object, GParamSpec *pspec, gpointer user_data);

/* What c3v_ecs_client_paginate_async() delivered. */
typedef struct
{
  GPtrArray *arns;
  guint      pages;
  guint      stop_after; /* 0: never */
  gboolean   done;
  gboolean   ok;
  guint      n_items;
  GError    *error;
} Paging;

/* A C3vEcsPageFunc: adds the page's items to @user_data's arns. */
gboolean collect_page (JsonObject *page, JsonArray *items, gpointer user_data);
/* The GAsyncReadyCallback of c3v_ecs_client_paginate_async(). */
void paginate_done (GObject *object, GAsyncResult *result, gpointer user_data);

G_END_DECLS
