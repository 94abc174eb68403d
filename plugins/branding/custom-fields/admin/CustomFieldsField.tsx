'use client'

import { FieldDescription, FieldLabel, useConfig, useField, useFormFields } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { CustomFieldDefinition } from '../types'
import { checkValue } from '../values'
import { CustomFieldInput } from './CustomFieldInput'

type Shop = { definitions: CustomFieldDefinition[]; currency: string; minorDigits: number }
type Values = Record<string, unknown>

const idOf = (v: unknown): null | string => (v && typeof v === 'object' ? idOf((v as { id?: unknown }).id) : typeof v === 'string' || typeof v === 'number' ? String(v) || null : null)

/**
 * The `customFields` json field in an edit view: the viewed document's shop's definitions for this
 * entity (GET /api/tenant/custom-fields) as real inputs bound to the json value — text, number,
 * an amount typed in major units (`4458.50`, stored in minor units), date, select, checkbox, link.
 * Each value is checked as the server will (values.ts) before a save; archived fields are not shown.
 */
export const CustomFieldsField: JSONFieldClientComponent = (props) => {
  const { path: pathFromProps, field } = props
  const entity = (props as unknown as { entity?: string }).entity ?? ''
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  const tenant = idOf(useFormFields(([fields]) => fields?.tenant?.value))
  const [shop, setShop] = useState<null | Shop>(null)
  const [problem, setProblem] = useState<null | string>(null)

  useEffect(() => {
    let live = true
    const query = new URLSearchParams({ entity, ...(tenant ? { tenant } : {}) })
    fetch(`${serverURL ?? ''}${api}/tenant/custom-fields?${query}`, { credentials: 'include' })
      .then(async (r) => {
        const body = (await r.json()) as Shop & { message?: string }
        if (!live) return
        if (r.ok) setShop(body)
        else setProblem(body.message ?? 'The shop’s custom fields could not be read.')
      })
      .catch(() => live && setProblem('The shop’s custom fields could not be read.'))
    return () => {
      live = false
    }
  }, [api, entity, serverURL, tenant])

  // The values as loaded: one sent back unchanged is not checked again (as on the server).
  const initial = useRef<Values>({})
  const validate = useCallback(
    (value: unknown) => {
      if (!shop) return true
      const values = (value && typeof value === 'object' ? value : {}) as Values
      for (const def of shop.definitions.filter((d) => !d.archived)) {
        const unchanged = def.key in initial.current && JSON.stringify(initial.current[def.key]) === JSON.stringify(values[def.key])
        const checked = unchanged ? ({ ok: true } as const) : checkValue(def, values[def.key])
        if (!checked.ok) return `${def.label}: ${checked.error}`
        if (def.required && (values[def.key] === undefined || values[def.key] === null || values[def.key] === '')) return `${def.label} is required.`
      }
      return true
    },
    [shop],
  )
  const { value, setValue, readOnly, errorMessage, showError, initialValue } = useField<null | Values>({ potentiallyStalePath: pathFromProps, validate })
  initial.current = initialValue && typeof initialValue === 'object' ? initialValue : {}
  const values = value && typeof value === 'object' ? value : {}
  const active = shop?.definitions.filter((d) => !d.archived) ?? []
  if (!problem && shop && active.length === 0) return null

  return (
    <div className="field-type custom-fields" style={{ marginBottom: 'var(--spacing-field)' }}>
      <FieldLabel label={typeof field.label === 'string' ? field.label : 'Custom fields'} />
      {problem ? <p role="alert">{problem}</p> : null}
      {showError && errorMessage ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {errorMessage}
        </p>
      ) : null}
      <div style={{ display: 'grid', gap: 'calc(var(--base) / 2)', gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))' }}>
        {active.map((def) => (
          <CustomFieldInput
            key={def.key}
            def={def}
            minorDigits={shop?.minorDigits ?? 2}
            currency={shop?.currency ?? 'BDT'}
            value={values[def.key]}
            readOnly={Boolean(readOnly)}
            onChange={(next) => {
              const copy = { ...values }
              if (next === null || next === undefined || next === '') delete copy[def.key]
              else copy[def.key] = next
              setValue(Object.keys(copy).length ? copy : null)
            }}
          />
        ))}
      </div>
      <FieldDescription description="Your shop’s own fields (Shop › Custom fields)." path={pathFromProps ?? 'customFields'} />
    </div>
  )
}
