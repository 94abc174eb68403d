import type { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hostOf } from './options'

/** The host's `db.runSql`: the plugin's statements run in `req`'s transaction and tenant context. */
export const runSql = (req: PayloadRequest, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> => hostOf(req).db.runSql(req, query)
