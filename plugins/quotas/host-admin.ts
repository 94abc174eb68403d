import type { AdminViewServerProps, PayloadRequest, TypedUser } from 'payload'
import type { ReactNode } from 'react'

/** A tenant the signed-in user may switch a one-shop view to. */
export type TenantChoice = { id: string; name: string }

/** What a one-shop admin view shows (the host decides it; its onboarding uses the same rule). */
export type ViewTarget =
  /** The super-admin without `?tenant=`: every tenant near or over a limit. */
  | { kind: 'overview' }
  /** One tenant's dashboard; `choices` are the other tenants the user may switch to. */
  | { kind: 'tenant'; tenantId: string; choices: TenantChoice[]; guessed: boolean }
  /** Nothing to show (no usable tenant, not a member, a malformed id). */
  | { kind: 'none'; message: string; choices: TenantChoice[] }

type ViewProps = Pick<AdminViewServerProps, 'initPageResult' | 'params' | 'searchParams'>

/** The props the host's view shell component is rendered with. */
export type ViewShellProps = ViewProps & { viewType: string; label: string; className: string; children: ReactNode }
/** The props the host's shop-switcher component is rendered with. */
export type TenantChoicesProps = { adminRoute: string; path: `/${string}`; choices: TenantChoice[]; current?: string; className: string }
/** The host's `requireAdminUser` function (an import-map entry). */
export type RequireAdminUser = (props: ViewProps, path: `/${string}`) => TypedUser

/**
 * The host's admin pieces the Usage view is drawn with. React components and the functions that
 * live beside them are named by import-map path (`/src/admin/File#export`), as Payload names every
 * admin component: the config never imports React code, and client components could not be given
 * functions anyway. The plugin lists them in `admin.dependencies`, so `generate:importmap`
 * includes them. `viewTarget` is a plain server function and is passed as is.
 */
export type QuotasAdmin = {
  /**
   * A client component drawing a side-nav link from `{ path, label, id }` (`afterNavLinks`).
   * @default none — no link; the view is still at `/admin/usage`.
   */
  navLink?: string
  /** A server component: a custom view inside the admin's own layout (`ViewShellProps`). */
  viewShell: string
  /** A function (`RequireAdminUser`): the signed-in admin user of a custom view, else a redirect (custom views are public). */
  requireAdminUser: string
  /** A server component: links to the other shops the user may switch the view to (`TenantChoicesProps`). */
  tenantChoices: string
  /** Which tenant the view is for: `?tenant=`, the admin's selected tenant, the user's only one… */
  viewTarget: (req: PayloadRequest, searchParams: Record<string, string | string[] | undefined> | undefined, cookies: Map<string, string> | undefined) => Promise<ViewTarget>
}
