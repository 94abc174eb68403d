/** Validators for tenant identifiers, shared by collections and the signup endpoint. */

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const HOST_LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

/** Slugs appear in URLs and host names (`<slug>.<BASE_DOMAIN>`), so they follow DNS label rules. */
export const validateSlug = (value: null | string | undefined): string | true => {
  if (!value) return 'A slug is required.'
  if (value.length > 63) return 'A slug has at most 63 characters.'
  if (!SLUG_RE.test(value)) {
    return 'Use lowercase letters, digits and single hyphens only, not at the start or end (e.g. "acme-shop").'
  }
  return true
}

export const validateHostname = (value: null | string | undefined): string | true => {
  if (!value) return 'A domain is required.'
  const host = value.trim().toLowerCase()
  if (host !== value) return 'Write the domain in lowercase without spaces (e.g. "shop.example.com").'
  if (host.length > 253) return 'A domain has at most 253 characters.'
  const labels = host.split('.')
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL_RE.test(label))) {
    return `"${value}" is not a valid host name (e.g. "shop.example.com").`
  }
  return true
}
