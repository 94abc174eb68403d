import { CONTAINERS, resolvePath, type QueryContext } from './field-paths'
import { issue, type Issue } from './issues'

const HOW = 'sort by field names separated by commas, `-` first for descending (e.g. sort=-createdAt,name)'

/** Everything wrong with `sort`: empty names, names of no field, fields that hold other fields. */
export function sortIssues(context: QueryContext, sort: unknown): Issue[] {
  if (sort === undefined || sort === null) return []
  const entries = typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) && sort.every((s) => typeof s === 'string') ? sort : null
  if (!entries) return [issue('invalid_query', 'sort', `\`sort\` must be text: ${HOW}.`)]
  return entries.flatMap((entry): Issue[] => {
    const name = entry.startsWith('-') ? entry.slice(1) : entry
    if (name === '') return [issue('invalid_query', 'sort', `\`sort\` has an empty field name: ${HOW}.`)]
    const target = resolvePath(context, name)
    if (target.kind === 'unknown') return [issue('invalid_query', 'sort', `\`${name}\` is not a field of ${context.collection.slug}: ${HOW}.`)]
    if (target.kind === 'field' && CONTAINERS.has(target.field.type)) return [issue('invalid_query', 'sort', `\`${name}\` holds other fields: sort by one of them, e.g. sort=${name}.<field>.`)]
    return []
  })
}
