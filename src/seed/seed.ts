import type { Payload, PayloadRequest } from 'payload'
import { createLocalReq } from 'payload'

import { withTransaction } from '../db/transaction'
import { runAsSystem } from '../tenancy/request-context'
import { TENANT_ROLES } from '../tenancy/roles'
import { DEMO_TENANTS, demoPasswords, staffEmail, SUPER_ADMIN_EMAIL } from './demo-data'
import { ONBOARDING_STEPS } from '../onboarding/steps'
import { DEMO_PLAN_OF } from './demo-extras'
import { seedAiSettings } from './seed-ai'
import { seedBranding } from './seed-branding'
import { seedCustomField } from './seed-custom-fields'
import { seedOrderHistory } from './seed-history'
import { seedInbox } from './seed-inbox'
import { seedShipments } from './seed-shipments'
import { seedPlans, seedTenantExtras } from './seed-extras'
import { seedUsageHistory } from './seed-usage'

export type SeedResult = {
  created: { tenants: number; users: number; products: number; other: number }
  logins: { email: string; password: string; role: string }[]
  apiKeys: { tenant: string; key: string }[]
}

/** True when no tenant and no user exists yet (a fresh database). */
export async function isDatabaseEmpty(payload: Payload): Promise<boolean> {
  const [tenants, users] = await runAsSystem('demo seed', () => Promise.all([payload.count({ collection: 'tenants', overrideAccess: true }), payload.count({ collection: 'users', overrideAccess: true })]))
  return tenants.totalDocs === 0 && users.totalDocs === 0
}

/**
 * Demo data: a super-admin, three tenants (two active, one suspended), one staff user per role
 * per tenant and a few products each. Idempotent (existing rows are kept) and all-or-nothing
 * (one transaction). This is system work: it runs with overrideAccess and bypasses row-level
 * security (runAsSystem).
 */
export function seed(payload: Payload): Promise<SeedResult> {
  return runAsSystem('demo seed', () => seedAll(payload))
}

async function seedAll(payload: Payload): Promise<SeedResult> {
  const req = await createLocalReq({}, payload)
  return withTransaction(req, () => seedInTransaction(payload, req))
}

async function seedInTransaction(payload: Payload, req: PayloadRequest): Promise<SeedResult> {
  const passwords = demoPasswords()
  const created = { tenants: 0, users: 0, products: 0, other: 0 }
  const logins: SeedResult['logins'] = []
  const apiKeys: SeedResult['apiKeys'] = []
  const system = { overrideAccess: true, req } as const
  const plans = await seedPlans({ payload, req })

  const findOne = async <T extends 'products' | 'tenants' | 'users'>(collection: T, where: Parameters<Payload['find']>[0]['where']) =>
    (await payload.find({ collection, where, limit: 1, depth: 0, ...system })).docs[0]

  if (!(await findOne('users', { email: { equals: SUPER_ADMIN_EMAIL } }))) {
    await payload.create({
      collection: 'users',
      data: { email: SUPER_ADMIN_EMAIL, password: passwords.superAdmin, name: 'Platform Admin', roles: ['super-admin'] },
      ...system,
    })
    created.users++
  }
  logins.push({ email: SUPER_ADMIN_EMAIL, password: passwords.superAdmin, role: 'super-admin' })

  for (const [index, demo] of DEMO_TENANTS.entries()) {
    let tenant = await findOne('tenants', { slug: { equals: demo.slug } })
    if (!tenant) {
      tenant = await payload.create({
        collection: 'tenants',
        data: {
          slug: demo.slug,
          name: demo.name,
          displayName: demo.displayName,
          status: demo.status,
          domains: demo.domains.map((d) => ({ domain: d.domain })),
          plan: plans.get(DEMO_PLAN_OF[demo.slug] ?? 'starter'),
          ...('branding' in demo ? { branding: demo.branding } : {}),
          // The demo shops are set up already: no onboarding wizard for them.
          onboarding: { steps: Object.fromEntries(ONBOARDING_STEPS.map((step) => [step, 'done'])), completedAt: new Date().toISOString() },
        },
        ...system,
      })
      created.tenants++
    }

    for (const role of TENANT_ROLES) {
      const email = staffEmail(role, demo.slug)
      if (!(await findOne('users', { email: { equals: email } }))) {
        await payload.create({
          collection: 'users',
          data: {
            email,
            password: passwords.staff,
            name: `${demo.name} ${role.replace(/-/g, ' ')}`,
            roles: ['user'],
            tenants: [{ tenant: tenant.id, role }],
          },
          ...system,
        })
        created.users++
      }
      logins.push({ email, password: passwords.staff, role: `${role} · ${demo.slug}${demo.status === 'suspended' ? ' (suspended)' : ''}` })
    }

    for (const product of demo.products) {
      const existing = await findOne('products', { and: [{ tenant: { equals: tenant.id } }, { sku: { equals: product.sku } }] })
      if (!existing) {
        await payload.create({
          collection: 'products',
          data: { ...product, currency: 'BDT', tenant: tenant.id },
          ...system,
        })
        created.products++
      }
    }

    const extras = await seedTenantExtras({ payload, req }, tenant, index + 1)
    created.other += extras.created
    created.other += await seedUsageHistory({ payload, req }, tenant, index + 1)
    created.other += await seedInbox({ payload, req }, tenant, index + 1)
    created.other += await seedAiSettings({ payload, req }, tenant)
    created.other += await seedShipments({ payload, req }, tenant, index + 1)
    created.other += await seedBranding({ payload, req }, tenant, demo)
    created.other += await seedCustomField({ payload, req }, tenant, 'customField' in demo ? demo.customField : undefined)
    created.other += await seedOrderHistory({ payload, req }, tenant, index + 1)
    if (extras.apiKey) apiKeys.push({ tenant: demo.slug, key: extras.apiKey })
  }
  return { created, logins, apiKeys }
}

/** The one time demo passwords are shown: right after seeding, on the console. */
export function printLogins(result: SeedResult, log: (line: string) => void = console.log): void {
  const { tenants, users, products, other } = result.created
  log(`Seeded ${tenants} tenants, ${users} users, ${products} products, ${other} other records. Demo logins (dev only):`)
  for (const login of result.logins) log(`  ${login.email.padEnd(44)} ${login.password.padEnd(18)} ${login.role}`)
  for (const { tenant, key } of result.apiKeys) log(`  storefront API key for ${tenant} (shown once): ${key}`)
}
