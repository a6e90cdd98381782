/* c3v-fake-hostile.h: the fake endpoint's hostile answers, the ways an
 * endpoint c3vis does not control can misbehave (issue 9): JSON nested
 * deep enough to overflow a recursive parser, pagination that never ends,
 * an answer trickled a byte at a time, one too large to hold, a redirect
 * to where the credentials should not go.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <libsoup/soup.h>

#include "c3v-fake-ecs.h"

G_BEGIN_DECLS

/* Opening brackets in a deep-json answer. */
#define C3V_FAKE_HOSTILE_DEPTH 100000
/* Size of an oversize answer. */
#define C3V_FAKE_HOSTILE_OVERSIZE_BYTES (64 * 1024 * 1024)
/* Path a redirect points to; a request that arrives there followed it. */
#define C3V_FAKE_HOSTILE_REDIRECT_PATH "/c3vis-fake-followed-redirect"
/* Prefix of the tokens of an endless chain of pages. */
#define C3V_FAKE_HOSTILE_ENDLESS_TOKEN "c3vis-fake-endless-"

/* TRUE for the faults this unit answers. */
gboolean c3v_fake_hostile_handles (C3vFakeFault fault);
/* Answers @msg with @fault; @body is the honest answer (an object), used
 * by the faults that distort it. @url is the endpoint's own. Returns the
 * HTTP status sent. */
guint c3v_fake_hostile_answer (SoupServerMessage *msg, C3vFakeFault fault, const char *body,
                               const char *url, guint trickle_ms);
/* When @request (a JSON 1.1 body) asks for the next page of an endless
 * chain, the next empty page with a fresh token; NULL otherwise. */
char *c3v_fake_hostile_endless_page (GBytes *request);

G_END_DECLS
