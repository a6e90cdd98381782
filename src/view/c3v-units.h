/* c3v-units.h: human-readable resource amounts (MiB/GiB, vCPU).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "model/c3v-snapshot.h"

G_BEGIN_DECLS

/* "512 MiB", "1.5 GiB", "16 GiB" */
char *c3v_format_memory (guint64 mib);
/* "0.25 vCPU", "2 vCPU" (1024 CPU units = 1 vCPU) */
char *c3v_format_cpu (guint64 cpu_units);
char *c3v_format_resource (C3vResource resource, guint64 value);

G_END_DECLS
