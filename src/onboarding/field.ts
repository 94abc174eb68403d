import type { Field } from 'payload'

import { validateSteps } from './steps'

/**
 * `tenants.onboarding`: the wizard's saved progress. Not platform-only: a tenant-admin updates it
 * on their own tenant like the profile (the collection's `update` access decides who may).
 */
export const onboardingField: Field = {
  name: 'onboarding',
  type: 'group',
  admin: { description: 'Progress of the setup wizard (Admin → Onboarding).' },
  fields: [
    {
      name: 'steps',
      type: 'json',
      validate: (value: unknown) => validateSteps(value),
      admin: { readOnly: true, description: 'Each handled step: "done" or "skipped".' },
    },
    { name: 'completedAt', type: 'date', admin: { readOnly: true } },
  ],
}
