/* From Payload's templates; each handler runs in its own tenant scope (src/tenancy). */
import config from '@payload-config'
import '@payloadcms/next/css'
import {
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'

import { withTenantScope } from '../../../../tenancy/request-context'

export const GET = withTenantScope(REST_GET(config))
export const POST = withTenantScope(REST_POST(config))
export const DELETE = withTenantScope(REST_DELETE(config))
export const PATCH = withTenantScope(REST_PATCH(config))
export const PUT = withTenantScope(REST_PUT(config))
export const OPTIONS = REST_OPTIONS(config)
