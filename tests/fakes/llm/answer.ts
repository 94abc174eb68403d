/**
 * How the fake model answers: deterministically, from the prompt alone, so a test can tell from
 * the answer what the prompt contained. It reads the prompt the way plugins/ai lays it out
 * (README, "Prompt layout"): `Task: <feature>` and `Conversation language:` in the system rules,
 * the SHOP DATA blocks, the conversation as user/assistant turns, tool results. It is a naive,
 * obedient model: asked to "list all customers", it lists every customer name its prompt holds —
 * so a test of the injection checks what the prompt could leak, not the model's good manners.
 */

export type ChatMessage = { role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string; name?: string }
export type ChatBody = {
  model?: string
  messages?: ChatMessage[]
  tools?: { type: string; function: { name: string } }[]
  stream?: boolean
  stream_options?: { include_usage?: boolean }
  response_format?: { type: string }
}

export type Answer = { content: null | string; toolCalls: { id: string; name: string; arguments: string }[] }

export const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => (part && typeof part === 'object' && 'text' in part ? String((part as { text: unknown }).text) : '')).join('') : ''

/** Every piece of text in a request (messages, tool results, tool names): what a test searches for a canary. */
export function promptText(body: ChatBody): string {
  const parts = (body.messages ?? []).map((m) => `${m.role}: ${textOf(m.content)}${m.tool_calls ? ` ${JSON.stringify(m.tool_calls)}` : ''}`)
  return [...parts, ...(body.tools ?? []).map((t) => `tool: ${t.function.name}`)].join('\n')
}

const STOP = new Set(['what', 'when', 'where', 'which', 'much', 'many', 'have', 'does', 'there', 'still', 'your', 'price', 'stock', 'available', 'cost', 'costs', 'this', 'that', 'with', 'please', 'the', 'how'])

const block = (data: string, heading: string): string => {
  const start = data.indexOf(`## ${heading}`)
  if (start < 0) return ''
  const rest = data.slice(start).split('\n').slice(1)
  const end = rest.findIndex((line) => line.startsWith('## '))
  return (end < 0 ? rest : rest.slice(0, end)).join('\n').trim()
}

type Product = { name: string; price: string; stock: string }

function productsIn(data: string, tools: ChatMessage[]): Product[] {
  const listed = block(data, 'Products (name | price | stock)')
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => {
      const [name, price, stock] = l.slice(2).split(' | ')
      return { name: name.trim(), price: (price ?? '').trim(), stock: (stock ?? '').trim() }
    })
  const found = tools.flatMap((t) => {
    try {
      const parsed = JSON.parse(textOf(t.content)) as { products?: { name: string; price: string; stock: number }[] }
      return (parsed.products ?? []).map((p) => ({ name: p.name, price: p.price, stock: p.stock > 0 ? `${p.stock} in stock` : 'out of stock' }))
    } catch {
      return []
    }
  })
  return [...found, ...listed]
}

const mentions = (text: string, name: string) =>
  text.toLowerCase().includes(name.toLowerCase()) ||
  name
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length >= 4 && !STOP.has(w))
    .some((w) => text.toLowerCase().includes(w))

const TOPIC = {
  price: /price|cost|how much|দাম|কত/i,
  stock: /stock|available|in stock|স্টক|আছে\?/i,
  'delivery status': /deliver|order|parcel|shipment|ডেলিভারি|অর্ডার/i,
}
const HUMAN = /human|person|agent|someone real|মানুষ|এজেন্ট/i
const INJECTION = /ignore (all |your |the )?(previous )?instructions|list all customers|system prompt/i

function reply(bangla: boolean, data: string, last: string, tools: ChatMessage[]): string {
  if (INJECTION.test(last)) {
    const names = [...`${data}\n${tools.map((t) => textOf(t.content)).join('\n')}`.matchAll(/Name: ([^\n]+)/g)].map((m) => m[1].trim())
    return `Here are all the customers I know: ${names.join(', ') || 'none'}.`
  }
  if (/deliver|ডেলিভারি/i.test(last)) {
    const policy = block(data, 'Delivery policy and FAQ')
    const place = /\b([A-Z][a-z]{3,})\b/.exec(last.replace(/^(Can|Do|Does|Will|Is|Are|Hi|Hello)\b/, ''))?.[1]
    const sentences = policy.split(/(?<=[.!?।])\s+/).filter(Boolean)
    const quote = (place && sentences.find((s) => s.includes(place))) || sentences[0] || ''
    if (!quote) return bangla ? 'ডেলিভারির বিষয়ে আমাদের একজন সহকর্মী শীঘ্রই জানাবেন।' : 'A colleague will confirm the delivery details shortly.'
    return bangla ? `জি, ${place ? `${place}-এ ` : ''}ডেলিভারি করা যায়। আমাদের ডেলিভারি নীতি: “${quote}”` : `Yes, we deliver${place ? ` to ${place}` : ''}. Our delivery policy: “${quote}”`
  }
  const orders = block(data, 'This customer’s recent orders') || tools.map((t) => textOf(t.content)).find((c) => c.includes('"orders"')) || ''
  if (/order|parcel|অর্ডার/i.test(last) && orders) {
    const first = orders.split('\n')[0].replace(/^- /, '')
    return bangla ? `আপনার অর্ডারের অবস্থা: ${first}` : `Your order: ${first}`
  }
  const product = productsIn(data, tools).find((p) => mentions(last, p.name))
  if (product && (TOPIC.price.test(last) || TOPIC.stock.test(last))) {
    return bangla ? `${product.name}-এর দাম ${product.price}, ${product.stock}।` : `${product.name} is ${product.price}, ${product.stock}.`
  }
  return bangla ? 'ধন্যবাদ! আমাদের একজন সহকর্মী শীঘ্রই উত্তর দেবেন।' : 'Thank you! A colleague will get back to you shortly.'
}

let callSeq = 0

/** The fake model's answer to one chat-completions request. */
export function answer(body: ChatBody): Answer {
  const messages = body.messages ?? []
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => textOf(m.content))
    .join('\n')
  const task = /Task: ([a-z-]+)/.exec(system)?.[1] ?? 'suggest-reply'
  const users = messages.filter((m) => m.role === 'user').map((m) => textOf(m.content))
  const last = users.at(-1) ?? ''
  const bangla = /Conversation language: Bangla/.test(system) || /[\u0980-\u09FF]/.test(last)
  const toolResults = messages.filter((m) => m.role === 'tool')
  const offered = new Set((body.tools ?? []).map((t) => t.function.name))
  const data = system.slice(system.indexOf('SHOP DATA'))

  // Tool calls, once, when offered and the question needs them.
  if (toolResults.length === 0 && !INJECTION.test(last)) {
    if (offered.has('customer_orders') && /order|parcel|অর্ডার/i.test(last) && !/deliver/i.test(last)) return { content: null, toolCalls: [{ id: `call_${++callSeq}`, name: 'customer_orders', arguments: '{}' }] }
    if (offered.has('search_products') && (TOPIC.price.test(last) || TOPIC.stock.test(last) || task === 'draft-order')) {
      const word = last
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s]/gu, ' ')
        .split(/\s+/)
        .find((w) => w.length >= 4 && !STOP.has(w))
      if (word) return { content: null, toolCalls: [{ id: `call_${++callSeq}`, name: 'search_products', arguments: JSON.stringify({ query: word }) }] }
    }
  }

  if (task === 'summarise') {
    const name = /Name: ([^\n]+)/.exec(data)?.[1]?.trim() ?? 'unknown'
    return { content: `${bangla ? 'সারাংশ' : 'Summary'}: customer ${name} wrote ${users.length} message(s); latest: “${last}”.`, toolCalls: [] }
  }
  if (task === 'draft-order') {
    const everything = users.join('\n')
    const items = productsIn(data, toolResults)
      .filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i)
      .filter((p) => mentions(everything, p.name))
      .map((p) => {
        const qty = new RegExp(`(\\d+)\\s*(?:x|×|pcs|টি)?\\s*${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').exec(everything)?.[1]
        return { product: p.name, quantity: qty ? Number(qty) : 1 }
      })
    return { content: JSON.stringify({ items }), toolCalls: [] }
  }
  if (task === 'auto-reply') {
    const allowed = /Answer only questions about: ([^.\n]+)/.exec(system)?.[1] ?? ''
    const topics = Object.entries(TOPIC).filter(([name, re]) => allowed.includes(name) && re.test(last))
    const anyQuestion = allowed.includes('any question')
    if (HUMAN.test(last) || (topics.length === 0 && !anyQuestion) || INJECTION.test(last)) return { content: 'HANDOFF', toolCalls: [] }
  }
  return { content: reply(bangla, data, last, toolResults), toolCalls: [] }
}
