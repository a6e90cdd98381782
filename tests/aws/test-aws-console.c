/* test-aws-console.c: links into the AWS console, as the console spells them.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-aws-console.h"

static void
test_task (void)
{
  g_autofree char *url = c3v_aws_console_ecs_task_url ("eu-west-1", "web", "0123abcd");

  g_assert_cmpstr (url, ==,
                   "https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/web/tasks/0123abcd"
                   "?region=eu-west-1");
}

static void
test_instance (void)
{
  g_autofree char *url = c3v_aws_console_ecs_instance_url ("us-east-2", "batch", "ci42");

  g_assert_cmpstr (url, ==,
                   "https://us-east-2.console.aws.amazon.com/ecs/v2/clusters/batch/"
                   "infrastructure/container-instances/ci42?region=us-east-2");
}

static void
test_china (void)
{
  g_autofree char *url = c3v_aws_console_ecs_task_url ("cn-north-1", "web", "t1");

  g_assert_cmpstr (url, ==,
                   "https://cn-north-1.console.amazonaws.cn/ecs/v2/clusters/web/tasks/t1"
                   "?region=cn-north-1");
}

/* Cluster names allow only letters, digits, '-' and '_', but the name
 * comes from the wire: whatever it holds stays inside its path segment. */
static void
test_escaped (void)
{
  g_autofree char *url = c3v_aws_console_ecs_task_url ("eu-west-1", "a/b?c#d", "t 1");

  g_assert_cmpstr (url, ==,
                   "https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/a%2Fb%3Fc%23d/"
                   "tasks/t%201?region=eu-west-1");
}

static void
test_missing (void)
{
  g_assert_null (c3v_aws_console_ecs_task_url (NULL, "web", "t1"));
  g_assert_null (c3v_aws_console_ecs_task_url ("eu-west-1", "", "t1"));
  g_assert_null (c3v_aws_console_ecs_instance_url ("eu-west-1", "web", NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/console/task", test_task);
  g_test_add_func ("/aws/console/instance", test_instance);
  g_test_add_func ("/aws/console/china", test_china);
  g_test_add_func ("/aws/console/escaped", test_escaped);
  g_test_add_func ("/aws/console/missing", test_missing);

  return g_test_run ();
}
