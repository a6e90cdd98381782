/* c3v-theme.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-theme.h"

#define RGB(r, g, b)                                                                               \
  {                                                                                                \
    (r) / 255.0, (g) / 255.0, (b) / 255.0, 1.0                                                     \
  }

static const C3vTheme light_theme = {
  .background = RGB (0xff, 0xff, 0xff),
  .foreground = RGB (0x24, 0x1f, 0x31),
  .grid = RGB (0xde, 0xdd, 0xda),
  .bar_frame = RGB (0x77, 0x76, 0x7b),
  .free_room = RGB (0xf2, 0xf2, 0xf0),
  .draining = RGB (0xe5, 0xa5, 0x0a),
  .disconnected = RGB (0xc0, 0x1c, 0x28),
  .mismatch = RGB (0x81, 0x3d, 0x9c),
  .hover = RGB (0x1c, 0x71, 0xd8),
};

static const C3vTheme dark_theme = {
  .background = RGB (0x24, 0x24, 0x24),
  .foreground = RGB (0xee, 0xee, 0xec),
  .grid = RGB (0x3d, 0x3d, 0x3d),
  .bar_frame = RGB (0x9a, 0x99, 0x96),
  .free_room = RGB (0x30, 0x30, 0x30),
  .draining = RGB (0xf6, 0xd3, 0x2d),
  .disconnected = RGB (0xf6, 0x61, 0x51),
  .mismatch = RGB (0xdc, 0x8a, 0xdd),
  .hover = RGB (0x78, 0xae, 0xed),
};

const C3vTheme *
c3v_theme_get_light (void)
{
  return &light_theme;
}

const C3vTheme *
c3v_theme_get_dark (void)
{
  return &dark_theme;
}
