import config from '@payload-config'
import { getPayload } from 'payload'

import { previewInvitation, type InvitationPreview } from '../../../../tenancy/invitations/accept'
import { AcceptInvitationForm } from './AcceptInvitationForm'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Accept your invitation · e-merkater' }

/** /invite/<token> — the link an invitation email carries (src/tenancy/invitations). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const payload = await getPayload({ config })
  const preview: InvitationPreview | null = await previewInvitation(payload, token).catch(() => null)
  return (
    <main style={{ maxWidth: 480, margin: '48px auto', padding: 24, background: '#fff', borderRadius: 8, boxShadow: '0 1px 4px rgba(0,0,0,.08)' }}>
      <h1 style={{ marginTop: 0 }}>Join a shop</h1>
      {preview ? (
        <>
          <p>
            You are invited to <strong>{preview.shop}</strong> as <strong>{preview.role}</strong> ({preview.email}).
          </p>
          <AcceptInvitationForm accountExists={preview.accountExists} email={preview.email} token={token} />
        </>
      ) : (
        <p role="alert">This invitation is no longer valid: it was used, revoked or has expired. Ask the shop for a new one.</p>
      )}
    </main>
  )
}
