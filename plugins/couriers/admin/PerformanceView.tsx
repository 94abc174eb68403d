import type { AdminViewServerProps } from 'payload'

import { PerformanceClient } from './reports/PerformanceClient'
import { renderCourierView } from './render-view'
import { mayReadPerformance, PERFORMANCE_PATH } from './view-types'
import './couriers-admin.scss'
import './reports/reports.scss'

/**
 * The admin's courier performance (`/admin/couriers/performance`): delivered, first-attempt,
 * returned and cancelled rates and pickup → delivery hours per courier account over a period,
 * as charts with the numbers beside them, by district or zone on demand. For staff who may read
 * the shop's shipments and the super-admin with a shop selected.
 */
export function PerformanceView(props: AdminViewServerProps) {
  return renderCourierView(props, {
    path: PERFORMANCE_PATH,
    viewType: 'couriersPerformance',
    label: 'Courier performance',
    className: 'courier-report-view',
    allowed: mayReadPerformance,
    refusal: 'Your role sees no shipments, so there is no courier performance to show.',
    body: <PerformanceClient />,
  })
}
