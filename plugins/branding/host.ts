import type { CollectionConfig, Field, Payload, PayloadRequest } from 'payload'

import type { User } from '../../payload-types'
import type { Schema } from './config/schema'
import type { BrandingCollection } from './permissions'

type AnyUser = null | Partial<User> | undefined

export type TenantWork = Readonly<{ tenantId: string; via: 'user' | 'job'; userId?: string }>

/**
 * What the plugin needs from its host, passed in its options (the plugin imports nothing of the
 * app). src/plugin-host/branding.ts is this app's; plugins/branding/README.md, "Host pieces".
 */
export type BrandingHost = {
  access: { isSuperAdmin: (user: AnyUser) => boolean }
  tenantOwned: (collection: CollectionConfig & { slug: BrandingCollection; audit?: boolean }) => CollectionConfig
  tenancy: {
    runWithTenant: <T>(context: TenantWork, fn: () => T) => T
    /** The tenant a custom endpoint acts on (`?tenant=`, else the request's), for one of `roles` (the super-admin: any). */
    endpointTenant: (req: PayloadRequest, options: { roles: readonly string[]; signIn: string; choose: string; forbidden: string }) => Promise<string>
    /** The shop an anonymous storefront request is for (host, X-Tenant, API key), or null. */
    storefrontTenant: (req: PayloadRequest) => Promise<null | string>
  }
  /** The shop's configuration: every setting with its default and check (the host's own and its plugins'). */
  configSchema: Schema
  admin: {
    /** The shop a signed-in admin user is looking at (their own; the super-admin's selected one, from the admin's cookies), or null. */
    viewedTenant: (user: AnyUser, cookies: Map<string, string>) => Promise<null | string>
    /** The shop a host name names (its domain, or `<slug>.<BASE_DOMAIN>`) for the sign-in page, or null on the platform's own hosts. */
    tenantOfHost: (payload: Payload, host: null | string) => Promise<null | string>
  }
  /** Amounts of money custom fields, as the host writes them: `formatMoney(445850, 'BDT')` → "৳4,458.50"; a currency's decimals. */
  money: { format: (minor: number, currency: string) => string; minorDigits: (currency: string) => number }
  /** A userless request sharing the caller's transaction, audited under the caller. */
  systemReq: (req: PayloadRequest) => Promise<PayloadRequest>
  /** The host's write-only secrets (the shops' SMTP passwords): the field (encrypted at rest, never returned), the `context` key that makes it return its ciphertext, and decryption. */
  secrets: {
    secretField: (field: { name: string; label?: string; required?: boolean }) => Field[]
    revealKey: string
    decrypt: (stored: string) => string
  }
  /** The platform's name and public base URL, for the foot of every email and its absolute links. */
  platform: { name: string; serverUrl: () => string }
}
