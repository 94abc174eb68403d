/** The tenant roles the dashboards know (the host's roles, by name). */
export const DASHBOARD_ROLES = ['tenant-admin', 'marketing-manager', 'sales-operator', 'support-agent'] as const
export type DashboardRole = (typeof DASHBOARD_ROLES)[number]

export const SECTIONS = ['sales', 'conversations', 'delivery', 'leads', 'products'] as const
export type Section = (typeof SECTIONS)[number]

/**
 * Which dashboard sections each role sees, following the permission matrix's spirit: money is for
 * those who run sales (a support agent reads orders to answer customers, but sees no revenue),
 * leads for marketing, the inbox for everyone who answers it. The super-admin sees every section.
 */
export const DEFAULT_SECTION_ROLES: Record<Section, readonly DashboardRole[]> = {
  sales: ['tenant-admin', 'sales-operator'],
  conversations: ['tenant-admin', 'sales-operator', 'support-agent'],
  delivery: ['tenant-admin', 'sales-operator'],
  leads: ['tenant-admin', 'marketing-manager'],
  products: ['tenant-admin', 'sales-operator', 'marketing-manager'],
}

/** The sections `role` sees under `matrix`. */
export const sectionsFor = (matrix: Record<Section, readonly DashboardRole[]>, role: DashboardRole | 'super-admin' | null): Section[] =>
  role === null ? [] : SECTIONS.filter((s) => role === 'super-admin' || matrix[s].includes(role))
