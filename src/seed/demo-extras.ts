/** Demo plans and per-tenant records beyond the catalogue (customers, leads, channels, couriers). */
export const DEMO_PLANS = [
  {
    slug: 'starter',
    name: 'Starter',
    priceMonthly: 99900,
    priceYearly: 999000,
    limits: { users: 5, pages: 1, numbers: 1, couriers: 1, products: 100, monthlyMessages: 1000, leadsPerMonth: 200, ordersPerMonth: 300, shipmentsPerMonth: 300, aiRequestsPerMonth: 0 },
    features: ['whatsapp', 'messenger', 'couriers'],
  },
  {
    slug: 'growth',
    name: 'Growth',
    priceMonthly: 299900,
    priceYearly: 2999000,
    limits: { users: 10, pages: 5, numbers: 3, couriers: 3, products: 2000, monthlyMessages: 20000, leadsPerMonth: 5000, ordersPerMonth: 5000, shipmentsPerMonth: 5000, aiRequestsPerMonth: 1000 },
    features: ['whatsapp', 'messenger', 'couriers', 'lead-ads', 'ai', 'api-access', 'custom-domain', 'branding'],
  },
] as const

/** Which plan each demo tenant is on. */
export const DEMO_PLAN_OF: Record<string, (typeof DEMO_PLANS)[number]['slug']> = {
  'acme-gadgets': 'growth',
  'dhaka-threads': 'starter',
  'old-bazaar': 'starter',
}

/** Per-tenant records; numbers keep ids unique across tenants (page/phone-number ids are global). */
export const demoRecords = (index: number, name: string) => ({
  customers: [
    {
      name: 'Rahim Uddin',
      phone: `+88017${index}0000001`,
      email: 'rahim@example.com',
      addresses: [{ label: 'Home', line1: 'House 12, Road 5', city: 'Dhaka', district: 'Dhaka', country: 'BD' }],
      tags: ['repeat'],
    },
    { name: 'Karima Begum', phone: `+88018${index}0000002`, addresses: [{ label: 'Office', line1: '45 Agrabad C/A', city: 'Chattogram', country: 'BD' }] },
  ],
  leads: [
    { name: 'Sabbir Hossain', phone: `+88019${index}0000003`, source: 'lead-ad', status: 'new', tags: ['eid-campaign'] },
    { name: 'Nusrat Jahan', phone: `+88016${index}0000004`, source: 'import', status: 'contacted' },
  ],
  page: { name: `${name} on Facebook`, pageId: `10${index}000000000001`, accessToken: `demo-page-token-${index}-not-real` },
  number: { phoneNumberId: `20${index}000000000001`, displayPhoneNumber: `+88017${index}9999999`, wabaId: `30${index}00000001`, accessToken: `demo-wa-token-${index}-not-real` },
  courier: {
    provider: 'steadfast',
    label: 'Steadfast (demo)',
    credentials: JSON.stringify({ apiKey: `demo-key-${index}`, secretKey: `demo-secret-${index}` }),
    rateCard: [
      { zone: 'inside-city', maxWeightGrams: 1000, charge: 6000 },
      { zone: 'outside-city', maxWeightGrams: 1000, charge: 12000 },
    ],
    isDefault: true,
  },
})
