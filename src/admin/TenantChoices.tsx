import { Link } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'

/** A shop the signed-in user may switch a one-shop view to. */
export type TenantChoice = { id: string; name: string }

/**
 * "Shops: A · B · C" above a custom admin view that shows one shop at a time (Usage,
 * Onboarding): links to `<path>?tenant=<id>`, the current shop marked. Nothing for a single shop.
 */
export function TenantChoices({ adminRoute, path, choices, current, className }: { adminRoute: string; path: `/${string}`; choices: TenantChoice[]; current?: string; className: string }) {
  if (choices.length < 2) return null
  return (
    <nav aria-label="Shops" className={className}>
      <span>Shops:</span>
      {choices.map((choice) =>
        choice.id === current ? (
          <strong aria-current="page" key={choice.id}>
            {choice.name}
          </strong>
        ) : (
          <Link href={formatAdminURL({ adminRoute, path: `${path}?tenant=${choice.id}` })} key={choice.id} prefetch={false}>
            {choice.name}
          </Link>
        ),
      )}
    </nav>
  )
}
