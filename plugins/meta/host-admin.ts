import type { AdminViewServerProps, TypedUser } from 'payload'
import type { ReactNode } from 'react'

type ViewProps = Pick<AdminViewServerProps, 'initPageResult' | 'params' | 'searchParams'>

/** The props the host's side-nav link component is rendered with (client props). */
export type NavLinkProps = { path: `/${string}`; label: string; id: string }
/** The props the host's view shell component is rendered with. */
export type ViewShellProps = ViewProps & { viewType: string; label: string; className: string; children: ReactNode }
/** The host's `requireAdminUser` function (an import-map entry). */
export type RequireAdminUser = (props: ViewProps, path: `/${string}`) => TypedUser

/**
 * The host's admin pieces the Inbox is drawn with, named by import-map path
 * (`/src/admin/File#export`) as Payload names every admin component: the config never imports
 * React code, and a client component could not be given functions anyway. The plugin lists them
 * in `admin.dependencies`, so `generate:importmap` includes them (the quotas plugin takes the
 * same three the same way).
 */
export type MetaAdmin = {
  /**
   * A client component drawing a side-nav link from `NavLinkProps` (rendered by the plugin's
   * `InboxNavLink`, which decides who sees it). @default none — no link; the view is still at
   * `/admin/inbox`.
   */
  navLink?: string
  /** A server component: a custom view inside the admin's own layout (`ViewShellProps`). */
  viewShell: string
  /** A function (`RequireAdminUser`): the signed-in admin user of a custom view, else a redirect (custom views are public). */
  requireAdminUser: string
  /**
   * A client component drawn in every thread, above the reply box, with `ThreadToolProps` (another
   * plugin's tools, e.g. the AI assistant's buttons, handed over by the host). @default none
   */
  threadTools?: string
}

/** What a thread gives the component in `admin.threadTools`: the conversation, and ways back into the thread. */
export type ThreadToolProps = {
  conversation: { id: string; tenant?: unknown; channel: string }
  /** Put this text in the reply box (staff edit it and send it the usual way). */
  setReply: (text: string) => void
  /** Open the Create order drawer with these items prefilled (staff check and save). */
  openOrder: (items: { product: string; quantity: number; unitPrice?: number }[]) => void
}
