/* From Payload's templates; each handler runs in its own request scope (src/http/route-handlers.ts). */
import config from '@payload-config'
import '@payloadcms/next/css'

import { restRoutes } from '../../../../http/route-handlers'

export const { GET, POST, DELETE, PATCH, PUT, OPTIONS } = restRoutes(config)
