import type { DefaultServerCellComponentProps, Payload } from 'payload'
import { cache } from 'react'

import { brandingOptions } from '../../options'
import { CUSTOM_FIELD_DEFINITIONS, type CustomFieldDefinition } from '../types'

const idOf = (v: unknown): null | string => (v && typeof v === 'object' ? idOf((v as { id?: unknown }).id) : typeof v === 'string' ? v || null : null)

// Once per list render and shop (React's per-request cache), not once per row.
const shopFields = cache(async (payload: Payload, tenantId: string, entity: string) => {
  const options = brandingOptions(payload.config)
  // The row is one the viewer's own access listed; its shop's field labels and currency are read in that shop's context.
  return options.tenancy.runWithTenant({ tenantId, via: 'job' }, async () => {
    const { docs } = await payload.find({
      collection: CUSTOM_FIELD_DEFINITIONS,
      where: { and: [{ tenant: { equals: tenantId } }, { entity: { equals: entity } }] },
      sort: 'position',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const tenant = await payload.findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, disableErrors: true, select: { currency: true } })
    return { defs: docs as unknown as CustomFieldDefinition[], currency: tenant?.currency ?? 'BDT' }
  })
})

function shown(def: CustomFieldDefinition | undefined, value: unknown, currency: string, payload: Payload): string {
  if (def?.type === 'money' && typeof value === 'number') return brandingOptions(payload.config).money.format(value, currency)
  if (def?.type === 'checkbox') return value ? 'yes' : 'no'
  if (def?.type === 'select') return def.options?.find((o) => o.value === value)?.label || String(value)
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The list column of `customFields`: `Label: value` pairs, compact, amounts in the row's currency. */
export async function CustomFieldsCell({ cellData, rowData, payload, entity }: DefaultServerCellComponentProps & { entity: string }) {
  const values = cellData && typeof cellData === 'object' && !Array.isArray(cellData) ? (cellData as Record<string, unknown>) : {}
  const tenantId = idOf(rowData?.tenant)
  if (Object.keys(values).length === 0 || !tenantId) return <span>—</span>
  const { defs, currency: shopCurrency } = await shopFields(payload, tenantId, entity)
  const currency = typeof rowData?.currency === 'string' ? rowData.currency : shopCurrency
  const byKey = new Map(defs.map((d) => [d.key, d]))
  const pairs = Object.entries(values).map(([key, value]) => `${byKey.get(key)?.label ?? key}: ${shown(byKey.get(key), value, currency, payload)}`)
  return (
    <span className="custom-fields-cell" title={pairs.join('\n')} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'inline-block', maxWidth: '24rem' }}>
      {pairs.join(' · ')}
    </span>
  )
}
