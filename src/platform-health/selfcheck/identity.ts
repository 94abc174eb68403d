import { dataOf, type Probe } from './client'
import type { Shop } from './shops'

const refused = (status: number) => status >= 400 && status < 500

type Me = { id?: string; email?: string; roles?: string[]; tenants?: { tenant?: string | { id?: string } }[] }

const meOf = async (probe: Probe, token: string): Promise<Me | undefined> => ((await probe.call('account-takeover', 'GET', '/users/me?depth=0', { token })).body as { user?: Me } | undefined)?.user

/**
 * Account takeover on /api/users: shop B (and a stranger with no session) tries to read, change
 * the email or password of, or delete shop A's admin; B tries to make itself super-admin and to
 * add itself to shop A; over REST and GraphQL. Afterwards A must still sign in with its own
 * password and email, and B must hold neither the platform role nor a membership of A.
 */
export async function accountTakeoverChecks(probe: Probe, a: Shop, b: Shop): Promise<void> {
  const check = 'account-takeover'
  const target = `/users/${a.userId}`
  for (const [who, token] of [
    ['shop B', b.token],
    ['a stranger', undefined],
  ] as const) {
    const read = await probe.call(check, 'GET', target, { token })
    probe.expect(check, !refused(read.status), `${who} read shop A's admin account (${read.status})`)
    const email = await probe.call(check, 'PATCH', target, { token, body: { email: `taken-${Date.now()}@example.test` } })
    probe.expect(check, !refused(email.status), `${who} changed shop A's admin email (${email.status})`)
    const password = await probe.call(check, 'PATCH', target, { token, body: { password: 'taken-over-1234' } })
    probe.expect(check, !refused(password.status), `${who} changed shop A's admin password (${password.status})`)
    const remove = await probe.call(check, 'DELETE', target, { token })
    probe.expect(check, !refused(remove.status), `${who} deleted shop A's admin account (${remove.status})`)
  }
  const gql = await probe.graphql(check, 'mutation ($id: String!) { updateUser(id: $id, data: { password: "taken-over-1234" }) { id } }', { id: a.userId }, b.token)
  probe.expect(check, Boolean(dataOf(gql).updateUser), "shop B changed shop A's admin password over GraphQL")

  await probe.call(check, 'PATCH', `/users/${b.userId}`, { token: b.token, body: { roles: ['super-admin'] } })
  await probe.call(check, 'PATCH', `/users/${b.userId}`, {
    token: b.token,
    body: {
      tenants: [
        { tenant: b.tenantId, role: 'tenant-admin' },
        { tenant: a.tenantId, role: 'tenant-admin' },
      ],
    },
  })
  const user = await meOf(probe, b.token)
  probe.expect(check, Boolean(user?.roles?.includes('super-admin')), 'shop B made itself super-admin')
  const memberOf = (user?.tenants ?? []).map((m) => (typeof m.tenant === 'string' ? m.tenant : m.tenant?.id))
  probe.expect(check, memberOf.includes(a.tenantId), 'shop B added itself to shop A')

  const login = await probe.call(check, 'POST', '/users/login', { body: { email: a.email, password: a.password } })
  probe.expect(check, login.status !== 200, `shop A's admin can no longer sign in with its own email and password (${login.status})`)
}
