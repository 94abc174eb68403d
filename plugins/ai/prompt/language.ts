import type { AiSetting } from '../../../payload-types'

export type Language = 'bn' | 'en'

const BENGALI = /[\u0980-\u09FF]/

/**
 * The language a reply is written in: the shop's fixed choice, else the conversation's — Bangla
 * when the customer's newest message is in Bengali script, English otherwise.
 */
export function replyLanguage(setting: AiSetting['replyLanguage'], messages: { direction: string; text?: null | string }[]): Language {
  if (setting === 'bn' || setting === 'en') return setting
  const last = [...messages].reverse().find((m) => m.direction === 'inbound' && m.text)
  return last && BENGALI.test(last.text!) ? 'bn' : 'en'
}

export const LANGUAGE_NAME: Record<Language, string> = { bn: 'Bangla (বাংলা)', en: 'English' }
