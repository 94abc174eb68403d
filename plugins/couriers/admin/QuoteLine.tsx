'use client'

import { useEffect, useState } from 'react'

import { useCourierApi } from './api'
import { formatMoney, query } from './format'
import { providerLabel } from './labels'

/** GET /api/couriers/:id/quote. */
export type Quote = { source: 'api' | 'rate-card'; currency: string; codAmount: number; weightGrams: number; deliveryFee: number; codFee: number; total: number }

export type QuoteAsk = { account: { id: string; provider: string; quotes: boolean }; order: string; weightGrams: null | number; district?: string; storeId?: string; areaId?: number }

/**
 * The price of the parcel with the chosen account, asked again (after a short pause) when the
 * account, weight, district or store changes: the courier's own price API, else the shop's rate
 * card, and which of the two it came from. Refusals (no rate-card row, the courier down) in words.
 */
export function QuoteLine({ ask }: { ask: QuoteAsk }) {
  const api = useCourierApi()
  const [quote, setQuote] = useState<Quote | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [loading, setLoading] = useState(false)
  const { account, order, weightGrams, district, storeId, areaId } = ask
  const path = `/couriers/${account.id}/quote${query({ order, weightGrams: weightGrams ?? undefined, district, storeId, areaId })}`
  const asks = account.quotes && weightGrams !== null

  useEffect(() => {
    if (!asks) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setLoading(true)
      void api<Quote>(path, { signal: controller.signal }).then((res) => {
        if (controller.signal.aborted) return
        setLoading(false)
        if (res.ok) {
          setQuote(res.data)
          setError(null)
        } else {
          setQuote(null)
          setError(res.message)
        }
      })
    }, 350)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [api, path, asks])

  if (!account.quotes) return <p className="courier-note">{providerLabel(account.provider)} has no price API: add a rate card to the account to see the price here.</p>
  if (weightGrams === null) return <p className="courier-note">Enter the weight to see the price.</p>
  if (error)
    return (
      <p className="courier-note courier-note--warning" data-testid="courier-quote">
        No price: {error}
      </p>
    )
  if (!quote) return <p className="courier-note">{loading ? 'Asking for the price…' : ' '}</p>
  const from = quote.source === 'api' ? `${providerLabel(account.provider)}’s price` : 'your rate card'
  return (
    <p className="courier-quote" data-source={quote.source} data-testid="courier-quote">
      Delivery {formatMoney(quote.deliveryFee, quote.currency)}
      {quote.codFee ? ` + COD fee ${formatMoney(quote.codFee, quote.currency)}` : ''} = <strong>{formatMoney(quote.total, quote.currency)}</strong> <small>(from {from})</small>
    </p>
  )
}
