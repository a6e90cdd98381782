/* view-fixture.h: hand-built snapshots for the view tests and benchmark.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <cairo.h>

#include "model/c3v-snapshot.h"
#include "view/c3v-palette.h"

G_BEGIN_DECLS

/* A cluster of @n_instances over three AZs and four instance types, filled
 * with tasks of @n_families families up to about @tasks_per_instance each,
 * plus @n_fargate tasks without an instance. Instance 1 (when present) is
 * DRAINING, instance 2 has its agent disconnected, instance 3 reports a
 * mismatch. Deterministic for a given @seed. */
C3vSnapshot *view_fixture_cluster (guint n_instances, guint tasks_per_instance, guint n_fargate,
                                   guint n_families, guint32 seed);

/* Adds one instance "i-<name>" and returns its ARN (owned by the builder's
 * caller, free with g_free). */
char *view_fixture_add_instance (C3vSnapshotBuilder *builder, const char *name, const char *type,
                                 const char *zone, guint32 memory, guint32 cpu);
/* Adds one task of @family:1 with a task-level reservation, on
 * @instance_arn (NULL: Fargate). */
void view_fixture_add_task (C3vSnapshotBuilder *builder, const char *id, const char *family,
                            const char *service, const char *instance_arn, gint32 memory,
                            gint32 cpu);

/* 24 instances of 8 GiB, each with four tasks of 1 or 2 GiB over seven
 * services, and two Fargate tasks: boxes tall enough to check pixels. */
C3vSnapshot *view_fixture_roomy (void);

/* Pixels of an RGB24/ARGB32 image surface, as 0..255 channels. */
void view_fixture_read_pixel (cairo_surface_t *surface, int x, int y, int rgb[3]);
/* Asserts that the pixel covering (x, y) is @color, within 2 levels. */
void view_fixture_assert_pixel (cairo_surface_t *surface, double x, double y, const C3vRgba *color);

/* LeakSanitizer's suppression hook (fontconfig's process-wide caches). */
const char *__lsan_default_suppressions (void);

G_END_DECLS
