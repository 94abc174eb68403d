import { impersonationOf } from '../../plugins/impersonation'

/**
 * The one exception to "a suspended shop is closed" (plugins/impersonation/README.md): a
 * break-glass impersonation session (always read-only) reads the shop it was granted for, so the
 * platform can look into a suspended shop as one of its users. A deleted shop stays closed.
 */
export function breakGlassTenantOf(user: unknown): null | string {
  const session = impersonationOf(user)
  return session?.breakGlass ? session.tenantId : null
}
