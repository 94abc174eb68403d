'use client'

import { useConfig, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import { currencyCode } from './currency-info'

/**
 * The currency a money field is in: the document's own `currency` field (orders, products,
 * plans, shipments, payouts), else its tenant's (tenants.currency, asked once per tenant per
 * page load), else BDT.
 */

const tenantCurrencies = new Map<string, Promise<null | string>>()

const idOf = (value: unknown): null | string => (value && typeof value === 'object' && 'id' in value ? idOf(value.id) : typeof value === 'string' || typeof value === 'number' ? String(value) || null : null)

const ownCurrencyOf = (value: unknown): null | string => (typeof value === 'string' && value.trim() ? currencyCode(value) : null)

/** A populated tenant's currency, or the one read over REST (as the signed-in user); null when neither says. */
function useTenantCurrency(tenant: unknown, skip: boolean): null | string {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const populated = tenant && typeof tenant === 'object' ? ownCurrencyOf((tenant as { currency?: unknown }).currency) : null
  const id = skip || populated ? null : idOf(tenant)
  const [fetched, setFetched] = useState<{ id: string; currency: null | string } | null>(null)
  useEffect(() => {
    if (!id) return
    let live = true
    let asked = tenantCurrencies.get(id)
    if (!asked) {
      asked = fetch(`${serverURL ?? ''}${api}/tenants/${encodeURIComponent(id)}?depth=0&select[currency]=true`, { credentials: 'include' })
        .then(async (r) => (r.ok ? ownCurrencyOf(((await r.json()) as { currency?: unknown }).currency) : null))
        .catch(() => null)
      tenantCurrencies.set(id, asked)
    }
    void asked.then((currency) => live && setFetched({ id, currency }))
    return () => {
      live = false
    }
  }, [api, id, serverURL])
  return populated ?? (fetched && fetched.id === id ? fetched.currency : null)
}

/** In an edit form: the document's currency (its `currency` field, else its tenant's, else BDT). */
export function useFormCurrency(): string {
  const own = ownCurrencyOf(useFormFields(([fields]) => fields?.currency?.value))
  const tenant = useTenantCurrency(
    useFormFields(([fields]) => fields?.tenant?.value),
    Boolean(own),
  )
  return own ?? tenant ?? 'BDT'
}

/** In a list: the row's currency (its `currency`, else its tenant's, else BDT). */
export function useRowCurrency(row: Record<string, unknown> | undefined): string {
  const own = ownCurrencyOf(row?.currency)
  const tenant = useTenantCurrency(row?.tenant, Boolean(own))
  return own ?? tenant ?? 'BDT'
}
