'use client'

import { Button } from '@payloadcms/ui'
import { useEffect, useId, useState } from 'react'

import type { Customer } from '../../../payload-types'
import { useCourierApi } from './api'
import { formatMoney, parseMajor, query, toMajorInput } from './format'
import { HAS_STORES, providerLabel } from './labels'
import { QuoteLine } from './QuoteLine'
import { districtOf, EMPTY_OVERRIDE, overrideBody, RecipientFields } from './RecipientFields'
import { StorePicker } from './StorePicker'
import type { Refused } from './BatchProgress'

/** GET /api/couriers/bookable: the shop's accounts staff may book with. */
export type BookableAccount = { id: string; label: string; provider: string; isDefault: boolean; storeId: null | string; defaultWeightGrams: number; quotes: boolean }

/** The order as the form knows it. */
export type OrderFacts = { id: string; tenant: null | string; number: null | string; status: string; paymentMethod: string; total: null | number; currency: string; customer: null | string }

export type Booking = { batch: string; accountLabel: string; refused: Refused[] }

const weightOf = (text: string): null | number => (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 30_000 ? Number(text) : null)

/**
 * "Book with…" for one confirmed order: the account (the shop's default first), the parcel's
 * weight (the account's default), the pickup store where the courier has several (Pathao,
 * RedX), the cash to collect (the order's total for cash on delivery), the recipient from the
 * customer (or changed for this parcel), a note, and the price. POST /api/shipments/book; the
 * server's refusal is shown with its field messages beside the fields. `onBooked` gets the batch.
 */
export function BookForm({ order, accounts, onBooked }: { order: OrderFacts; accounts: BookableAccount[]; onBooked: (b: Booking) => void }) {
  const api = useCourierApi()
  const id = useId()
  const currency = order.currency || 'BDT'
  const first = accounts.find((a) => a.isDefault) ?? accounts[0]
  const [accountId, setAccountId] = useState(first?.id ?? '')
  const account = accounts.find((a) => a.id === accountId) ?? first
  const [weight, setWeight] = useState(String(first?.defaultWeightGrams ?? 500))
  const [storeId, setStoreId] = useState(first?.storeId ?? '')
  const [cod, setCod] = useState(toMajorInput(order.paymentMethod === 'cod' ? (order.total ?? 0) : 0, currency))
  const [note, setNote] = useState('')
  const [customer, setCustomer] = useState<Customer | null>(null)
  const [overrideOn, setOverrideOn] = useState(false)
  const [override, setOverride] = useState(EMPTY_OVERRIDE)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<null | string>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (!order.customer) return
    const controller = new AbortController()
    void api<Customer>(`/customers/${order.customer}${query({ depth: 0 })}`, { signal: controller.signal }).then((res) => {
      if (!controller.signal.aborted && res.ok) setCustomer(res.data)
    })
    return () => controller.abort()
  }, [api, order.customer])

  const choose = (next: string) => {
    const a = accounts.find((x) => x.id === next)
    setAccountId(next)
    if (a) {
      setWeight(String(a.defaultWeightGrams))
      setStoreId(a.storeId ?? '')
    }
  }

  if (!account) return null
  const weightGrams = weightOf(weight)
  const codAmount = parseMajor(cod, currency)
  const district = (overrideOn && override.district.trim()) || districtOf(customer) || undefined

  const book = async () => {
    const errors: Record<string, string> = {}
    if (weightGrams === null) errors.weightGrams = 'Weight in grams: a whole number from 1 to 30000.'
    if (codAmount === null) errors.codAmount = 'An amount of zero or more, e.g. 1250.50.'
    setFieldErrors(errors)
    if (Object.keys(errors).length > 0) return
    setBusy(true)
    setError(null)
    const body = {
      account: account.id,
      orders: [order.id],
      weightGrams,
      storeId: HAS_STORES.has(account.provider) && storeId ? storeId : undefined,
      codAmount,
      note: note.trim() || undefined,
      recipient: overrideBody(override, overrideOn),
    }
    const res = await api<{ batch: string; accepted: { order: string; shipment: string }[]; refused: Refused[] }>(`/shipments/book${query({ tenant: order.tenant })}`, { method: 'POST', body })
    setBusy(false)
    if (!res.ok) {
      setError(res.message)
      setFieldErrors(Object.fromEntries(res.errors.map((e) => [e.path, e.message])))
      return
    }
    if (res.data.accepted.length === 0) {
      setError(res.data.refused[0]?.message ?? 'The order was not booked.')
      return
    }
    onBooked({ batch: res.data.batch, accountLabel: account.label, refused: res.data.refused })
  }

  return (
    <div className="courier-book" data-testid="courier-book">
      <div className="courier-field">
        <label htmlFor={`${id}-account`}>Book with</label>
        <select id={`${id}-account`} onChange={(e) => choose(e.target.value)} value={account.id}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label} ({providerLabel(a.provider)})
            </option>
          ))}
        </select>
      </div>
      <div className="courier-row">
        <div className="courier-field">
          <label htmlFor={`${id}-weight`}>Weight (g)</label>
          <input id={`${id}-weight`} inputMode="numeric" onChange={(e) => setWeight(e.target.value)} value={weight} />
          {fieldErrors.weightGrams && <small className="courier-error">{fieldErrors.weightGrams}</small>}
        </div>
        <div className="courier-field">
          <label htmlFor={`${id}-cod`}>Cash to collect</label>
          <input id={`${id}-cod`} inputMode="decimal" onChange={(e) => setCod(e.target.value)} value={cod} />
          {fieldErrors.codAmount ? (
            <small className="courier-error">{fieldErrors.codAmount}</small>
          ) : (
            <small className="courier-hint">{order.paymentMethod === 'cod' ? `Order total ${formatMoney(order.total, currency)}` : 'Prepaid order'}</small>
          )}
        </div>
      </div>
      {HAS_STORES.has(account.provider) && <StorePicker accountId={account.id} error={fieldErrors.storeId} onChange={setStoreId} value={storeId} />}
      <RecipientFields customer={customer} errors={fieldErrors} on={overrideOn} override={override} setOn={setOverrideOn} setOverride={setOverride} />
      <div className="courier-field">
        <label htmlFor={`${id}-note`}>Note for the courier</label>
        <input id={`${id}-note`} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder="Call before delivery" value={note} />
      </div>
      <QuoteLine ask={{ account, order: order.id, weightGrams, district, storeId: HAS_STORES.has(account.provider) ? storeId || undefined : undefined }} />
      {error && (
        <p className="courier-error" data-testid="courier-book-error" role="alert">
          {error}
        </p>
      )}
      <Button buttonStyle="primary" disabled={busy} margin={false} onClick={() => void book()} size="medium">
        {busy ? 'Booking…' : `Book with ${account.label}`}
      </Button>
    </div>
  )
}
