'use client'

import { useEffect, useId, useState } from 'react'

import { useApi, type MessageTemplate } from './api'
import { query } from './rest'
import { fillPlaceholders, placeholders } from './format'

export type TemplateChoice = { template: MessageTemplate; values: Record<number, string> }

/** The `{ name, language, parameters }` Meta needs, or the placeholder still empty. */
export function templatePayload(choice: TemplateChoice): { missing: number } | { name: string; language: string; parameters: string[] } {
  const numbers = placeholders(choice.template.bodyText)
  const missing = numbers.find((n) => !choice.values[n]?.trim())
  if (missing !== undefined) return { missing }
  return { name: choice.template.name, language: choice.template.language, parameters: numbers.map((n) => choice.values[n].trim()) }
}

/**
 * A WhatsApp number's approved templates (GET /api/message-templates) and one input per `{{n}}`
 * of the chosen one's body, with a preview of the text the customer will get.
 */
export function TemplateFields({ numberId, onChange, value }: { numberId: null | string; onChange: (choice: null | TemplateChoice) => void; value: null | TemplateChoice }) {
  const api = useApi()
  const id = useId()
  const [templates, setTemplates] = useState<MessageTemplate[] | null>(null)
  const [error, setError] = useState<null | string>(null)

  useEffect(() => {
    if (!numberId) return
    const controller = new AbortController()
    const where = { 'where[status][equals]': 'APPROVED', 'where[number][equals]': numberId, sort: 'name', limit: 100, depth: 0 }
    void api<{ docs: MessageTemplate[] }>(`/message-templates${query(where)}`, { signal: controller.signal }).then((res) => {
      if (controller.signal.aborted) return
      if (res.ok) setTemplates(res.data.docs)
      else setError(res.message)
    })
    return () => controller.abort()
  }, [api, numberId])

  if (!numberId) return <p className="inbox__error">This conversation has no WhatsApp number, so no template can be sent.</p>
  if (error)
    return (
      <p className="inbox__error" role="alert">
        {error}
      </p>
    )
  if (templates === null) return <p className="inbox__muted">Loading templates…</p>
  if (templates.length === 0) {
    return <p className="inbox__muted">This number has no approved templates. Create one under Message templates, or sync them from Meta there.</p>
  }

  const numbers = value ? placeholders(value.template.bodyText) : []
  return (
    <div className="inbox-template">
      <label htmlFor={`${id}-template`}>Approved template</label>
      <select
        className="inbox__select"
        id={`${id}-template`}
        onChange={(e) => {
          const template = templates.find((t) => t.id === e.target.value)
          onChange(template ? { template, values: {} } : null)
        }}
        value={value?.template.id ?? ''}
      >
        <option value="">Choose a template…</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} ({t.language})
          </option>
        ))}
      </select>
      {value && numbers.length > 0 && (
        <div className="inbox-template__params">
          {numbers.map((n) => (
            <div className="inbox-template__param" key={n}>
              <label htmlFor={`${id}-p${n}`}>{`Value for {{${n}}}`}</label>
              <input
                className="inbox__input"
                id={`${id}-p${n}`}
                maxLength={1024}
                onChange={(e) => onChange({ ...value, values: { ...value.values, [n]: e.target.value } })}
                placeholder={value.template.bodyExamples?.[n - 1] ?? ''}
                value={value.values[n] ?? ''}
              />
            </div>
          ))}
        </div>
      )}
      {value && (
        <blockquote aria-label="Preview" className="inbox-template__preview">
          {value.template.headerText && <strong>{value.template.headerText}</strong>}
          <span>{fillPlaceholders(value.template.bodyText, value.values)}</span>
          {value.template.footerText && <small>{value.template.footerText}</small>}
        </blockquote>
      )}
    </div>
  )
}
