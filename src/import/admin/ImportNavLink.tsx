'use client'

import { AdminNavLink } from '../../admin/AdminNavLink'

/** "Import" in the admin's side nav. */
export const ImportNavLink = () => <AdminNavLink path="/import" label="Import" id="nav-import" />
