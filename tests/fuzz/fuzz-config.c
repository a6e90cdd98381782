/* fuzz-config.c: libFuzzer target for the ~/.aws/config and credentials
 * parser. See build-aux/fuzz.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>

#include "c3v-aws-profile-set.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto (GStrv) profiles = NULL;

  /* The loader hands the parser valid UTF-8 only. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  for (C3vAwsFileKind kind = C3V_AWS_FILE_CONFIG; kind <= C3V_AWS_FILE_CREDENTIALS; kind++)
    {
      g_autoptr (C3vAwsProfileSet) set = c3v_aws_profile_set_new ();

      c3v_aws_profile_set_parse (set, text, "fuzz", kind, NULL);
      profiles = c3v_aws_profile_set_list (set, C3V_AWS_SECTION_PROFILE);
      for (guint i = 0; profiles[i] != NULL; i++)
        c3v_aws_profile_set_get_profile (set, profiles[i], "region");
      g_clear_pointer (&profiles, g_strfreev);
    }
  return 0;
}
