import { SignupForm } from './SignupForm'

export const dynamic = 'force-dynamic'

/** /signup — a business opens its shop: a trial tenant and its first tenant-admin. */
export default function SignupPage() {
  const open = (process.env.SIGNUP_ENABLED ?? 'true') !== 'false'
  return (
    <main style={{ maxWidth: 480, margin: '48px auto', padding: 24, background: '#fff', borderRadius: 8, boxShadow: '0 1px 4px rgba(0,0,0,.08)' }}>
      <h1 style={{ marginTop: 0 }}>Open your shop</h1>
      {open ? (
        <>
          <p>Sell through your Facebook page and WhatsApp number. Free for {process.env.TRIAL_DAYS ?? 14} days.</p>
          <SignupForm />
        </>
      ) : (
        <p role="status">Sign-up is closed at the moment. Please contact us to open a shop.</p>
      )}
    </main>
  )
}
