'use client'

import { Button, toast } from '@payloadcms/ui'
import { useEffect, useId, useState } from 'react'

import { windowRefusal } from '../../send/window'
import { useApi, type Conversation, type Message } from './api'
import { idOf } from './rest'
import { TemplateFields, templatePayload, type TemplateChoice } from './TemplateFields'

type Mode = 'template' | 'text'

const MAX_TEXT = { whatsapp: 4096, messenger: 1999 } as const

/**
 * The reply box: text (with Messenger's HUMAN_AGENT tag as an option) or, on WhatsApp, an
 * approved template with its values. POST /api/messages; the server checks the 24-hour window
 * and the message quota, and its refusal is shown here and in a toast, the text kept.
 */
export function ReplyBox({ conversation: c, draft, onSent }: { conversation: Conversation; draft?: null | { text: string; n: number }; onSent: (doc: Message) => void }) {
  const api = useApi()
  const id = useId()
  const [mode, setMode] = useState<Mode>('text')
  const [text, setText] = useState('')
  const [humanAgent, setHumanAgent] = useState(false)
  const [template, setTemplate] = useState<null | TemplateChoice>(null)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<null | string>(null)
  // A draft handed in by the thread's tools (the assistant's suggestion): into the text box, to edit and send.
  useEffect(() => {
    if (!draft) return
    setMode('text')
    setText(draft.text.slice(0, MAX_TEXT[c.channel]))
    setError(null)
  }, [draft, c.channel])
  const whatsapp = c.channel === 'whatsapp'
  const hint = windowRefusal(c.channel, c.lastInboundAt ? new Date(c.lastInboundAt) : null, { type: mode })

  const send = async () => {
    if (sending) return
    let body: Record<string, unknown>
    if (mode === 'template') {
      if (!template) return setError('Choose the template to send.')
      const payload = templatePayload(template)
      if ('missing' in payload) return setError(`Fill in the value for {{${payload.missing}}}.`)
      body = { conversation: c.id, type: 'template', template: payload }
    } else {
      if (!text.trim()) return setError('Write the message first.')
      body = { conversation: c.id, type: 'text', text, ...(!whatsapp && humanAgent ? { tag: 'HUMAN_AGENT' } : {}) }
    }
    // The conversation's shop, for staff of several shops with none selected in the admin.
    const tenant = idOf(c.tenant)
    if (tenant) body.tenant = tenant
    setSending(true)
    setError(null)
    try {
      const res = await api<{ doc: Message }>('/messages?depth=0', { method: 'POST', body })
      if (!res.ok) {
        setError(res.message)
        toast.error(res.message)
        return
      }
      if (mode === 'text') setText('')
      else setTemplate((choice) => (choice ? { ...choice, values: {} } : choice))
      onSent(res.data.doc)
    } finally {
      setSending(false)
    }
  }

  return (
    <form
      className="inbox-reply"
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      {hint && (
        <div className="inbox-reply__hint" role="note">
          <span>{hint}</span>
          {whatsapp && mode === 'text' && (
            <button className="inbox__link-button" onClick={() => setMode('template')} type="button">
              Use a template
            </button>
          )}
        </div>
      )}
      {whatsapp && (
        <fieldset className="inbox-reply__mode">
          <legend className="inbox__sr-only">Send as</legend>
          {(['text', 'template'] as const).map((value) => (
            <label key={value}>
              <input checked={mode === value} name={`${id}-mode`} onChange={() => setMode(value)} type="radio" value={value} />
              {value === 'text' ? 'Text' : 'Template'}
            </label>
          ))}
        </fieldset>
      )}
      {mode === 'template' ? (
        <TemplateFields numberId={idOf(c.number)} onChange={setTemplate} value={template} />
      ) : (
        <>
          <textarea
            aria-label="Reply"
            className="inbox-reply__text"
            maxLength={MAX_TEXT[c.channel]}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault()
                void send()
              }
            }}
            placeholder="Write a reply… (Ctrl+Enter sends)"
            rows={3}
            value={text}
          />
          {!whatsapp && (
            <label className="inbox-reply__tag">
              <input checked={humanAgent} onChange={(e) => setHumanAgent(e.target.checked)} type="checkbox" />
              Human agent tag (up to 7 days)
            </label>
          )}
        </>
      )}
      {error && (
        <p className="inbox__error" role="alert">
          {error}
        </p>
      )}
      <div className="inbox-reply__actions">
        {mode === 'text' && (
          <span aria-hidden="true" className="inbox__muted">
            {text.length} / {MAX_TEXT[c.channel]}
          </span>
        )}
        <Button aria-label="Send" buttonStyle="primary" disabled={sending} margin={false} size="medium" type="submit">
          {sending ? 'Sending…' : 'Send'}
        </Button>
      </div>
    </form>
  )
}
