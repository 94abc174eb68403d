'use client'

import { useState } from 'react'

import type { CustomFieldDefinition } from '../types'
import { checkValue, majorToMinor, minorToMajor } from '../values'

type Props = { def: CustomFieldDefinition; value: unknown; currency: string; minorDigits: number; readOnly: boolean; onChange: (value: unknown) => void }

const box = {
  width: '100%',
  padding: 'calc(var(--base) / 3)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s)',
  background: 'var(--theme-input-bg)',
  color: 'var(--theme-text)',
}

/** One custom field's input; what it cannot read (an amount like "12,5x") is shown under it and not sent. */
export function CustomFieldInput({ def, value, currency, minorDigits, readOnly, onChange }: Props) {
  const [typed, setTyped] = useState<null | string>(null)
  const [error, setError] = useState<null | string>(null)
  const id = `custom-field-${def.key}`
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '')
  const shownError =
    error ??
    (() => {
      const checked = checkValue(def, value)
      return checked.ok ? null : checked.error
    })()

  let input
  switch (def.type) {
    case 'checkbox':
      input = <input id={id} type="checkbox" checked={value === true} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} />
      break
    case 'select':
      input = (
        <select id={id} style={box} value={text(value)} disabled={readOnly} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">—</option>
          {(def.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label || o.value}
            </option>
          ))}
        </select>
      )
      break
    case 'number':
      input = (
        <input
          id={id}
          style={box}
          type="text"
          inputMode="decimal"
          readOnly={readOnly}
          value={typed ?? text(value)}
          onChange={(e) => {
            const raw = e.target.value.trim()
            setTyped(e.target.value)
            const n = Number(raw)
            setError(raw === '' || Number.isFinite(n) ? null : 'A number.')
            if (raw === '') onChange(null)
            else if (Number.isFinite(n)) onChange(n)
          }}
          onBlur={() => error === null && setTyped(null)}
        />
      )
      break
    case 'money':
      input = (
        <input
          id={id}
          style={box}
          type="text"
          inputMode="decimal"
          placeholder={minorDigits ? `4458.${'5'.padEnd(minorDigits, '0')}` : '4458'}
          readOnly={readOnly}
          value={typed ?? (typeof value === 'number' ? minorToMajor(value, minorDigits) : '')}
          onChange={(e) => {
            setTyped(e.target.value)
            if (!e.target.value.trim()) {
              setError(null)
              onChange(null)
              return
            }
            const minor = majorToMinor(e.target.value, minorDigits)
            setError(minor.ok ? null : minor.error)
            if (minor.ok) onChange(minor.value)
          }}
          onBlur={() => error === null && setTyped(null)}
        />
      )
      break
    default:
      input = (
        <input
          id={id}
          style={box}
          type={def.type === 'date' ? 'date' : def.type === 'url' ? 'url' : 'text'}
          readOnly={readOnly}
          maxLength={def.type === 'text' ? (def.maxLength ?? undefined) : undefined}
          value={def.type === 'date' ? text(value).slice(0, 10) : text(value)}
          onChange={(e) => onChange(e.target.value || null)}
        />
      )
  }
  return (
    <div className="custom-field" data-key={def.key}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 'calc(var(--base) / 4)' }}>
        {def.label}
        {def.required ? <span style={{ color: 'var(--theme-error-500)' }}> *</span> : null}
        {def.type === 'money' ? <span style={{ opacity: 0.7 }}> ({currency})</span> : null}
      </label>
      {input}
      {shownError ? (
        <div role="alert" style={{ color: 'var(--theme-error-500)', fontSize: '0.85em' }}>
          {shownError}
        </div>
      ) : def.description ? (
        <div style={{ opacity: 0.7, fontSize: '0.85em' }}>{def.description}</div>
      ) : null}
    </div>
  )
}
