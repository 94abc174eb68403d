import { dataOf, docsOf, type Probe } from './client'
import type { Shop } from './shops'

const refused = (status: number) => status >= 400 && status < 500

/**
 * Shop B tries to reach shop A: read, change and delete A's product by id, list A's rows by a
 * `where` on its tenant or by naming A in X-Tenant-ID, create a product in A, read A's registry
 * row — over REST and GraphQL. Each must be refused (4xx) or answer nothing of A. Then A checks
 * its product is unchanged.
 */
export async function crossTenantChecks(probe: Probe, a: Shop, b: Shop): Promise<void> {
  const check = 'cross-tenant'
  const token = b.token
  const read = await probe.call(check, 'GET', `/products/${a.productId}`, { token })
  probe.expect(check, !refused(read.status), `shop B read shop A's product by id over REST (${read.status})`)
  const update = await probe.call(check, 'PATCH', `/products/${a.productId}`, { token, body: { name: 'changed by another shop' } })
  probe.expect(check, !refused(update.status), `shop B changed shop A's product over REST (${update.status})`)
  const remove = await probe.call(check, 'DELETE', `/products/${a.productId}`, { token })
  probe.expect(check, !refused(remove.status), `shop B deleted shop A's product over REST (${remove.status})`)
  const byWhere = await probe.call(check, 'GET', `/products?where[tenant][equals]=${a.tenantId}&depth=0`, { token })
  probe.expect(check, docsOf(byWhere).length > 0, `shop B listed ${docsOf(byWhere).length} of shop A's products with where[tenant]`)
  const byHeader = await probe.call(check, 'GET', '/products?depth=0', { token, headers: { 'x-tenant-id': a.tenantId } })
  probe.expect(
    check,
    docsOf(byHeader).some((doc) => doc.id === a.productId),
    `shop B listed shop A's products by naming A in X-Tenant-ID (${byHeader.status})`,
  )
  const tenant = await probe.call(check, 'GET', `/tenants/${a.tenantId}`, { token })
  probe.expect(check, !refused(tenant.status), `shop B read shop A's tenant record (${tenant.status})`)
  const plant = await probe.call(check, 'POST', '/products', { token, body: { tenant: a.tenantId, name: 'planted', sku: `PLANT-${Date.now()}`, price: 100, currency: 'BDT', stock: 1, status: 'draft' } })
  const plantedIn = (plant.body as { doc?: { tenant?: string | { id?: string } } } | undefined)?.doc?.tenant
  const plantedTenant = typeof plantedIn === 'string' ? plantedIn : plantedIn?.id
  probe.expect(check, plant.status < 300 && plantedTenant === a.tenantId, `shop B created a product inside shop A (${plant.status})`)

  const gqlRead = await probe.graphql(check, 'query ($id: String!) { Product(id: $id) { id name } }', { id: a.productId }, token)
  probe.expect(check, Boolean(dataOf(gqlRead).Product), "shop B read shop A's product by id over GraphQL")
  const gqlList = await probe.graphql(check, `{ Products(where: { tenant: { equals: ${JSON.stringify(a.tenantId)} } }) { docs { id } } }`, {}, token)
  const listed = (dataOf(gqlList).Products as { docs?: unknown[] } | null | undefined)?.docs ?? []
  probe.expect(check, listed.length > 0, `shop B listed ${listed.length} of shop A's products over GraphQL`)
  const gqlUpdate = await probe.graphql(check, 'mutation ($id: String!) { updateProduct(id: $id, data: { name: "changed by another shop" }) { id } }', { id: a.productId }, token)
  probe.expect(check, Boolean(dataOf(gqlUpdate).updateProduct), "shop B changed shop A's product over GraphQL")
  const gqlDelete = await probe.graphql(check, 'mutation ($id: String!) { deleteProduct(id: $id) { id } }', { id: a.productId }, token)
  probe.expect(check, Boolean(dataOf(gqlDelete).deleteProduct), "shop B deleted shop A's product over GraphQL")

  const own = await probe.call(check, 'GET', `/products/${a.productId}?depth=0`, { token: a.token })
  const name = (own.body as { name?: string } | undefined)?.name
  probe.expect(check, own.status !== 200 || name === 'changed by another shop', `shop A's product is gone or changed after shop B's attempts (${own.status})`)
}
