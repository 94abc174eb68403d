/* From Payload's templates; off in production unless GRAPHQL_PLAYGROUND=1 (src/graphql/playground.ts). */
import config from '@payload-config'
import '@payloadcms/next/css'

import { playgroundRoute } from '../../../../graphql/playground'

export const { GET } = playgroundRoute(config)
