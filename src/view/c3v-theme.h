/* c3v-theme.h: the chrome colours the painter uses (not the task fills).
 *
 * The widget starts from a preset and overrides background and foreground
 * with its style colours, so dark mode reads well.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-palette.h"

G_BEGIN_DECLS

typedef struct
{
  C3vRgba background;
  C3vRgba foreground;
  C3vRgba grid;
  C3vRgba bar_frame;
  C3vRgba free_room;    /* fill and hatch of the unreserved part of a bar */
  C3vRgba draining;     /* stripe over DRAINING instances */
  C3vRgba disconnected; /* stripe over instances whose agent is gone */
  C3vRgba mismatch;     /* flag: our reservation sum != ECS's own */
  C3vRgba hover;        /* outline of the item under the pointer */
} C3vTheme;

const C3vTheme *c3v_theme_get_light (void);
const C3vTheme *c3v_theme_get_dark (void);

G_END_DECLS
