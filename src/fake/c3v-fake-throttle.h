/* c3v-fake-throttle.h: ECS-like API throttling for the fake endpoint.
 *
 * ECS throttles each account and region with token buckets, one per group
 * of actions (cluster reads, container-instance reads, task reads, ...): a
 * burst capacity, refilled at a sustained rate. A request that finds its
 * bucket empty is throttled and takes no token. Times are the caller's, so
 * that tests can drive them.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _C3vFakeThrottle C3vFakeThrottle;

/* Full buckets of @capacity tokens, each refilled at @refill_per_s. */
C3vFakeThrottle *c3v_fake_throttle_new (guint capacity, double refill_per_s);
void             c3v_fake_throttle_free (C3vFakeThrottle *self);

/* "DescribeContainerInstances" and "ListContainerInstances" ->
 * "ContainerInstance": List/Describe and a plural "s" removed. */
char *c3v_fake_throttle_group (const char *operation);
/* TRUE when @operation may be answered at @now_us (its group's token is
 * taken), FALSE when it is throttled. */
gboolean c3v_fake_throttle_admit (C3vFakeThrottle *self, const char *operation, gint64 now_us);

/* "CAPACITY:REFILL", e.g. "50:20"; FALSE when it does not parse. */
gboolean c3v_fake_throttle_parse (const char *spec, guint *capacity, double *refill_per_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vFakeThrottle, c3v_fake_throttle_free)

G_END_DECLS
