import type { CollectionBeforeChangeHook, CollectionConfig, NumberFieldSingleValidation, TextFieldSingleValidation } from 'payload'

import type { ResolvedBrandingOptions } from '../options'

export const MAIL_SETTINGS = 'mail-settings' as const
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const

/** A host name or IP address: no scheme, path, port or spaces. (Loopback is allowed: see the README on an allow-list for production.) */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$|^\[?[0-9a-f:.]+\]?$/i

const host: TextFieldSingleValidation = (value) =>
  value == null || value === '' || (typeof value === 'string' && value.length <= 253 && HOST.test(value)) ? true : 'A host name such as smtp.example.com (no smtp://, no port, no spaces).'
const port: NumberFieldSingleValidation = (value) => (value == null || (Number.isInteger(value) && value >= 1 && value <= 65535) ? true : 'A port from 1 to 65535 (587 for STARTTLS, 465 for TLS).')

/** The fields whose change makes the last test send say nothing about the new settings. */
const TESTED = ['host', 'port', 'security', 'username', 'fromAddress'] as const

/**
 * Any change to where or as whom mail is sent clears `verifiedAt`: the shop's own SMTP and From
 * address are used again only after a new successful test send. (A new password arrives here in
 * plain text, before the secret field's own hook encrypts it; an empty one keeps the stored one.)
 */
const clearVerification: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  const changed = operation === 'create' || TESTED.some((k) => k in data && (data[k] ?? null) !== (originalDoc?.[k] ?? null)) || (typeof data.password === 'string' && data.password.trim() !== '')
  return changed ? { ...data, verifiedAt: null } : data
}

/** Written by the test send only (POST /api/tenant/mail/test), which passes overrideAccess. */
const systemOnly = { create: () => false, update: () => false }

/**
 * A shop's own SMTP server (README, "Email"): one document per shop, tenant-admins only — no other
 * staff reads it. The password is a write-only secret (encrypted at rest, never returned). Until
 * a test send through it succeeded (`verifiedAt`), the shop's mail goes through the platform's.
 */
export function mailSettingsCollection(options: ResolvedBrandingOptions): CollectionConfig {
  return options.tenantOwned({
    slug: MAIL_SETTINGS,
    labels: { singular: 'Mail settings', plural: 'Mail settings' },
    graphQL: { singularName: 'MailSetting', pluralName: 'MailSettings' },
    admin: {
      useAsTitle: 'host',
      defaultColumns: ['host', 'fromAddress', 'enabled', 'verifiedAt'],
      group: 'Shop',
      description: 'Send your shop’s emails through your own SMTP server (one per shop). Until “Send test email” succeeds, they go out through the platform’s.',
      components: { edit: { beforeDocumentControls: ['/plugins/branding/admin/SendTestEmailButton#SendTestEmailButton'] } },
    },
    hooks: { beforeChange: [clearVerification] },
    fields: [
      { name: 'enabled', type: 'checkbox', defaultValue: true, admin: { description: 'Off: your emails go out through the platform’s server (the settings are kept).' } },
      {
        type: 'row',
        fields: [
          { name: 'host', type: 'text', required: true, maxLength: 253, validate: host },
          { name: 'port', type: 'number', required: true, defaultValue: 587, validate: port },
          {
            name: 'security',
            type: 'select',
            required: true,
            defaultValue: 'starttls',
            options: [
              { label: 'STARTTLS (587)', value: 'starttls' },
              { label: 'TLS (465)', value: 'tls' },
              { label: 'None (testing only)', value: 'none' },
            ],
          },
        ],
      },
      { name: 'username', type: 'text', maxLength: 254 },
      ...options.secrets.secretField({ name: 'password', label: 'Password' }),
      {
        type: 'row',
        fields: [
          { name: 'fromAddress', type: 'email', required: true, admin: { description: 'Your emails come from this address once a test send succeeded.' } },
          { name: 'fromName', type: 'text', maxLength: 80, admin: { description: 'Empty: the sender name of your branding, else the shop’s name.' } },
        ],
      },
      { name: 'verifiedAt', type: 'date', access: systemOnly, admin: { readOnly: true, position: 'sidebar', description: 'When a test send last succeeded; cleared by any change above.' } },
      { name: 'lastTestedAt', type: 'date', access: systemOnly, admin: { readOnly: true, position: 'sidebar' } },
      { name: 'lastTestError', type: 'text', access: systemOnly, admin: { readOnly: true, position: 'sidebar' } },
    ],
  })
}
