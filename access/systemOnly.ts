import type { FieldAccess } from 'payload'

const nobody: FieldAccess = () => false

/**
 * Field access for values the platform maintains (connection state, counters, ids Meta gave):
 * no API caller creates or changes them — REST, GraphQL, the admin and the Local API with
 * `overrideAccess: false` all have them stripped from the data (the stored value stays). The
 * system's own writes (`overrideAccess: true`) still set them.
 */
export const systemOnly = { create: nobody, update: nobody }
