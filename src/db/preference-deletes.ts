import type { BaseDatabaseAdapter } from 'payload'

/**
 * `DELETE /api/payload-preferences/:key` (the admin resetting a list's columns, say) asks the
 * adapter's `deleteOne` for `where: { key, 'user.value', 'user.relationTo' }`; the PostgreSQL
 * adapter builds that delete on a polymorphic relationship with a missing FROM-clause entry, so it
 * failed with a 500 for every signed-in user (found by the fuzz test). Its `findOne` reads the same
 * `where` correctly: find the row the caller owns, then delete it by id.
 */
export function deletePreferencesById<A extends BaseDatabaseAdapter>(adapter: A): A {
  const deleteOne = adapter.deleteOne
  adapter.deleteOne = async function (this: A, args) {
    if (args.collection !== 'payload-preferences') return deleteOne.call(this, args)
    const found = await adapter.findOne<{ id: number | string }>({ collection: args.collection, where: args.where, req: args.req })
    if (!found) return null as never
    return deleteOne.call(this, { ...args, where: { id: { equals: found.id } } })
  }
  return adapter
}
