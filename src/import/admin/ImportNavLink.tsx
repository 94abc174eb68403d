'use client'

import React from 'react'

import { AdminNavLink } from '../../admin/AdminNavLink'

/** "Import" in the admin's side nav. */
export const ImportNavLink = () => <AdminNavLink path="/import" label="Import" id="nav-import" />
