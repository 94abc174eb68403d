import type { NumberField } from 'payload'

/** An amount in minor units (paisa, cents): a whole number, zero or more. Never a float. */
export const minorUnits = ({ name, required = false, readOnly = false }: { name: string; required?: boolean; readOnly?: boolean }): NumberField => ({
  name,
  type: 'number',
  required,
  min: 0,
  admin: { description: 'In minor units: 1250 = 12.50', readOnly },
  validate: (value: null | number | undefined) =>
    value == null ? (required ? 'This amount is required.' : true) : Number.isInteger(value) && value >= 0 ? true : 'An amount is a whole number of minor units (e.g. 1250 for 12.50).',
})
