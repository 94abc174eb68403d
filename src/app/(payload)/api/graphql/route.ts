/* From Payload's templates; each request runs in its own request scope (src/http/route-handlers.ts). */
import config from '@payload-config'

import { graphqlRoute } from '../../../../http/route-handlers'

export const { POST, OPTIONS } = graphqlRoute(config)
