import type { AdminViewServerProps } from 'payload'

import { ReconciliationClient } from './reports/ReconciliationClient'
import { renderCourierView } from './render-view'
import { mayReconcile, RECONCILIATION_PATH } from './view-types'
import './couriers-admin.scss'
import './reports/reports.scss'

/**
 * The admin's COD reconciliation (`/admin/couriers/reconciliation`): for each parcel booked in
 * the period, the cash expected, collected and paid out, the courier's fees and the
 * discrepancies (short paid, not settled, settled twice, returned but charged), with "Mark
 * settled", the CSV export, and payout sheet import / sync. For tenant-admins (who may read the
 * shop's courier payouts) and the super-admin with a shop selected.
 */
export function ReconciliationView(props: AdminViewServerProps) {
  return renderCourierView(props, {
    path: RECONCILIATION_PATH,
    viewType: 'couriersReconciliation',
    label: 'COD reconciliation',
    className: 'courier-report-view',
    allowed: mayReconcile,
    refusal: 'Only a shop’s tenant-admins see its cash reconciliation.',
    body: <ReconciliationClient />,
  })
}
