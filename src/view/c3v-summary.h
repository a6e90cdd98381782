/* c3v-summary.h: reserved against registered capacity, for the cluster and
 * per availability zone: the figures above the bars.
 *
 * Sums are 64-bit (thousands of instances of terabytes of memory do not
 * wrap), over container instances only: tasks without an instance
 * (Fargate) have no registered capacity to compare with.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "model/c3v-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  char   *zone; /* NULL for the whole cluster */
  guint   n_instances;
  guint64 registered[2]; /* by C3vResource: MiB, CPU units */
  guint64 reserved[2];
} C3vSummaryLine;

typedef struct
{
  C3vSummaryLine  total;
  C3vSummaryLine *zones; /* sorted by name */
  guint           n_zones;
} C3vSummary;

C3vSummary *c3v_summary_new (C3vSnapshot *snapshot);
void        c3v_summary_free (C3vSummary *summary);
/* Reserved as a share of registered, 0..100 and more when ECS reports
 * more reserved than registered; 0 when nothing is registered. */
double c3v_summary_line_percent (const C3vSummaryLine *line, C3vResource resource);
/* "eu-west-1a: memory 64% (41 GiB of 64 GiB) · CPU 50% (8 of 16 vCPU)" */
char *c3v_summary_line_format (const C3vSummaryLine *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vSummary, c3v_summary_free)

G_END_DECLS
