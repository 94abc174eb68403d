/** ISO 4217 codes the back-office accepts; amounts are stored as integers in minor units. */
export const CURRENCIES = ['BDT', 'USD', 'EUR', 'GBP', 'INR'] as const
export type Currency = (typeof CURRENCIES)[number]
export const DEFAULT_CURRENCY: Currency = 'BDT'
