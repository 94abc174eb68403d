import type { ReactNode } from 'react'

export const metadata = { title: 'Open your shop · e-merkater' }

/** The public pages' own root layout (the admin has Payload's, in the (payload) group). */
export default function SignupLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: 'system-ui, sans-serif', background: '#f5f6f8', color: '#1b1d21' }}>{children}</body>
    </html>
  )
}
