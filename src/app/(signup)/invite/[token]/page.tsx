import config from '@payload-config'
import { getPayload } from 'payload'
import type { CSSProperties } from 'react'

import { previewInvitation, type InvitationPreview } from '../../../../tenancy/invitations/accept'
import { TENANT_ROLE_LABELS, type TenantRole } from '../../../../tenancy/roles'
import { AcceptInvitationForm } from './AcceptInvitationForm'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Accept your invitation · e-merkater' }

/** /invite/<token> — the link an invitation email carries (src/tenancy/invitations). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const payload = await getPayload({ config })
  const preview: InvitationPreview | null = await previewInvitation(payload, token, { brand: true }).catch(() => null)
  const brand = preview?.brand
  // The shop's own colours (checked for contrast) on its invitation page: the button and the top border.
  const style = {
    ...(brand?.vars ?? {}),
    maxWidth: 480,
    margin: '48px auto',
    padding: 24,
    background: '#fff',
    borderRadius: 8,
    boxShadow: '0 1px 4px rgba(0,0,0,.08)',
    borderTop: '4px solid var(--brand-primary, #1b1d21)',
  } as CSSProperties
  return (
    <main data-shop-brand={brand?.slug} style={style}>
      {preview && (
        <div style={{ alignItems: 'center', display: 'flex', gap: 12, marginBottom: 16 }}>
          {brand?.logo ? <img alt={`${preview.shop} logo`} data-shop-logo={brand.slug} src={brand.logo} style={{ height: 48, width: 48, objectFit: 'contain' }} /> : null}
          <strong style={{ fontSize: 20 }}>{preview.shop}</strong>
        </div>
      )}
      <h1 style={{ marginTop: 0 }}>Join a shop</h1>
      {preview ? (
        <>
          <p>
            You are invited to <strong>{preview.shop}</strong> as <strong>{TENANT_ROLE_LABELS[preview.role as TenantRole] ?? preview.role}</strong> ({preview.email}).
          </p>
          <AcceptInvitationForm accountExists={preview.accountExists} email={preview.email} token={token} />
        </>
      ) : (
        <p role="alert">This invitation is no longer valid: it was used, revoked or has expired. Ask the shop for a new one.</p>
      )}
    </main>
  )
}
