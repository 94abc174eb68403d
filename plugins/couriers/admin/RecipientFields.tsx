'use client'

import { useId } from 'react'

import type { Customer } from '../../../payload-types'

/** What a booking may say about the recipient instead of the customer's record (POST /api/shipments/book `recipient`). */
export type RecipientOverride = { name: string; phone: string; address: string; district: string }
export const EMPTY_OVERRIDE: RecipientOverride = { name: '', phone: '', address: '', district: '' }

/** The customer's first address in one line, as the booking sends it. */
export const addressLine = (c: Customer | null) => {
  const a = c?.addresses?.[0]
  return a ? [a.line1, a.line2, a.city].filter(Boolean).join(', ') : ''
}
export const districtOf = (c: Customer | null) => c?.addresses?.[0]?.district ?? c?.addresses?.[0]?.city ?? ''

/** The override's non-empty fields (what the request sends), or undefined when nothing was changed. */
export function overrideBody(o: RecipientOverride, on: boolean): Partial<RecipientOverride> | undefined {
  if (!on) return undefined
  const body = Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  )
  return Object.keys(body).length > 0 ? body : undefined
}

/**
 * Who the parcel goes to: the customer's name, phone and first address; "Change recipient"
 * opens fields that replace any of them for this parcel only (the customer is not changed).
 */
export function RecipientFields({
  customer,
  override,
  on,
  setOn,
  setOverride,
  errors,
}: {
  customer: Customer | null
  override: RecipientOverride
  on: boolean
  setOn: (on: boolean) => void
  setOverride: (o: RecipientOverride) => void
  errors: Record<string, string>
}) {
  const id = useId()
  const field = (key: keyof RecipientOverride, label: string, placeholder: string) => (
    <div className="courier-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} onChange={(e) => setOverride({ ...override, [key]: e.target.value })} placeholder={placeholder} value={override[key]} />
      {errors[`recipient.${key}`] && <small className="courier-error">{errors[`recipient.${key}`]}</small>}
    </div>
  )
  const line = addressLine(customer)
  return (
    <div className="courier-recipient">
      <div className="courier-recipient__head">
        <span className="courier-label">Recipient</span>
        <button className="courier-link" onClick={() => setOn(!on)} type="button">
          {on ? 'Use the customer’s details' : 'Change recipient'}
        </button>
      </div>
      {customer ? (
        <p className="courier-recipient__who" data-testid="courier-recipient">
          {customer.name} · {customer.phone}
          <br />
          {line || <em>No address on the customer</em>}
          {districtOf(customer) ? ` (${districtOf(customer)})` : ''}
        </p>
      ) : (
        <p className="courier-note">Loading the customer…</p>
      )}
      {(errors['recipient.phone'] || errors['recipient.address'] || errors['recipient.name']) && !on && (
        <p className="courier-error">{[errors['recipient.name'], errors['recipient.phone'], errors['recipient.address']].filter(Boolean).join(' ')}</p>
      )}
      {on && (
        <div className="courier-recipient__fields">
          {field('name', 'Name', customer?.name ?? '')}
          {field('phone', 'Phone', '01XXXXXXXXX')}
          {field('address', 'Address', line || 'House, road, area, city')}
          {field('district', 'District', districtOf(customer) || 'Dhaka')}
        </div>
      )}
    </div>
  )
}
