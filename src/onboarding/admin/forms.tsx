'use client'

import type React from 'react'
import { useState } from 'react'

import type { RestCall } from '../../admin/rest-client'
import { formText } from '../../admin/form-text'

type TenantData = Record<string, unknown>
/**
 * Save a step: its own REST calls (`work`, if any), then the tenant fields it returns or was given
 * together with the step recorded as done. An error stops before the step is recorded.
 */
export type Save = (work?: (() => Promise<TenantData | void>) | TenantData) => Promise<void>
export type StepFormProps = { busy: boolean; rest: RestCall; save: Save; skip: () => void; tenantId: string }

export type ProfileInitial = { displayName: string; timezone: string; currency: string; currencies: string[] }
export type BrandingInitial = { primaryColor: string; secondaryColor: string; accentColor: string }

const value = (form: FormData, name: string) => formText(form, name).trim()
const orNull = (text: string) => (text === '' ? null : text)

function Field({ label, name, ...input }: { label: string; name: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="onboarding__field">
      <label htmlFor={`onboarding-${name}`}>{label}</label>
      <input id={`onboarding-${name}`} name={name} {...input} />
    </div>
  )
}

function Select({ label, name, options, defaultValue }: { label: string; name: string; options: readonly string[]; defaultValue?: string }) {
  return (
    <div className="onboarding__field">
      <label htmlFor={`onboarding-${name}`}>{label}</label>
      <select defaultValue={defaultValue} id={`onboarding-${name}`} name={name}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  )
}

function Actions({ busy, skip, submitLabel = 'Save and continue' }: { busy: boolean; skip: () => void; submitLabel?: string }) {
  return (
    <div className="onboarding__actions">
      <button className="btn btn--style-primary btn--size-medium" disabled={busy} type="submit">
        {submitLabel}
      </button>
      <button className="btn btn--style-secondary btn--size-medium" disabled={busy} onClick={skip} type="button">
        Skip
      </button>
    </div>
  )
}

const onSubmit = (handler: (form: FormData) => Promise<void>) => (event: React.FormEvent<HTMLFormElement>) => {
  event.preventDefault()
  void handler(new FormData(event.currentTarget))
}

export function ProfileForm({ busy, initial, save, skip }: StepFormProps & { initial: ProfileInitial }) {
  return (
    <form aria-label="Business profile" onSubmit={onSubmit((form) => save({ displayName: orNull(value(form, 'displayName')), timezone: value(form, 'timezone'), currency: value(form, 'currency') }))}>
      <Field defaultValue={initial.displayName} label="Display name" maxLength={120} name="displayName" required />
      <Field defaultValue={initial.timezone} label="Time zone" name="timezone" placeholder="Asia/Dhaka" required />
      <Select defaultValue={initial.currency} label="Currency" name="currency" options={initial.currencies} />
      <Actions busy={busy} skip={skip} />
    </form>
  )
}

export function BrandingForm({ busy, initial, rest, save, skip, tenantId }: StepFormProps & { initial: BrandingInitial }) {
  return (
    <form
      aria-label="Branding"
      onSubmit={onSubmit(async (form) => {
        const file = form.get('logo')
        const branding: Record<string, unknown> = {
          primaryColor: orNull(value(form, 'primaryColor')),
          secondaryColor: orNull(value(form, 'secondaryColor')),
          accentColor: orNull(value(form, 'accentColor')),
        }
        await save(async () => {
          if (file instanceof File && file.size > 0) {
            const upload = new FormData()
            upload.append('file', file)
            upload.append('_payload', JSON.stringify({ alt: 'Logo', tenant: tenantId }))
            branding.logo = (await rest<{ doc: { id: string } }>('POST', '/media', upload)).doc.id
          }
          return { branding }
        })
      })}
    >
      <Field accept="image/png,image/jpeg,image/webp,image/gif,image/svg+xml" label="Logo (optional)" name="logo" type="file" />
      <Field defaultValue={initial.primaryColor} label="Primary colour" name="primaryColor" placeholder="#1a73e8" />
      <Field defaultValue={initial.secondaryColor} label="Secondary colour" name="secondaryColor" placeholder="#34a853" />
      <Field defaultValue={initial.accentColor} label="Accent colour" name="accentColor" placeholder="#fbbc05" />
      <Actions busy={busy} skip={skip} />
    </form>
  )
}

export function ChannelForm({ busy, rest, save, skip, tenantId }: StepFormProps) {
  const [kind, setKind] = useState<'number' | 'page'>('number')
  return (
    <form
      aria-label="Channel"
      onSubmit={onSubmit((form) =>
        save(async () => {
          if (kind === 'page') {
            await rest('POST', '/pages', { tenant: tenantId, name: value(form, 'pageName'), pageId: value(form, 'pageId'), accessToken: value(form, 'pageAccessToken') })
          } else {
            await rest('POST', '/numbers', {
              tenant: tenantId,
              phoneNumberId: value(form, 'phoneNumberId'),
              displayPhoneNumber: value(form, 'displayPhoneNumber'),
              wabaId: value(form, 'wabaId'),
              accessToken: value(form, 'numberAccessToken'),
            })
          }
        }),
      )}
    >
      <fieldset className="onboarding__choice">
        <legend>Connect</legend>
        <label>
          <input checked={kind === 'number'} name="kind" onChange={() => setKind('number')} type="radio" value="number" /> WhatsApp number
        </label>
        <label>
          <input checked={kind === 'page'} name="kind" onChange={() => setKind('page')} type="radio" value="page" /> Facebook page
        </label>
      </fieldset>
      {kind === 'page' ? (
        <>
          <Field label="Page name" maxLength={120} name="pageName" required />
          <Field inputMode="numeric" label="Page id" name="pageId" required />
          <Field autoComplete="off" label="Page access token" name="pageAccessToken" required type="password" />
        </>
      ) : (
        <>
          <Field label="Phone number" name="displayPhoneNumber" placeholder="+8801712345678" required />
          <Field inputMode="numeric" label="Phone number id" name="phoneNumberId" required />
          <Field inputMode="numeric" label="WhatsApp Business account id" name="wabaId" required />
          <Field autoComplete="off" label="Access token" name="numberAccessToken" required type="password" />
        </>
      )}
      <Actions busy={busy} skip={skip} />
    </form>
  )
}

export function CourierForm({ busy, rest, save, skip, tenantId }: StepFormProps) {
  return (
    <form
      aria-label="Courier"
      onSubmit={onSubmit((form) =>
        save(async () => {
          await rest('POST', '/couriers', { tenant: tenantId, provider: value(form, 'provider'), label: value(form, 'label'), credentials: value(form, 'credentials'), isDefault: true })
        }),
      )}
    >
      <Select label="Courier service" name="provider" options={['steadfast', 'pathao', 'redx']} />
      <Field label="Label" maxLength={80} name="label" placeholder="Steadfast main" required />
      <div className="onboarding__field">
        <label htmlFor="onboarding-credentials">Credentials (JSON)</label>
        <textarea id="onboarding-credentials" name="credentials" placeholder='{"apiKey": "...", "secretKey": "..."}' required rows={3} />
      </div>
      <Actions busy={busy} skip={skip} />
    </form>
  )
}

export function InviteForm({ busy, rest, save, skip, tenantId, roles }: StepFormProps & { roles: { label: string; value: string }[] }) {
  return (
    <form
      aria-label="Invite staff"
      onSubmit={onSubmit((form) =>
        save(async () => {
          await rest('POST', `/tenants/${tenantId}/invite`, { email: value(form, 'email'), role: value(form, 'role') })
        }),
      )}
    >
      <Field label="Email" name="email" required type="email" />
      <div className="onboarding__field">
        <label htmlFor="onboarding-role">Role</label>
        <select defaultValue="sales-operator" id="onboarding-role" name="role">
          {roles.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </select>
      </div>
      <Actions busy={busy} skip={skip} submitLabel="Send invitation and continue" />
    </form>
  )
}
