/* c3v-placement-expression.c: a small recursive-descent reader.
 *
 * The expression is read once into a tree, then evaluated per instance:
 * thousands of instances share one parse.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <string.h>

#include "c3v-placement-expression.h"

typedef enum
{
  NODE_AND,
  NODE_OR,
  NODE_COMPARE,
} NodeKind;

typedef enum
{
  ATTR_INSTANCE_TYPE,
  ATTR_AVAILABILITY_ZONE,
  ATTR_EC2_INSTANCE_ID,
} Attribute;

typedef enum
{
  OP_EQUAL,
  OP_NOT_EQUAL,
  OP_IN,
  OP_NOT_IN,
  OP_MATCH,
  OP_NOT_MATCH,
} Operator;

typedef struct Node Node;
struct Node
{
  NodeKind   kind;
  Node      *left, *right;
  Attribute  attribute;
  Operator   op;
  GPtrArray *values;   /* char *, owned */
  GPtrArray *patterns; /* GPatternSpec of values, for =~ and !~ */
};

struct _C3vPlacementExpression
{
  Node *root; /* NULL when unsupported */
  char *problem;
};

typedef struct
{
  char **tokens;
  guint  next;
  char  *problem;
} Reader;

static void
node_free (Node *node)
{
  if (node == NULL)
    return;

  node_free (node->left);
  node_free (node->right);
  if (node->values != NULL)
    g_ptr_array_unref (node->values);
  if (node->patterns != NULL)
    g_ptr_array_unref (node->patterns);
  g_free (node);
}

/* Words, and the punctuation ( ) [ ] , as tokens of their own. */
static char **
tokenize (const char *text)
{
  GPtrArray  *tokens = g_ptr_array_new ();
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (strchr ("()[],", *p) != NULL)
        p++;
      else
        while (*p != '\0' && !g_ascii_isspace (*p) && strchr ("()[],", *p) == NULL)
          p++;
      g_ptr_array_add (tokens, g_strndup (start, p - start));
    }
  g_ptr_array_add (tokens, NULL);

  return (char **) g_ptr_array_free (tokens, FALSE);
}

static const char *
peek (Reader *reader)
{
  return reader->tokens[reader->next];
}

static const char *
take (Reader *reader)
{
  const char *token = reader->tokens[reader->next];

  if (token != NULL)
    reader->next++;
  return token;
}

static gboolean
accept (Reader *reader, const char *word)
{
  if (g_strcmp0 (peek (reader), word) != 0)
    return FALSE;

  reader->next++;
  return TRUE;
}

static void
fail (Reader *reader, char *problem)
{
  if (reader->problem == NULL)
    reader->problem = problem;
  else
    g_free (problem);
}

static gboolean
read_attribute (Reader *reader, Attribute *attribute)
{
  const char *word = take (reader);

  if (g_strcmp0 (word, "attribute:ecs.instance-type") == 0)
    *attribute = ATTR_INSTANCE_TYPE;
  else if (g_strcmp0 (word, "attribute:ecs.availability-zone") == 0)
    *attribute = ATTR_AVAILABILITY_ZONE;
  else if (g_strcmp0 (word, "ec2InstanceId") == 0)
    *attribute = ATTR_EC2_INSTANCE_ID;
  else
    {
      fail (reader, g_strdup_printf ("“%s” is not an attribute c3vis knows", word ? word : ""));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_operator (Reader *reader, Operator *op)
{
  static const struct
  {
    const char *word;
    Operator    op;
  } operators[] = {
    { "==", OP_EQUAL },      { "!=", OP_NOT_EQUAL }, { "in", OP_IN },
    { "not_in", OP_NOT_IN }, { "=~", OP_MATCH },     { "!~", OP_NOT_MATCH },
  };
  const char *word = take (reader);

  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (g_strcmp0 (word, operators[i].word) == 0)
      {
        *op = operators[i].op;
        return TRUE;
      }

  fail (reader, g_strdup_printf ("“%s” is not an operator c3vis knows", word ? word : ""));
  return FALSE;
}

static gboolean
is_value (const char *token)
{
  return token != NULL && strchr ("()[],", token[0]) == NULL;
}

/* "[a, b]" (or "(a, b)") after in / not_in, one value otherwise. */
static gboolean
read_values (Reader *reader, Operator op, GPtrArray *values)
{
  const char *close = NULL;

  if (op == OP_IN || op == OP_NOT_IN)
    {
      close = accept (reader, "[") ? "]" : accept (reader, "(") ? ")" : NULL;
      if (close == NULL)
        {
          fail (reader, g_strdup ("a list [a, b] must follow in and not_in"));
          return FALSE;
        }
    }

  do
    {
      if (!is_value (peek (reader)))
        {
          fail (reader, g_strdup ("a value is missing"));
          return FALSE;
        }
      g_ptr_array_add (values, g_strdup (take (reader)));
    }
  while (close != NULL && accept (reader, ","));

  if (close != NULL && !accept (reader, close))
    {
      fail (reader, g_strdup ("a list is not closed"));
      return FALSE;
    }
  return TRUE;
}

static Node *read_or (Reader *reader);

static Node *
read_term (Reader *reader)
{
  Node *node;

  if (accept (reader, "("))
    {
      node = read_or (reader);
      if (node != NULL && !accept (reader, ")"))
        {
          fail (reader, g_strdup ("a parenthesis is not closed"));
          g_clear_pointer (&node, node_free);
        }
      return node;
    }

  node = g_new0 (Node, 1);
  node->kind = NODE_COMPARE;
  node->values = g_ptr_array_new_with_free_func (g_free);
  if (!read_attribute (reader, &node->attribute) || !read_operator (reader, &node->op)
      || !read_values (reader, node->op, node->values))
    {
      node_free (node);
      return NULL;
    }

  /* Compiled once, matched against thousands of instances. */
  if (node->op == OP_MATCH || node->op == OP_NOT_MATCH)
    {
      node->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
      for (guint i = 0; i < node->values->len; i++)
        g_ptr_array_add (node->patterns, g_pattern_spec_new (g_ptr_array_index (node->values, i)));
    }
  return node;
}

static Node *
read_binary (Reader *reader, const char *word, NodeKind kind, Node *(*read_operand) (Reader *) )
{
  Node *left = read_operand (reader);

  while (left != NULL && accept (reader, word))
    {
      Node *node = g_new0 (Node, 1);

      node->kind = kind;
      node->left = left;
      node->right = read_operand (reader);
      if (node->right == NULL)
        {
          node_free (node);
          return NULL;
        }
      left = node;
    }
  return left;
}

static Node *
read_and (Reader *reader)
{
  return read_binary (reader, "and", NODE_AND, read_term);
}

static Node *
read_or (Reader *reader)
{
  return read_binary (reader, "or", NODE_OR, read_and);
}

C3vPlacementExpression *
c3v_placement_expression_new (const char *expression)
{
  C3vPlacementExpression *self = g_new0 (C3vPlacementExpression, 1);
  Reader                  reader = { tokenize (expression != NULL ? expression : ""), 0, NULL };

  self->root = read_or (&reader);
  if (self->root != NULL && peek (&reader) != NULL)
    {
      fail (&reader, g_strdup_printf ("“%s” was not expected", peek (&reader)));
      g_clear_pointer (&self->root, node_free);
    }
  if (self->root == NULL)
    self->problem = reader.problem != NULL ? g_steal_pointer (&reader.problem)
                                           : g_strdup ("the expression is empty");

  g_free (reader.problem);
  g_strfreev (reader.tokens);
  return self;
}

void
c3v_placement_expression_free (C3vPlacementExpression *self)
{
  if (self == NULL)
    return;

  node_free (self->root);
  g_free (self->problem);
  g_free (self);
}

const char *
c3v_placement_expression_get_problem (const C3vPlacementExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problem;
}

static const char *
attribute_value (Attribute attribute, const C3vInstance *instance)
{
  switch (attribute)
    {
      case ATTR_INSTANCE_TYPE:
        return instance->instance_type;
      case ATTR_AVAILABILITY_ZONE:
        return instance->availability_zone;
      case ATTR_EC2_INSTANCE_ID:
      default:
        return instance->ec2_instance_id;
    }
}

static gboolean
any_value (const Node *node, const char *value, gboolean match)
{
  for (guint i = 0; value != NULL && i < node->values->len; i++)
    {
      if (match ? g_pattern_spec_match_string (g_ptr_array_index (node->patterns, i), value)
                : strcmp (g_ptr_array_index (node->values, i), value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
evaluate (const Node *node, const C3vInstance *instance)
{
  const char *value;

  switch (node->kind)
    {
      case NODE_AND:
        return evaluate (node->left, instance) && evaluate (node->right, instance);
      case NODE_OR:
        return evaluate (node->left, instance) || evaluate (node->right, instance);
      case NODE_COMPARE:
      default:
        break;
    }

  value = attribute_value (node->attribute, instance);
  switch (node->op)
    {
      case OP_EQUAL:
      case OP_IN:
        return any_value (node, value, FALSE);
      case OP_NOT_EQUAL:
      case OP_NOT_IN:
        return !any_value (node, value, FALSE);
      case OP_MATCH:
        return any_value (node, value, TRUE);
      case OP_NOT_MATCH:
      default:
        return !any_value (node, value, TRUE);
    }
}

C3vExpressionResult
c3v_placement_expression_evaluate (const C3vPlacementExpression *self, const C3vInstance *instance)
{
  g_return_val_if_fail (self != NULL, C3V_EXPRESSION_UNSUPPORTED);
  g_return_val_if_fail (instance != NULL, C3V_EXPRESSION_UNSUPPORTED);

  if (self->root == NULL)
    return C3V_EXPRESSION_UNSUPPORTED;

  return evaluate (self->root, instance) ? C3V_EXPRESSION_TRUE : C3V_EXPRESSION_FALSE;
}
