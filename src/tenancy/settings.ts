/** Tenant settings live in one JSON column; these defaults fill whatever is missing on save. */
export const DEFAULT_TENANT_SETTINGS = {
  orderNumberPrefix: null as null | string,
  lowStockThreshold: 5,
  defaultPaymentMethod: 'cod' as 'cod' | 'prepaid',
  businessHours: { start: '09:00', end: '21:00' },
  notifyOnNewOrder: true,
}

export type TenantSettings = typeof DEFAULT_TENANT_SETTINGS

export function withDefaultSettings(settings: unknown): TenantSettings & Record<string, unknown> {
  const given = settings && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {}
  return { ...DEFAULT_TENANT_SETTINGS, ...given }
}

const ZONES = new Set(Intl.supportedValuesOf('timeZone'))
ZONES.add('UTC')

export const validateTimezone = (value: null | string | undefined): string | true => (!value || ZONES.has(value) ? true : `"${value}" is not an IANA time zone (e.g. "Asia/Dhaka").`)

export const validateHexColour = (value: null | string | undefined): string | true => (!value || /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value) ? true : 'Use a hex colour like #1a73e8.')
