'use client'

import React from 'react'

import { AdminNavLink } from '../../../src/admin/AdminNavLink'

/** "Usage" in the admin's side nav, after the collection groups. */
export const UsageNavLink = () => <AdminNavLink path="/usage" label="Usage" id="nav-usage" />
