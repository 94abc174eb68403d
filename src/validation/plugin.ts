import type { CollectionBeforeOperationHook, CollectionBeforeValidateHook, Config } from 'payload'

import { bodyValues } from './body-fields'
import { dateIssues } from './dates'
import { checkDocumentId } from './ids'
import { refuse } from './issues'
import { nullByteIssues } from './null-bytes'
import { pagingIssues } from './pagination'
import { relationIdIssues } from './relation-ids'
import { requestParamIssues } from './request-params'
import { populateIssues, selectIssues } from './select'
import { sortIssues } from './sort'
import { whereIssues } from './where'

/** The operations that read a query from their arguments (not login, refresh, forgot-password…). */
const QUERYING = new Set(['read', 'readDistinct', 'count', 'create', 'update', 'delete'])

type QueryArgs = { id?: unknown; where?: unknown; sort?: unknown; select?: unknown; populate?: unknown; page?: unknown; limit?: unknown; depth?: unknown }

/**
 * Before every read, count, create, update and delete — REST, GraphQL and the Local API alike —
 * the query parameters are checked against the collection's fields, so a malformed one is a 400
 * naming the parameter instead of a 500 from PostgreSQL (or a silently dropped condition); then
 * the document id (ids.ts).
 */
const validateOperation: CollectionBeforeOperationHook = async ({ args, collection, operation, overrideAccess, req }) => {
  if (!QUERYING.has(operation)) return
  const query = args as QueryArgs
  const context = { payload: req.payload, collection, locale: req.locale ?? undefined }
  refuse([
    ...requestParamIssues(req, collection),
    ...whereIssues(context, query.where),
    ...sortIssues(context, query.sort),
    ...selectIssues(collection.flattenedFields, query.select),
    ...populateIssues(req.payload, query.populate),
    ...pagingIssues(query, { maxDepth: req.payload.config.maxDepth, capLimit: !overrideAccess }),
  ])
  await checkDocumentId(req, collection, operation, query.id, Boolean(overrideAccess))
}

/** Before any other validation hook: NUL characters, relationship values that are not ids and dates that are not dates, each with its field. */
const validateData: CollectionBeforeValidateHook = ({ collection, data }) => {
  const values = bodyValues(collection.flattenedFields, data)
  refuse([...nullByteIssues(data), ...relationIdIssues(values), ...dateIssues(values)])
  return data
}

/**
 * Validation of query parameters, ids and body values before the database, for every
 * collection (issue 14). Last in `plugins`, so it covers the plugins' collections too; its
 * `beforeOperation` hook runs after the others (tenant resolution sets the database context the
 * id lookup runs in), its `beforeValidate` hook before the others.
 */
export const queryValidationPlugin =
  () =>
  (config: Config): Config => ({
    ...config,
    collections: config.collections?.map((collection) => ({
      ...collection,
      hooks: {
        ...collection.hooks,
        beforeOperation: [...(collection.hooks?.beforeOperation ?? []), validateOperation],
        beforeValidate: [validateData, ...(collection.hooks?.beforeValidate ?? [])],
      },
    })),
  })
