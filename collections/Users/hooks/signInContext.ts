import type { CollectionBeforeOperationHook } from 'payload'

import { useDbContextForRequest } from '../../../src/tenancy/db-context'

/** Operations that must find an account before anyone is signed in. */
const SIGN_IN_OPERATIONS = new Set(['login', 'forgotPassword', 'resetPassword'])

/**
 * beforeOperation: sign-in, forgot password and reset password look an account up by email or
 * reset token, which row-level security shows to nobody who is not signed in. They run as the
 * platform (its own database role; recorded), before they touch the database — their
 * transactions begin at the first statement (src/db/rls/lazy-transactions.ts).
 */
export const signInContext: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (SIGN_IN_OPERATIONS.has(operation)) useDbContextForRequest(req, `sign-in: ${operation}`)
  return args
}
