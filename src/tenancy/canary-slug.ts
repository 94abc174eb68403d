/**
 * The slug of the platform's isolation canary (src/platform-health/canary.ts): reserved at
 * signup, and left out of the tenant lists of every caller, the super-admin included
 * (access/tenantsRead.ts).
 */
export const CANARY_SLUG = 'platform-canary'
