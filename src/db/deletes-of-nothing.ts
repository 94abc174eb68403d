import type { BaseDatabaseAdapter, Where } from 'payload'

/**
 * Whether a `where` can match no document because it requires a value `in` an empty list —
 * in every branch that has to hold (all of an `and`, each field's operators; any one branch of
 * an `or` that can match keeps the `or` possible).
 */
export function matchesNothing(where: unknown): boolean {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return false
  return Object.entries(where as Where).some(([key, value]) => {
    if (key === 'and') return Array.isArray(value) && value.some(matchesNothing)
    if (key === 'or') return Array.isArray(value) && value.length > 0 && value.every(matchesNothing)
    const operators = value as Record<string, unknown> | null
    return Boolean(operators) && typeof operators === 'object' && Array.isArray(operators!.in) && (operators!.in as unknown[]).length === 0
  })
}

/**
 * The adapter's `deleteMany` deletes nothing when its `where` can match nothing.
 *
 * Payload's bulk delete of an auth collection ends by deleting the deleted users' preferences,
 * `where: { or: [{ and: [{ 'user.value': { in: ids } }, …] }, { key: { in: … } }] }`. When the
 * bulk delete matched no user (a `where` that finds nobody, or only users the caller may not
 * delete) the ids are `[]`, and the PostgreSQL adapter drops a polymorphic relationship's
 * `in: []` — so every user's preferences were deleted, by any caller allowed to bulk-delete
 * users (found by the fuzz test: `DELETE /api/users?where[id][equals]=<no such id>`).
 */
export function refuseDeletesOfNothing<A extends BaseDatabaseAdapter>(adapter: A): A {
  const deleteMany = adapter.deleteMany
  adapter.deleteMany = async function (this: A, args) {
    if (matchesNothing(args.where)) return
    return deleteMany.call(this, args)
  }
  return adapter
}
