import { issue, shown, type Issue } from './issues'

/**
 * The most documents one request may ask for. Payload 3 has no per-collection maximum, so this
 * is the app's; `pagination=false` (or `limit=0`) still asks for all, as Payload documents.
 */
export const MAX_LIMIT = 1000

/** Payload's own default page size, when `limit` is not given. */
const DEFAULT_LIMIT = 10

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value)

type Paging = { page?: unknown; limit?: unknown; depth?: unknown }
type Limits = { maxDepth: number; capLimit: boolean }

/**
 * Everything wrong with `page`, `limit` and `depth`. Payload keeps a value it cannot read as a
 * number as the raw string (`page=abc`), so a string here is always wrong. `capLimit` is off
 * for system work (overrideAccess), which pages however it needs.
 */
export function pagingIssues({ page, limit, depth }: Paging, { maxDepth, capLimit }: Limits): Issue[] {
  const issues: Issue[] = []
  const limitOk = limit === undefined || limit === null || (isWhole(limit) && limit >= 0 && (!capLimit || limit <= MAX_LIMIT))
  if (!limitOk) issues.push(issue('invalid_query', 'limit', `\`limit\` must be a whole number from 1 to ${MAX_LIMIT} (0 or pagination=false for all), not ${shown(limit)}.`))
  if (page !== undefined && page !== null) {
    const perPage = isWhole(limit) && limit > 0 ? limit : DEFAULT_LIMIT
    if (!isWhole(page) || page < 1) issues.push(issue('invalid_query', 'page', `\`page\` must be a whole number from 1 up, not ${shown(page)}.`))
    // PostgreSQL's OFFSET is (page - 1) × limit: keep it an exact number.
    else if (!Number.isSafeInteger((page - 1) * perPage))
      issues.push(issue('invalid_query', 'page', `\`page\` is past any result: at ${perPage} per page it can be at most ${Math.floor(Number.MAX_SAFE_INTEGER / perPage) + 1}.`))
  }
  if (depth !== undefined && depth !== null && !(isWhole(depth) && depth >= 0 && depth <= maxDepth)) {
    issues.push(issue('invalid_query', 'depth', `\`depth\` must be a whole number from 0 to ${maxDepth}, not ${shown(depth)}.`))
  }
  return issues
}
