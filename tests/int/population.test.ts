import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Tenant, User } from '../../payload-types'
import { api, graphql, login } from './helpers/api'
import { asSystem, createProduct, createStaff, createTenant, PASSWORD } from './helpers/factories'
import { freshPayload } from './helpers/payload'

/**
 * Population through relationships (REST `depth`, GraphQL nested fields, Local API depth) must
 * not carry another tenant's data into a response — e.g. through a user who belongs to two
 * tenants and is assigned a lead in one of them.
 */
describe('relationship population stays inside the caller’s tenant', () => {
  let payload: Payload
  let shopA: Tenant
  let shopB: Tenant
  let staffB: User
  let tokenB: string
  let leadId: string
  let orderId: string

  beforeAll(async () => {
    payload = await freshPayload()
    shopA = await createTenant(payload, { name: 'Alpha Secret Shop', domains: [{ domain: 'alpha-secret.test' }] })
    shopB = await createTenant(payload, { name: 'Beta Shop' })
    await createProduct(payload, shopA, { name: 'Alpha hidden product' })
    const shared = await createStaff(payload, [shopA, shopB], 'support-agent')
    staffB = await createStaff(payload, shopB, 'tenant-admin')
    tokenB = await login(staffB.email, PASSWORD)
    const lead = await asSystem(() =>
      payload.create({
        collection: 'leads',
        data: { tenant: shopB.id, name: 'Lead', phone: '+8801911111111', source: 'manual', status: 'new', assignedTo: shared.id },
        overrideAccess: true,
      }),
    )
    leadId = lead.id
    const product = await createProduct(payload, shopB, { name: 'Beta product' })
    const customer = await asSystem(() => payload.create({ collection: 'customers', data: { tenant: shopB.id, name: 'Buyer', phone: '+8801922222222' }, overrideAccess: true }))
    const order = await asSystem(() =>
      payload.create({
        collection: 'orders',
        data: { tenant: shopB.id, customer: customer.id, items: [{ product: product.id, quantity: 1 }], paymentMethod: 'cod', source: 'manual', status: 'pending' },
        overrideAccess: true,
      }),
    )
    orderId = order.id
  })

  const leaksNothingOfA = (body: unknown) => {
    const text = JSON.stringify(body)
    expect(text).not.toContain('Alpha Secret Shop')
    expect(text).not.toContain(shopA.slug)
    expect(text).not.toContain('alpha-secret.test')
    expect(text).not.toContain('Alpha hidden product')
  }

  it('REST depth through a shared user does not reveal the other tenant', async () => {
    const res = await api('GET', `/leads/${leadId}?depth=3`, { token: tokenB })
    expect(res.status).toBe(200)
    expect(res.body.assignedTo.email).toBeTruthy()
    leaksNothingOfA(res.body)
    leaksNothingOfA((await api('GET', '/leads?depth=3', { token: tokenB })).body)
    leaksNothingOfA((await api('GET', `/orders/${orderId}?depth=3`, { token: tokenB })).body)
  })

  it('GraphQL nested population does not reveal the other tenant', async () => {
    const res = await graphql(
      `
        {
          Leads {
            docs {
              name
              assignedTo {
                email
                tenants {
                  role
                  tenant {
                    id
                    name
                    slug
                    domains {
                      domain
                    }
                  }
                }
              }
            }
          }
          Orders {
            docs {
              number
              customer {
                name
              }
              items {
                product {
                  name
                }
              }
              tenant {
                name
              }
            }
          }
        }
      `,
      { token: tokenB },
    )
    expect(res.body.data?.Leads.docs).toHaveLength(1)
    expect(res.body.data?.Orders.docs[0].items[0].product.name).toBe('Beta product')
    leaksNothingOfA(res.body)
  })

  it('Local API depth as the user does not reveal the other tenant', async () => {
    const lead = await payload.findByID({ collection: 'leads', id: leadId, depth: 3, overrideAccess: false, user: staffB })
    leaksNothingOfA(lead)
  })
})
