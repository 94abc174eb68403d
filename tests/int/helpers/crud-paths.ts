import type { CollectionSlug, Payload } from 'payload'

import type { TenantCollection } from '../../../access/permissions'
import type { User } from '../../../payload-types'
import { api, graphql } from './api'
import { GQL } from './graphql-names'
import { PNG } from './samples'

export type Path = 'local' | 'rest' | 'graphql'
export type Caller = { user: User | null; token?: string }

/** The same six operations over one path, as one caller. Reads answer ids (or [] when refused). */
export type Crud = {
  list: (c: TenantCollection) => Promise<string[]>
  read: (c: TenantCollection, id: string) => Promise<string | null>
  count: (c: TenantCollection, id: string) => Promise<number>
  create: (c: TenantCollection, data: Record<string, unknown>) => Promise<void>
  update: (c: TenantCollection, id: string, patch: Record<string, unknown>) => Promise<void>
  remove: (c: TenantCollection, id: string) => Promise<void>
}

const slug = (c: TenantCollection) => c as CollectionSlug
const quiet = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return await work()
  } catch {
    return fallback
  }
}

function local(payload: Payload, { user }: Caller): Crud {
  const as = { overrideAccess: false, user, depth: 0 } as const
  return {
    list: (c) => quiet(async () => (await payload.find({ collection: slug(c), limit: 500, ...as })).docs.map((d) => String(d.id)), []),
    read: (c, id) => quiet(async () => String((await payload.findByID({ collection: slug(c), id, ...as })).id), null),
    count: (c, id) => quiet(async () => (await payload.count({ collection: slug(c), where: { id: { equals: id } }, ...as })).totalDocs, 0),
    create: (c, data) =>
      quiet(async () => {
        const file = c === 'media' ? { file: { data: PNG, mimetype: 'image/png', name: `l${Date.now()}.png`, size: PNG.length } } : {}
        await payload.create({ collection: slug(c), data: data as never, ...as, ...file })
      }, undefined),
    update: (c, id, patch) => quiet(async () => void (await payload.update({ collection: slug(c), id, data: patch, ...as })), undefined),
    remove: (c, id) => quiet(async () => void (await payload.delete({ collection: slug(c), id, ...as })), undefined),
  }
}

function rest({ token }: Caller): Crud {
  const ok = (status: number) => status >= 200 && status < 300
  return {
    list: async (c) => {
      const res = await api('GET', `/${c}?limit=500&depth=0`, { token })
      return ok(res.status) ? res.body.docs.map((d: { id: string }) => d.id) : []
    },
    read: async (c, id) => {
      const res = await api('GET', `/${c}/${id}?depth=0`, { token })
      return ok(res.status) ? res.body.id : null
    },
    count: async (c, id) => {
      const res = await api('GET', `/${c}/count?where[id][equals]=${id}`, { token })
      return ok(res.status) ? res.body.totalDocs : 0
    },
    create: async (c, data) => {
      if (c !== 'media') return void (await api('POST', `/${c}`, { token, body: data }))
      const form = new FormData()
      form.append('file', new Blob([PNG], { type: 'image/png' }), `r${Date.now()}.png`)
      form.append('_payload', JSON.stringify(data))
      await api('POST', `/${c}`, { token, body: form })
    },
    update: async (c, id, patch) => void (await api('PATCH', `/${c}/${id}`, { token, body: patch })),
    remove: async (c, id) => void (await api('DELETE', `/${c}/${id}`, { token })),
  }
}

/** GraphQL enum names replace '-' with '_' (select values like 'catalog-read', 'reply-text'). */
const ENUM_FIELDS = ['scopes', 'action', 'trigger', 'kind', 'exportRoles']
const asGraphqlEnum = (v: unknown) => (typeof v === 'string' ? v.replace(/-/g, '_') : v)
const asGraphqlEnums = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, ENUM_FIELDS.includes(k) ? (Array.isArray(v) ? v.map(asGraphqlEnum) : asGraphqlEnum(v)) : v]))

function gql({ token }: Caller): Crud {
  const run = (query: string, variables?: object) => graphql(query, { token, variables })
  return {
    list: async (c) => ((await run(`{ ${GQL[c].many}(limit: 500) { docs { id } } }`)).body.data?.[GQL[c].many]?.docs ?? []).map((d: { id: string }) => d.id),
    read: async (c, id) => (await run(`query($id: String!) { ${GQL[c].one}(id: $id) { id } }`, { id })).body.data?.[GQL[c].one]?.id ?? null,
    count: async (c, id) => (await run(`{ count${GQL[c].many}(where: { id: { equals: ${JSON.stringify(id)} } }) { totalDocs } }`)).body.data?.[`count${GQL[c].many}`]?.totalDocs ?? 0,
    create: async (c, data) => void (await run(`mutation($data: mutation${GQL[c].one}Input!) { create${GQL[c].one}(data: $data) { id } }`, { data: asGraphqlEnums(data) })),
    update: async (c, id, patch) => void (await run(`mutation($id: String!, $data: mutation${GQL[c].one}UpdateInput!) { update${GQL[c].one}(id: $id, data: $data) { id } }`, { id, data: patch })),
    remove: async (c, id) => void (await run(`mutation($id: String!) { delete${GQL[c].one}(id: $id) { id } }`, { id })),
  }
}

export const crud = (payload: Payload, path: Path, caller: Caller): Crud => (path === 'local' ? local(payload, caller) : path === 'rest' ? rest(caller) : gql(caller))
