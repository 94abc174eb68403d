import { resolvePath, type QueryContext } from './field-paths'
import { isPlainObject, issue, type Issue } from './issues'
import { isOperator, OPERATORS, operatorProblem } from './operators'
import { valueProblem } from './values'

/** One field's conditions: `{ equals: …, in: … }`. */
function conditionIssues(context: QueryContext, field: string, conditions: unknown, path: string): Issue[] {
  if (!isPlainObject(conditions)) return [issue('invalid_query', path, `\`${path}\` needs an operator and a value, e.g. where[${field}][equals]=….`)]
  const target = resolvePath(context, field)
  // Versioned collections are also queried on `version.*` paths; leave those paths to Payload.
  if (target.kind === 'unknown' && !context.collection.versions) return [issue('invalid_query', path, `\`${field}\` is not a field of ${context.collection.slug}.`)]
  const issues: Issue[] = []
  for (const [operator, value] of Object.entries(conditions)) {
    if (value === undefined) continue
    const at = `${path}.${operator}`
    if (!isOperator(operator)) {
      issues.push(issue('invalid_query', at, `\`${operator}\` is not an operator: use one of ${OPERATORS.join(', ')}.`))
      continue
    }
    const operatorIssue = operatorProblem(operator, target, field)
    const valueIssue = operatorIssue ? null : valueProblem(target, operator, value, field, at)
    if (operatorIssue) issues.push(issue('invalid_query', at, operatorIssue))
    else if (valueIssue) issues.push(valueIssue)
  }
  return issues
}

/**
 * Everything wrong with a `where` (REST `where[…]`, GraphQL `where:`, Local API `where`): its
 * shape, unknown fields and operators, operators a field's column cannot take, and values that
 * are not of the field's type. Paths say where: `where.or.0.and.1.createdAt.less_than`.
 */
export function whereIssues(context: QueryContext, where: unknown, path = 'where'): Issue[] {
  if (where === undefined || where === null) return []
  if (!isPlainObject(where)) return [issue('invalid_query', path, `\`${path}\` must be conditions on fields, e.g. where[name][equals]=….`)]
  return Object.entries(where).flatMap(([key, value]): Issue[] => {
    if (value === undefined) return []
    const at = `${path}.${key}`
    // Payload reads `and`/`or` in any case (GraphQL writes AND/OR).
    if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
      if (!Array.isArray(value)) return [issue('invalid_query', at, `\`${at}\` must be a list of conditions, e.g. where[${key}][0][name][equals]=….`)]
      return value.flatMap((item, i) => (item === undefined || item === null ? [] : whereIssues(context, item, `${at}.${i}`)))
    }
    return conditionIssues(context, key, value, at)
  })
}
