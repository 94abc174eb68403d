import type { BaseDatabaseAdapter } from 'payload'

import { runAsSystem } from '../../tenancy/request-context'

const isEmptyWhere = (where: unknown): boolean =>
  where === undefined ||
  where === null ||
  (typeof where === 'object' && Object.keys(where).length === 0) ||
  (typeof where === 'object' && Array.isArray((where as { and?: unknown[] }).and) && (where as { and: unknown[] }).and.every(isEmptyWhere) && Object.keys(where).length === 1)

/**
 * "Is there any user at all?" — Payload asks it with `db.findOne({ collection: 'users' })` and no
 * condition, before anyone is signed in: the admin (to show its create-first-user screen) and the
 * first-register operation (which refuses once a user exists). Row-level security shows such a
 * caller no user, so the answer would always be "none". That one question, and nothing else, is
 * answered by the platform role — with the id only, never the row.
 */
export function answerAnyUserProbe<A extends BaseDatabaseAdapter>(adapter: A, authCollection = 'users'): A {
  const findOne = adapter.findOne
  adapter.findOne = async function (this: unknown, args) {
    if (args?.collection === authCollection && !args.req?.user && isEmptyWhere(args.where)) {
      const found = await runAsSystem('is there any user (first-user screen)', () => findOne.call(this as A, { collection: authCollection, where: {} }))
      return (found ? { id: (found as { id: unknown }).id } : null) as never
    }
    return findOne.call(this as A, args)
  } as A['findOne']
  return adapter
}
