import { Badge } from './Badge'
import { formatMoney, formatPeriod } from './format'
import { invoiceLabel, invoiceTone } from './status'
import type { InvoiceRow } from './types'

/** The shop's invoices (the summary's `invoices`): number, period, amount, a status badge, the hosted invoice and its PDF. */
export function InvoicesTable({ invoices }: { invoices: InvoiceRow[] }) {
  return (
    <section aria-labelledby="billing-invoices-title" className="billing__panel">
      <h2 id="billing-invoices-title">Invoices</h2>
      {invoices.length === 0 ? (
        <p className="billing__empty" data-testid="billing-invoices">
          No invoices yet.
        </p>
      ) : (
        <div className="billing__table-wrap">
          <table className="billing__table" data-testid="billing-invoices">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Period</th>
                <th className="billing__num" scope="col">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="billing__sr-only">Links</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr data-invoice={invoice.id} key={invoice.id}>
                  <td>{invoice.number ?? '—'}</td>
                  <td>{formatPeriod(invoice.periodStart, invoice.periodEnd)}</td>
                  <td className="billing__num">
                    {formatMoney(invoice.amountDue, invoice.currency)}
                    {invoice.amountPaid > 0 && invoice.amountPaid !== invoice.amountDue && <small className="billing__hint"> ({formatMoney(invoice.amountPaid, invoice.currency)} paid)</small>}
                  </td>
                  <td>
                    <Badge dataStatus={invoice.status} tone={invoiceTone(invoice.status)}>
                      {invoiceLabel(invoice.status)}
                    </Badge>
                  </td>
                  <td className="billing__links">
                    {invoice.hostedUrl && (
                      <a href={invoice.hostedUrl} rel="noreferrer" target="_blank">
                        {invoice.status === 'open' ? 'Pay' : 'View'}
                      </a>
                    )}
                    {invoice.pdfUrl && (
                      <a href={invoice.pdfUrl} rel="noreferrer" target="_blank">
                        PDF
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
