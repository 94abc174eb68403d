'use client'

import { Pill } from '@payloadcms/ui'
import type { DefaultCellComponentProps } from 'payload'
import type React from 'react'

type PillStyle = NonNullable<React.ComponentProps<typeof Pill>['pillStyle']>

const STYLES: Record<string, { label: string; pill: PillStyle; title: string }> = {
  unverified: { label: 'Unverified', pill: 'warning', title: 'Not proven yet: receives nothing until “Test connection” proves the token controls it.' },
  connected: { label: 'Connected', pill: 'success', title: 'Verified and connected.' },
  disconnected: { label: 'Disconnected', pill: 'error', title: 'Meta refused the token: give it a new one.' },
  error: { label: 'Error', pill: 'light-gray', title: 'Verified; the last check failed (see the connection message).' },
}

/** The `status` of a page or number in the list, as a badge: an unverified channel stands out. */
export function ChannelStatusCell({ cellData }: DefaultCellComponentProps) {
  const style = STYLES[String(cellData ?? 'unverified')] ?? STYLES.unverified
  return (
    <span title={style.title}>
      <Pill pillStyle={style.pill} size="small">
        {style.label}
      </Pill>
    </span>
  )
}
