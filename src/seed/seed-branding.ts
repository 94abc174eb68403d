import type { Payload, PayloadRequest } from 'payload'
import sharp from 'sharp'

import type { Tenant } from '../../payload-types'
import type { DEMO_TENANTS } from './demo-data'

type Ctx = { payload: Payload; req: PayloadRequest }
type Demo = (typeof DEMO_TENANTS)[number]

/** A square logo of simple shapes in the shop's colours (no text: the machine may have no fonts). */
function logoSvg(mark: 'circle' | 'diamond', primary: string, secondary: string): string {
  const shape =
    mark === 'circle'
      ? `<circle cx="64" cy="64" r="34" fill="#fff"/><circle cx="64" cy="64" r="18" fill="${secondary}"/>`
      : `<path d="M64 22 L106 64 L64 106 L22 64 Z" fill="#fff"/><path d="M64 44 L84 64 L64 84 L44 64 Z" fill="${secondary}"/>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128"><rect width="128" height="128" rx="28" fill="${primary}"/>${shape}</svg>`
}

/**
 * A branded demo shop's settings document (plugins/branding): its logo (also the favicon), colours,
 * theme and custom CSS, title suffix, email sender, reply-to and footer. Saving it writes the
 * branding onto the tenant record, as a tenant-admin's save would. Once: a shop that has its
 * settings document keeps it. Returns how many documents it created.
 */
export async function seedBranding({ payload, req }: Ctx, tenant: Tenant, demo: Demo): Promise<number> {
  if (!('branding' in demo) || !('brand' in demo)) return 0
  const system = { overrideAccess: true, req, depth: 0 } as const
  const existing = await payload.find({ collection: 'shop-settings', where: { tenant: { equals: tenant.id } }, limit: 1, ...system })
  if (existing.docs[0]) return 0
  const { branding, brand } = demo
  const png = await sharp(Buffer.from(logoSvg(brand.mark, branding.primaryColor, branding.secondaryColor)))
    .png()
    .toBuffer()
  const logo = await payload.create({
    collection: 'media',
    data: { alt: `${demo.displayName} logo`, tenant: tenant.id },
    file: { data: png, mimetype: 'image/png', name: `${demo.slug}-logo.png`, size: png.length },
    ...system,
  })
  await payload.create({
    collection: 'shop-settings',
    data: {
      tenant: tenant.id,
      note: 'Demo branding',
      branding: { ...branding, logo: logo.id, icon: logo.id, titleSuffix: brand.titleSuffix, senderName: brand.senderName, supportEmail: brand.supportEmail, emailFooter: brand.emailFooter },
    },
    ...system,
  })
  return 2
}
