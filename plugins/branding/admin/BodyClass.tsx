'use client'

import { useEffect } from 'react'

/** Puts `name` on <body> while mounted: the wrapper the shop's scoped CSS and brand colours apply under. */
export function BodyClass({ name }: { name: string }) {
  useEffect(() => {
    document.body.classList.add(name)
    return () => document.body.classList.remove(name)
  }, [name])
  return null
}
