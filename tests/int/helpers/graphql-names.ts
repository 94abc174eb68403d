import type { TenantCollection } from '../../../access/permissions'

/** Payload's GraphQL names per collection (singular type, list query, input type stem). */
export const GQL: Record<TenantCollection, { one: string; many: string }> = {
  media: { one: 'Media', many: 'allMedia' },
  products: { one: 'Product', many: 'Products' },
  customers: { one: 'Customer', many: 'Customers' },
  orders: { one: 'Order', many: 'Orders' },
  pages: { one: 'Page', many: 'Pages' },
  numbers: { one: 'Number', many: 'Numbers' },
  couriers: { one: 'Courier', many: 'Couriers' },
  leads: { one: 'Lead', many: 'Leads' },
  'api-keys': { one: 'ApiKey', many: 'ApiKeys' },
  conversations: { one: 'Conversation', many: 'Conversations' },
  messages: { one: 'Message', many: 'Messages' },
  'message-templates': { one: 'MessageTemplate', many: 'MessageTemplates' },
  automations: { one: 'Automation', many: 'Automations' },
  'meta-events': { one: 'MetaEvent', many: 'MetaEvents' },
  shipments: { one: 'Shipment', many: 'Shipments' },
  'courier-events': { one: 'CourierEvent', many: 'CourierEvents' },
  'courier-payouts': { one: 'CourierPayout', many: 'CourierPayouts' },
  subscriptions: { one: 'Subscription', many: 'Subscriptions' },
  invoices: { one: 'Invoice', many: 'Invoices' },
  'billing-events': { one: 'BillingEvent', many: 'BillingEvents' },
  'meter-pushes': { one: 'MeterPush', many: 'MeterPushes' },
  'shop-settings': { one: 'ShopSetting', many: 'ShopSettings' },
  'mail-settings': { one: 'MailSetting', many: 'MailSettings' },
  'custom-field-definitions': { one: 'CustomFieldDefinition', many: 'CustomFieldDefinitions' },
}
