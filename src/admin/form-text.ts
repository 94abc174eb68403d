/** A form field's text (a file input's value, or a missing field, reads as ''). */
export const formText = (form: FormData, name: string): string => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}
