import { type Endpoint, type PayloadRequest } from 'payload'

import { rolesAllowed } from '../../access/permissions'
import { loadDefinitions } from '../../plugins/branding'
import { minorDigits } from '../fields/money'
import { runWithTenant } from '../tenancy/request-context'
import { endpointTenant } from '../tenancy/endpoint-tenant'
import { IMPORTABLE, isImportable, type ImportCollection } from './columns'
import { CsvFileError, parseImportFile, type TenantNames } from './parse'
import { runImport } from './run-import'
import { AppError } from '../errors/app-error'
import { codeForStatus } from '../errors/codes'

/** Largest CSV accepted (bytes) and most data rows in one file. */
export const IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 5_000 }
/** The largest request: the file, and room for a multipart form's boundaries and part headers. */
const MAX_REQUEST_BYTES = IMPORT_LIMITS.maxBytes + 64 * 1024

const fail = (message: string, status: number) => new AppError(codeForStatus(status), message)

/**
 * The tenant to import into: `?tenant=<id>`, else the request's tenant (X-Tenant header, the
 * admin's selected tenant, or the user's only one). Staff must hold a role that may create
 * `collection` in that tenant by the permission matrix, and the tenant must be usable; the
 * super-admin may import anywhere.
 */
async function importTenantOf(req: PayloadRequest, collection: ImportCollection): Promise<TenantNames & { currency: string }> {
  const tenantId = await endpointTenant(req, {
    roles: rolesAllowed(collection, 'create'),
    signIn: 'Sign in to import.',
    choose: 'Name the shop to import into: ?tenant=<id>, or select one in the admin.',
    forbidden: `Your role does not allow creating ${collection} in this shop, so you cannot import them.`,
  })
  const tenant = await req.payload
    .findByID({ collection: 'tenants', id: tenantId, depth: 0, overrideAccess: true, req, disableErrors: true, select: { slug: true, name: true, currency: true } })
    .catch(() => null)
  if (!tenant) throw fail('There is no such shop.', 404)
  return { id: String(tenant.id), slug: tenant.slug, name: tenant.name, currency: tenant.currency ?? 'BDT' }
}

/** The CSV text: the raw body (`text/csv`, `text/plain`) or the `file` part of a multipart form. */
async function csvOf(req: PayloadRequest): Promise<string> {
  const type = req.headers.get('content-type') ?? ''
  const length = Number(req.headers.get('content-length') ?? 0)
  const tooLarge = () => fail(`The file is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB; split it into smaller files.`, 413)
  if (length > MAX_REQUEST_BYTES) throw tooLarge()
  let bytes: ArrayBuffer
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData!().catch(() => null)
    const file = form?.get('file')
    if (!file || typeof file === 'string') throw fail('Send the CSV file in a form field named "file".', 400)
    if (file.size > IMPORT_LIMITS.maxBytes) throw tooLarge()
    bytes = await file.arrayBuffer()
  } else if (type === '' || /^(text\/(csv|plain)|application\/(csv|octet-stream))/.test(type)) {
    bytes = await req.arrayBuffer!()
  } else {
    throw fail('Send the CSV as the body (Content-Type: text/csv) or as multipart/form-data with a "file" field.', 415)
  }
  if (bytes.byteLength > IMPORT_LIMITS.maxBytes) throw tooLarge()
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw fail('The file is not UTF-8 text. Save the CSV as UTF-8 and try again.', 400)
  }
}

const flag = (value: unknown, name: string, fallback: boolean): boolean => {
  if (value === undefined || value === '') return fallback
  if (value === 'true' || value === '1') return true
  if (value === 'false' || value === '0') return false
  throw fail(`\`${name}\` must be true or false.`, 400)
}

/**
 * POST /api/imports/:collection?dryRun=true|false&skipBadRows=true|false[&tenant=<id>] — import
 * a CSV file of products, customers or leads into one shop (README, "Import"). Answers 200
 * with the report `{ dryRun, imported, skipped, valid, total, errors: [{ row, column, reason,
 * code }], warnings }`; 400 / 401 / 403 / 413 / 415 for a request that cannot be checked.
 * `dryRun` defaults to true: writing needs `dryRun=false`.
 */
export const importEndpoint: Endpoint = {
  path: '/imports/:collection',
  method: 'post',
  // For the REST body guard (src/http/body-rules.ts): the raw CSV or a form; csvOf checks the type.
  custom: { body: { accepts: 'any', maxBytes: MAX_REQUEST_BYTES } },
  handler: async (req) => {
    const collection = req.routeParams?.collection
    if (!isImportable(collection)) throw fail(`Only ${IMPORTABLE.join(', ')} can be imported.`, 404)
    const dryRun = flag(req.query?.dryRun, 'dryRun', true)
    const skipBadRows = flag(req.query?.skipBadRows, 'skipBadRows', false)
    const tenant = await importTenantOf(req, collection)
    const text = await csvOf(req)
    // The shop's custom fields of the collection (a `cf.<key>` column each), read in its context.
    const tenancy = { tenantId: tenant.id, via: 'user' as const, ...(req.user ? { userId: String(req.user.id) } : {}) }
    const definitions = await runWithTenant(tenancy, () => loadDefinitions(req, tenant.id, collection))
    let file
    try {
      file = parseImportFile(collection, text, tenant, IMPORT_LIMITS.maxRows, { definitions, minorDigits: minorDigits(tenant.currency) })
    } catch (error) {
      if (error instanceof CsvFileError) throw fail(error.message, 400)
      throw error
    }
    const report = await runImport(req, { collection, tenantId: tenant.id, file, dryRun, skipBadRows })
    return Response.json({ ...report, tenant: { id: tenant.id, name: tenant.name } })
  },
}
