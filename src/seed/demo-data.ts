import type { TenantRole } from '../tenancy/roles'

/** The demo businesses. Two are active, one is suspended so its treatment can be seen. */
export const DEMO_TENANTS = [
  {
    slug: 'acme-gadgets',
    name: 'Acme Gadgets',
    displayName: 'Acme Gadgets BD',
    status: 'active',
    domains: [{ domain: 'shop.acme-gadgets.test' }],
    // Distinct brands, so each shop's admin is visibly its own (plugins/branding).
    branding: { primaryColor: '#0b5394', secondaryColor: '#134f5c', theme: 'light', customCss: '.nav { border-right: 3px solid #0b5394 }' },
    brand: {
      mark: 'circle',
      titleSuffix: 'Acme Gadgets admin',
      senderName: 'Acme Gadgets BD',
      supportEmail: 'support@acme-gadgets.test',
      emailFooter: 'Acme Gadgets BD · House 12, Road 5, Dhanmondi, Dhaka · 09612-000111',
    },
    // Each active shop's own field (plugins/branding, "Custom fields"), with values on its documents: value i goes to the i-th document.
    customField: {
      definition: { entity: 'products', key: 'warranty_months', label: 'Warranty (months)', type: 'number', default: 6, description: 'Manufacturer warranty.' },
      values: [12, 6, 24, 3],
    },
    products: [
      { name: 'Acme Wireless Earbuds', sku: 'ACME-EARBUDS', price: 249900, stock: 40, status: 'active' },
      { name: 'Acme Power Bank 20000mAh', sku: 'ACME-PB20K', price: 189900, stock: 25, status: 'active' },
      { name: 'Acme Smart Watch S2', sku: 'ACME-WATCH-S2', price: 459900, stock: 12, status: 'active' },
      { name: 'Acme USB-C Cable 1m', sku: 'ACME-USBC-1M', price: 29900, stock: 300, status: 'active' },
      { name: 'Acme Bluetooth Speaker', sku: 'ACME-SPK-MINI', price: 159900, stock: 0, status: 'draft' },
    ],
  },
  {
    slug: 'dhaka-threads',
    name: 'Dhaka Threads',
    displayName: 'Dhaka Threads',
    status: 'active',
    domains: [{ domain: 'dhakathreads.test' }],
    branding: { primaryColor: '#7a1f3d', secondaryColor: '#5b3a29', theme: 'dark', customCss: '.nav { border-right: 3px solid #7a1f3d }' },
    brand: {
      mark: 'diamond',
      titleSuffix: 'Dhaka Threads back-office',
      senderName: 'Dhaka Threads',
      supportEmail: 'hello@dhakathreads.test',
      emailFooter: 'Dhaka Threads · Mirpur 10, Dhaka · Handwoven since 1998',
    },
    customField: {
      definition: {
        entity: 'customers',
        key: 'preferred_delivery_time',
        label: 'Preferred delivery time',
        type: 'select',
        options: [
          { value: 'morning', label: 'Morning (9–12)' },
          { value: 'afternoon', label: 'Afternoon (12–5)' },
          { value: 'evening', label: 'Evening (5–9)' },
        ],
      },
      values: ['evening', 'morning'],
    },
    products: [
      { name: 'Dhaka Threads Cotton Panjabi', sku: 'DT-PANJABI-M', price: 185000, stock: 30, status: 'active' },
      { name: 'Dhaka Threads Jamdani Saree', sku: 'DT-JAMDANI-01', price: 1250000, stock: 4, status: 'active' },
      { name: 'Dhaka Threads Silk Scarf', sku: 'DT-SCARF-SILK', price: 95000, stock: 18, status: 'active' },
      { name: 'Dhaka Threads Kids Kurta', sku: 'DT-KURTA-KIDS', price: 75000, stock: 22, status: 'archived' },
    ],
  },
  {
    slug: 'old-bazaar',
    name: 'Old Bazaar',
    displayName: 'Old Bazaar',
    status: 'suspended',
    domains: [],
    products: [
      { name: 'Old Bazaar Brass Lamp', sku: 'OB-LAMP-BRASS', price: 320000, stock: 6, status: 'active' },
      { name: 'Old Bazaar Clay Pot Set', sku: 'OB-CLAYPOT-3', price: 110000, stock: 15, status: 'active' },
    ],
  },
] as const satisfies ReadonlyArray<{
  slug: string
  name: string
  displayName: string
  status: 'active' | 'suspended' | 'trial' | 'cancelled'
  domains: ReadonlyArray<{ domain: string }>
  products: ReadonlyArray<{ name: string; sku: string; price: number; stock: number; status: 'active' | 'draft' | 'archived' }>
  branding?: { primaryColor: string; secondaryColor: string; theme: 'light' | 'dark' | 'auto'; customCss: string }
  /** The rest of the shop's branding (its settings document): a logo drawn from a mark, the admin's title suffix, the emails' sender, reply-to and footer. */
  brand?: { mark: 'circle' | 'diamond'; titleSuffix: string; senderName: string; supportEmail: string; emailFooter: string }
  customField?: { definition: DemoCustomField; values: ReadonlyArray<boolean | number | string> }
}>

/** A demo shop's custom field definition (custom-field-definitions). */
export type DemoCustomField = {
  entity: 'products' | 'customers' | 'orders' | 'leads'
  key: string
  label: string
  type: 'text' | 'number' | 'money' | 'date' | 'select' | 'checkbox' | 'url'
  default?: boolean | number | string
  description?: string
  options?: ReadonlyArray<{ value: string; label: string }>
}

export const SUPER_ADMIN_EMAIL = 'superadmin@e-merkater.test'

/** One staff account per role per tenant: `<role>@<tenant-slug>.test`. */
export const staffEmail = (role: TenantRole, tenantSlug: string) => `${role}@${tenantSlug}.test`

/** Dev-only passwords; override them with these variables (see README). */
export const demoPasswords = () => ({
  superAdmin: process.env.SEED_SUPERADMIN_PASSWORD || 'superadmin-demo',
  staff: process.env.SEED_STAFF_PASSWORD || 'staff-demo',
})
