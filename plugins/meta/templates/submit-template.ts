import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { loadChannel } from '../channels'
import { FROM_META } from '../context'
import { graphRequest } from '../graph/graph-client'
import { GraphError } from '../graph/graph-error'
import { metaOptions } from '../options'
import { componentsOf, placeholderCount } from './components'

const CONTENT = ['number', 'name', 'language', 'category', 'headerText', 'bodyText', 'bodyExamples', 'footerText'] as const

/**
 * Creating a template submits it to the number's WhatsApp Business Account (reference §1.6):
 * Meta's id and PENDING are stored, or Meta's refusal comes back as a 400 naming the reason and
 * nothing is stored. A submitted template's content is Meta's to review: changing it is refused
 * (create a new one). Writes from Meta's own data (sync, status webhook) pass through.
 */
export const submitTemplate: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req, context }) => {
  if (context?.[FROM_META]) return data
  const refuse = (path: string, message: string): never => {
    throw new ValidationError({ collection: 'message-templates', errors: [{ path, message }], req })
  }
  if (operation === 'update') {
    const changed = CONTENT.filter(
      (key) =>
        key in data &&
        JSON.stringify(data[key] ?? null) !== JSON.stringify((originalDoc as Record<string, unknown>)?.[key] ?? null) &&
        !(key === 'number' && String((data.number as { id?: string })?.id ?? data.number) === String((originalDoc?.number as { id?: string })?.id ?? originalDoc?.number)),
    )
    if (changed.length > 0) refuse(changed[0], 'A submitted template cannot be changed: Meta reviewed this version. Create a new template instead.')
    for (const key of ['status', 'metaId', 'wabaId', 'components', 'rejectedReason', 'syncedAt']) delete data[key]
    return data
  }
  const examples = (data.bodyExamples ?? []).filter((e: string) => e.trim())
  const needed = placeholderCount(data.bodyText ?? '')
  if (examples.length < needed) refuse('bodyExamples', `The body has ${needed} placeholder(s): give an example value for each (Meta requires them).`)

  const numberId = String(typeof data.number === 'object' ? data.number?.id : data.number)
  const { doc: number, token } = await loadChannel(req, 'numbers', numberId)
  const components = componentsOf({ headerText: data.headerText, bodyText: data.bodyText, footerText: data.footerText, bodyExamples: examples })
  try {
    const answer = await graphRequest<{ id: string; status?: string; category?: string }>(metaOptions(req.payload.config), {
      method: 'POST',
      path: `/${number.wabaId}/message_templates`,
      token,
      body: { name: data.name, language: data.language, category: data.category, components },
    })
    return { ...data, wabaId: number.wabaId, metaId: String(answer.id), status: (answer.status ?? 'PENDING').toUpperCase(), category: answer.category ?? data.category, components, rejectedReason: null }
  } catch (error) {
    if (!(error instanceof GraphError)) throw error
    if (error.isTokenError) refuse('number', `Meta refused this number’s access token (code ${error.code}): give it a new token, then create the template again.`)
    return refuse('name', `Meta refused the template (code ${error.code}): ${error.explanation}`)
  }
}
