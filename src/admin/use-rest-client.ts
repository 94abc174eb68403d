'use client'

import { useConfig } from '@payloadcms/ui'
import { useMemo } from 'react'

import { restClient, type RestCall } from './rest-client'

/**
 * In an admin view: the REST client (rest-client.ts) for this admin's API route
 * (`${serverURL}${routes.api}`); with `tenantId`, every call names that tenant (X-Tenant-ID).
 */
export function useRestClient(tenantId?: string): RestCall {
  const {
    config: {
      serverURL,
      routes: { api },
    },
  } = useConfig()
  return useMemo(() => restClient(`${serverURL ?? ''}${api}`, tenantId ? { 'x-tenant-id': tenantId } : {}), [api, serverURL, tenantId])
}
