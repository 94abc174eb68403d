'use client'

import { useTheme } from '@payloadcms/ui'
import { useEffect } from 'react'

const system = () => (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')

/**
 * The shop's default theme for a user who has not chosen one. Payload keeps a user's choice (Account ›
 * Admin theme: Light or Dark) in its theme cookie and then reports `autoMode` false: that choice wins.
 * In auto mode Payload follows the device; here the shop's light or dark replaces that, and the
 * device's comes back when the shop's admin is left (the super-admin deselecting the shop).
 */
export function DefaultTheme({ theme }: { theme: 'dark' | 'light' }) {
  const { autoMode, theme: current } = useTheme()
  useEffect(() => {
    if (autoMode === false) return
    document.documentElement.setAttribute('data-theme', theme)
    return () => {
      document.documentElement.setAttribute('data-theme', system())
    }
  }, [autoMode, current, theme])
  return null
}
