'use client'

import type { DefaultCellComponentProps } from 'payload'

/** The Exports list's progress column: a small bar and the percent done. */
export function ProgressCell({ cellData, rowData }: DefaultCellComponentProps) {
  const percent = Math.max(0, Math.min(100, Number(cellData ?? 0) || 0))
  const failed = (rowData as { status?: string } | undefined)?.status === 'failed'
  const color = failed ? 'var(--theme-error-500)' : percent >= 100 ? 'var(--theme-success-500)' : 'var(--theme-elevation-600)'
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 120 }} title={`${percent}% done`}>
      <div style={{ flex: 1, height: 6, borderRadius: 3, background: 'var(--theme-elevation-100)', overflow: 'hidden' }}>
        <div style={{ width: `${percent}%`, height: '100%', background: color }} />
      </div>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{percent}%</span>
    </div>
  )
}
