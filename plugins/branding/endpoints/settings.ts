import type { Endpoint, PayloadRequest } from 'payload'

import type { Media, ShopSetting } from '../../../payload-types'
import { SHOP_SETTINGS } from '../collections/ShopSettings'
import { applySchema, defaultsOf } from '../config/schema'
import { fail, invalidFields } from '../errors'
import { hostOf } from '../options'

const STAFF = ['tenant-admin', 'marketing-manager', 'sales-operator', 'support-agent'] as const
export const ADMINS = ['tenant-admin'] as const

export const shopOf = (req: PayloadRequest, roles: readonly string[]) =>
  hostOf(req).tenancy.endpointTenant(req, {
    roles,
    signIn: 'Sign in first.',
    choose: 'Name the shop: ?tenant=<id>.',
    forbidden: roles.length === 1 ? 'Only the shop’s tenant-admins change its settings.' : 'You are not staff of this shop.',
  })

export const inShop = <T>(req: PayloadRequest, tenantId: string, fn: () => Promise<T>) => hostOf(req).tenancy.runWithTenant({ tenantId, via: 'user', ...(req.user ? { userId: String(req.user.id) } : {}) }, fn)

/** The shop's settings document, created from its tenant record the first time it is asked for. */
async function settingsDoc(req: PayloadRequest, tenantId: string): Promise<ShopSetting> {
  const sys = await hostOf(req).systemReq(req)
  const { docs } = await req.payload.find({ collection: SHOP_SETTINGS, where: { tenant: { equals: tenantId } }, depth: 1, limit: 1, sort: 'createdAt', overrideAccess: true, req: sys })
  if (docs[0]) return docs[0]
  const tenant = await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req: sys })
  const applied = applySchema(hostOf(req).configSchema, {}, (tenant.settings ?? {}) as Record<string, unknown>)
  const b = tenant.branding ?? {}
  return req.payload.create({
    collection: SHOP_SETTINGS,
    depth: 1,
    overrideAccess: true,
    req: sys,
    data: {
      tenant: tenantId,
      config: applied.ok ? applied.value : defaultsOf(hostOf(req).configSchema),
      branding: { logo: b.logo ?? null, primaryColor: b.primaryColor, secondaryColor: b.secondaryColor, accentColor: b.accentColor, customCss: b.customCss, theme: b.theme ?? 'auto' },
    },
  })
}

async function body(req: PayloadRequest): Promise<unknown> {
  const text = (await (req as unknown as Request).text?.().catch(() => '')) ?? ''
  try {
    return text ? (JSON.parse(text) as unknown) : {}
  } catch {
    throw fail('invalid_json', 'The body is not JSON.', 400)
  }
}

const versionOf = (doc: ShopSetting) => ({ updatedAt: doc.updatedAt, changedBy: doc.changedBy ?? null })

const describe = (req: PayloadRequest) => Object.fromEntries(Object.entries(hostOf(req).configSchema).map(([k, s]) => [k, { default: s.default, description: s.description }]))

/** GET /api/tenant/config[?tenant=] — the shop's configuration (defaults filled), for its staff; with the schema's defaults and descriptions. */
export const getConfigEndpoint: Endpoint = {
  path: '/tenant/config',
  method: 'get',
  handler: async (req) => {
    const tenantId = await shopOf(req, STAFF)
    return inShop(req, tenantId, async () => {
      const doc = await settingsDoc(req, tenantId)
      const applied = applySchema(hostOf(req).configSchema, {}, (doc.config ?? {}) as Record<string, unknown>)
      return Response.json({ config: applied.ok ? applied.value : doc.config, version: versionOf(doc), schema: describe(req) })
    })
  },
}

/** PUT /api/tenant/config[?tenant=] — change some settings (tenant-admins): validated, merged over the current ones, kept as a new version. */
export const putConfigEndpoint: Endpoint = {
  path: '/tenant/config',
  method: 'put',
  handler: async (req) => {
    const tenantId = await shopOf(req, ADMINS)
    const input = await body(req)
    return inShop(req, tenantId, async () => {
      const doc = await settingsDoc(req, tenantId)
      const applied = applySchema(hostOf(req).configSchema, input, (doc.config ?? {}) as Record<string, unknown>)
      if (!applied.ok) throw invalidFields(applied.errors)
      const saved = await req.payload.update({ collection: SHOP_SETTINGS, id: doc.id, data: { config: applied.value }, depth: 1, overrideAccess: false, user: req.user, req })
      return Response.json({ config: saved.config, version: versionOf(saved) })
    })
  },
}

const mediaUrl = (m: unknown) => (m && typeof m === 'object' ? ((m as Media).url ?? null) : null)

/** The branding anyone may see (a storefront's theme): no CSS, no email settings. */
const publicBranding = (doc: ShopSetting, name: string) => {
  const b = doc.branding ?? {}
  return {
    name,
    logo: mediaUrl(b.logo),
    icon: mediaUrl(b.icon),
    primaryColor: b.primaryColor ?? null,
    secondaryColor: b.secondaryColor ?? null,
    accentColor: b.accentColor ?? null,
    theme: b.theme ?? 'auto',
    titleSuffix: b.titleSuffix ?? null,
  }
}

/**
 * GET /api/tenant/branding[?tenant=] — the shop's staff: the whole branding; a storefront (no
 * sign-in, the shop resolved from its host or X-Tenant): only the public part.
 */
export const getBrandingEndpoint: Endpoint = {
  path: '/tenant/branding',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const storefront = req.user ? null : await options.tenancy.storefrontTenant(req)
    if (!req.user && !storefront) throw fail('not_found', 'No shop is named by this request (its host or X-Tenant).', 404)
    const tenantId = storefront ?? (await shopOf(req, STAFF))
    return inShop(req, tenantId, async () => {
      const doc = await settingsDoc(req, tenantId)
      const sys = await options.systemReq(req)
      const tenant = await req.payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req: sys })
      const name = tenant.displayName || tenant.name
      if (storefront) return Response.json({ branding: publicBranding(doc, name) })
      return Response.json({ branding: { ...doc.branding, ...publicBranding(doc, name) }, version: versionOf(doc) })
    })
  },
}

/** PUT /api/tenant/branding[?tenant=] — change the branding (tenant-admins): colours checked for contrast, custom CSS sanitised; kept as a new version. */
export const putBrandingEndpoint: Endpoint = {
  path: '/tenant/branding',
  method: 'put',
  handler: async (req) => {
    const tenantId = await shopOf(req, ADMINS)
    const input = await body(req)
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalidFields([{ path: 'body', message: 'Send a JSON object of branding fields.' }])
    const known = new Set(['logo', 'icon', 'primaryColor', 'secondaryColor', 'accentColor', 'theme', 'titleSuffix', 'customCss', 'senderName', 'supportEmail', 'emailFooter'])
    const unknown = Object.keys(input).filter((k) => !known.has(k))
    if (unknown.length) throw invalidFields(unknown.map((k) => ({ path: k, message: 'Not a branding field.' })))
    return inShop(req, tenantId, async () => {
      const doc = await settingsDoc(req, tenantId)
      const current = Object.fromEntries(Object.entries(doc.branding ?? {}).map(([k, v]) => [k, v && typeof v === 'object' && 'id' in v ? (v as { id: string }).id : v]))
      const saved = await req.payload.update({ collection: SHOP_SETTINGS, id: doc.id, data: { branding: { ...current, ...input } }, depth: 1, overrideAccess: false, user: req.user, req })
      return Response.json({ branding: saved.branding, version: versionOf(saved) })
    })
  },
}
