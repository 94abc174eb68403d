import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { sendShopEmail, type ShopEmail } from '../email/send-shop-email'
import { withTransaction } from '../db/transaction'
import { AppError } from '../errors/app-error'
import { isEmail } from '../validation/email'
import type { FieldError } from '../errors/shape'
import type { Tenant, User } from '../../payload-types'
import { runAsSystem } from './request-context'
import { CANARY_SLUG } from './canary-slug'
import { validateSlug } from './validate'

/** Slugs that name the platform's own hosts and paths, never a shop. */
const RESERVED = new Set(['admin', 'api', 'app', 'www', 'mail', 'static', 'assets', 'signup', 'login', 'platform', 'support', 'help', 'status', CANARY_SLUG])

export const trialDays = (): number => Math.max(1, Number(process.env.TRIAL_DAYS ?? 14) || 14)

export type SlugCheck = { slug: string; available: boolean; reason?: string }

/** Whether a shop may take `slug`: well-formed, not reserved, not used (by a deleted tenant either). */
export async function checkSlug(payload: Payload, raw: unknown, req?: PayloadRequest): Promise<SlugCheck> {
  const slug = typeof raw === 'string' ? raw.trim().toLowerCase() : ''
  const format = validateSlug(slug)
  if (format !== true) return { slug, available: false, reason: format }
  if (RESERVED.has(slug)) return { slug, available: false, reason: `"${slug}" is reserved for the platform.` }
  const { totalDocs } = await runAsSystem('signup: slug check', () => payload.count({ collection: 'tenants', where: { slug: { equals: slug } }, overrideAccess: true, req }))
  return totalDocs > 0 ? { slug, available: false, reason: `"${slug}" is taken.` } : { slug, available: true }
}

export type SignupInput = { shopName: string; slug: string; name: string; email: string; password: string; demoData: boolean }

/** The form's fields, checked; a 400 naming every field that is wrong. */
export function parseSignup(body: unknown): SignupInput {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const text = (key: string) => (typeof b[key] === 'string' ? b[key].trim() : '')
  const input: SignupInput = {
    shopName: text('shopName'),
    slug: text('slug').toLowerCase(),
    name: text('name'),
    email: text('email').toLowerCase(),
    password: typeof b.password === 'string' ? b.password : '',
    demoData: b.demoData === true,
  }
  const errors: FieldError[] = []
  if (input.shopName.length < 2 || input.shopName.length > 120) errors.push({ path: 'shopName', message: 'The shop name needs 2 to 120 characters.' })
  const slug = validateSlug(input.slug)
  if (slug !== true) errors.push({ path: 'slug', message: slug })
  if (!input.name || input.name.length > 120) errors.push({ path: 'name', message: 'Your name is required (at most 120 characters).' })
  if (!isEmail(input.email)) errors.push({ path: 'email', message: 'A valid email address is required.' })
  if (input.password.length < 10) errors.push({ path: 'password', message: 'The password needs at least 10 characters.' })
  if (errors.length > 0) throw new AppError('invalid_input', errors.map((e) => e.message).join(' '), { errors })
  return input
}

const SAMPLE_PRODUCTS = [
  { name: 'Sample T-shirt', sku: 'SAMPLE-TSHIRT', price: 45_000, stock: 20 },
  { name: 'Sample Mug', sku: 'SAMPLE-MUG', price: 12_500, stock: 50 },
  { name: 'Sample Tote Bag', sku: 'SAMPLE-TOTE', price: 30_000, stock: 10 },
]

export type SignupOutcome = { status: 'created'; tenant: Tenant; user: User } | { status: 'existing-account'; email: string }

/**
 * Self-signup: a trial tenant (TRIAL_DAYS, default 14; on the SIGNUP_PLAN plan when it exists,
 * default `starter`), its first tenant-admin, default settings and, if asked, sample products —
 * all in one transaction, so a failure (a quota, a crash) leaves nothing. The welcome email goes
 * out after the commit. An email that already has an account creates nothing: its owner is
 * emailed instead, and the caller is told nothing different (no way to learn who has an account).
 */
export async function signUp(payload: Payload, input: SignupInput): Promise<SignupOutcome> {
  const created = await runAsSystem('self-signup', async () => {
    const req = await createLocalReq({}, payload)
    return withTransaction(req, async () => {
      const slug = await checkSlug(payload, input.slug, req)
      if (!slug.available) throw new AppError('duplicate', slug.reason!, { path: 'slug' })
      const taken = await payload.count({ collection: 'users', where: { email: { equals: input.email } }, overrideAccess: true, req })
      // Only reads so far: the transaction commits nothing.
      if (taken.totalDocs > 0) return null
      const planSlug = process.env.SIGNUP_PLAN ?? 'starter'
      const plan = (await payload.find({ collection: 'plans', where: { slug: { equals: planSlug } }, limit: 1, depth: 0, overrideAccess: true, req })).docs[0]
      const tenant = await payload.create({
        collection: 'tenants',
        data: { name: input.shopName, slug: slug.slug, status: 'trial', trialEndsAt: new Date(Date.now() + trialDays() * 86_400_000).toISOString(), ...(plan ? { plan: plan.id } : {}) },
        overrideAccess: true,
        req,
      })
      const user = await payload.create({
        collection: 'users',
        data: { email: input.email, password: input.password, name: input.name, roles: ['user'], tenants: [{ tenant: tenant.id, role: 'tenant-admin' }] },
        overrideAccess: true,
        req,
      })
      if (input.demoData) {
        for (const product of SAMPLE_PRODUCTS) {
          await payload.create({ collection: 'products', data: { ...product, tenant: tenant.id, currency: tenant.currency ?? 'BDT', status: 'active' }, overrideAccess: true, req })
        }
      }
      return { tenant, user }
    })
  })
  const login = `${process.env.SERVER_URL ?? ''}/admin/login`
  // The welcome is the new shop's (its branding is still the default); the other is the platform's: no shop was opened.
  const mail: ShopEmail = created
    ? {
        tenantId: created.tenant.id,
        to: created.user.email,
        subject: `Welcome to e-merkater, ${created.tenant.name} is ready`,
        heading: `${created.tenant.name} is ready`,
        paragraphs: [
          `Hello ${input.name},`,
          `Your shop ${created.tenant.name} (${created.tenant.slug}) is set up, with a ${trialDays()}-day trial that ends on ${created.tenant.trialEndsAt!.slice(0, 10)}.`,
          `Sign in with ${created.user.email} to connect your Facebook page or WhatsApp number, add a courier and invite your team.`,
        ],
        action: { label: 'Sign in', url: login },
      }
    : {
        tenantId: null,
        to: input.email,
        subject: 'You already have an e-merkater account',
        paragraphs: [`Someone (perhaps you) tried to open the shop "${input.shopName}" with this email address, which already has an account. No shop was opened.`],
        action: { label: 'Sign in', url: login },
        after: ["To open another shop with the same account, contact the platform's support.", 'If this was not you, you can ignore this email: nothing was changed.'],
      }
  await sendShopEmail(payload, mail).catch((err: unknown) => payload.logger.error({ err }, `signup email to ${String(mail.to)} failed`))
  return created ? { status: 'created', ...created } : { status: 'existing-account', email: input.email }
}
