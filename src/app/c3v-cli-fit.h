/* c3v-cli-fit.h: the answers of --fit and --drain, for c3v-cli.c.
 *
 * Each answers from the loaded snapshot (and the task definitions it asks
 * ECS for) in readable text or, with @json, the JSON the README specifies.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-ecs-client.h"
#include "c3v-options.h"
#include "c3v-snapshot.h"

G_BEGIN_DECLS

/* *@fits: whether at least one copy fits anywhere. */
char *c3v_cli_fit_answer (C3vSnapshot *snapshot, C3vEcsClient *client, const C3vOptions *options,
                          gboolean json, gboolean *fits, GError **error);
/* *@fits: whether every task of the drained instance is placed. */
char *c3v_cli_drain_answer (C3vSnapshot *snapshot, C3vEcsClient *client, const C3vOptions *options,
                            gboolean json, gboolean *fits, GError **error);

G_END_DECLS
