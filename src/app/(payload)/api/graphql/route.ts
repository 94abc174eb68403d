/* From Payload's templates; each request runs in its own tenant scope (src/tenancy). */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withTenantScope } from '../../../../tenancy/request-context'

export const POST = withTenantScope(GRAPHQL_POST(config))
export const OPTIONS = REST_OPTIONS(config)
