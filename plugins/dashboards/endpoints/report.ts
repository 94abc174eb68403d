import type { Endpoint } from 'payload'

import { fail, refuseIfAny, type ParamError } from '../errors'
import { hostOf } from '../options'
import { queryString } from '../period'
import { DASHBOARD_ROLES } from '../permissions'
import { CONTENT_TYPES, REPORT_FORMATS, reportCsv, reportFilename, reportRecords, reportXlsx, type ReportFormat } from '../reports/files'
import { exportRolesOf, mayExport, whoMayExport } from '../reports/settings'
import { reportTables } from '../reports/tables'
import { loadSummary } from '../summary/load'
import { dashboardTenant } from './tenant'

/** Said with the 403 to staff the shop's setting does not let export. */
export const refusalOf = (who: string): string => `Only ${who} may export this shop’s reports. A tenant admin changes that in Shop › Report settings.`

/**
 * GET /api/dashboards/report?format=csv|xlsx&period=…[&from&to][&tenant=<id>] — the Reports'
 * tables as a file: the same figures as the summary (loadSummary; the sections the caller's role
 * sees), money in the shop's major unit with its currency named. Any staff role of the shop may
 * ask (401/403 as the summary's); the shop's report settings say which roles may export (403
 * `export_not_allowed` naming them; the super-admin always may). Each download writes one
 * `export` entry to the audit log; a refusal is not an export and writes none.
 */
export const reportEndpoint: Endpoint = {
  path: '/dashboards/report',
  method: 'get',
  handler: async (req) => {
    const options = hostOf(req)
    const { tenantId, work } = await dashboardTenant(options, req, DASHBOARD_ROLES, 'see the reports')
    return options.tenancy.runWithTenant(work, async () => {
      const { roles } = await exportRolesOf(req, tenantId)
      if (!mayExport(roles, await options.tenancy.roleIn(req, tenantId))) throw fail('export_not_allowed', refusalOf(whoMayExport(roles)), 403, { roles })
      const errors: ParamError[] = []
      const format = queryString(req.query, 'format', errors) as ReportFormat
      if (!REPORT_FORMATS.includes(format)) errors.push({ path: 'format', message: `One of ${REPORT_FORMATS.join(', ')}.` })
      refuseIfAny(errors)
      const summary = await loadSummary(options, req, tenantId, req.query)
      const { slug } = await options.tenancy.tenantFacts(req, tenantId)
      const records = reportRecords(reportTables(summary), summary.currency, options.admin.minorDigits(summary.currency))
      const body = format === 'csv' ? reportCsv(records, options.csvCell) : new Uint8Array(await reportXlsx(records, summary, slug ?? tenantId))
      const sections = Object.keys(summary.sections)
      await options.audit(req, { tenant: tenantId, action: 'export', summary: `report ${format} ${summary.period.from}..${summary.period.to} (${sections.join(', ') || 'no sections'})` })
      return new Response(body, {
        headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${reportFilename(slug, summary, format)}"`, 'cache-control': 'no-store' },
      })
    })
  },
}
