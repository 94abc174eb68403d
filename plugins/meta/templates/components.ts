import type { MessageTemplate } from '../../../payload-types'

/** The `components` of a template create request (reference §1.6) from the template's fields. */
export function componentsOf(t: Pick<MessageTemplate, 'headerText' | 'bodyText' | 'bodyExamples' | 'footerText'>): Record<string, unknown>[] {
  const components: Record<string, unknown>[] = []
  if (t.headerText) components.push({ type: 'HEADER', format: 'TEXT', text: t.headerText })
  const examples = t.bodyExamples ?? []
  components.push({ type: 'BODY', text: t.bodyText, ...(examples.length > 0 ? { example: { body_text: [examples] } } : {}) })
  if (t.footerText) components.push({ type: 'FOOTER', text: t.footerText })
  return components
}

/** How many {{n}} placeholders a body has (the highest n). */
export const placeholderCount = (body: string): number => Math.max(0, ...[...body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1])))

/** Our fields from Meta's components (a synced template). */
export function fieldsOf(components: { type?: string; text?: string; format?: string; example?: { body_text?: string[][] } }[] = []) {
  const of = (type: string) => components.find((c) => String(c.type).toUpperCase() === type)
  return {
    headerText: of('HEADER')?.format === 'TEXT' ? (of('HEADER')?.text ?? null) : null,
    bodyText: of('BODY')?.text ?? '',
    bodyExamples: of('BODY')?.example?.body_text?.[0] ?? [],
    footerText: of('FOOTER')?.text ?? null,
  }
}
