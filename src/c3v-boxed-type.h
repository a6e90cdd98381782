/* c3v-boxed-type.h: G_DEFINE_BOXED_TYPE without its transparent union.
 *
 * GLib's macro registers the copy and free functions through a GNU
 * transparent union, which -Wpedantic (warning_level=3) rejects; a plain
 * function pointer cast is ISO C.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

#define C3V_DEFINE_BOXED_TYPE(TypeName, type_name, copy_func, free_func)                           \
  GType type_name##_get_type (void)                                                                \
  {                                                                                                \
    static gsize type_id = 0;                                                                      \
                                                                                                   \
    if (g_once_init_enter (&type_id))                                                              \
      g_once_init_leave (&type_id, g_boxed_type_register_static (                                  \
                                       g_intern_static_string (#TypeName),                         \
                                       (GBoxedCopyFunc) copy_func, (GBoxedFreeFunc) free_func));   \
    return type_id;                                                                                \
  }
