import type { PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { issue, shown, type Issue } from './issues'

/** Flags Payload reads as `true`/`false` and silently ignores when they are anything else. */
const FLAGS = ['draft', 'trash', 'pagination'] as const

/**
 * Query parameters Payload parses before any hook sees them (it turns `draft=maybe` into
 * "absent"), read from the URL. Only for the REST route of this very collection: a Local API
 * call made inside another endpoint shares that endpoint's URL, which was not meant for it.
 */
export function requestParamIssues(req: PayloadRequest, collection: SanitizedCollectionConfig): Issue[] {
  const params = req.searchParams
  if (req.payloadAPI !== 'REST' || req.routeParams?.collection !== collection.slug || !params) return []
  const issues: Issue[] = FLAGS.flatMap((flag) =>
    params
      .getAll(flag)
      .filter((value) => value !== 'true' && value !== 'false')
      .map((value) => issue('invalid_query', flag, `\`${flag}\` must be true or false, not ${shown(value)}.`)),
  )
  return [...issues, ...localeIssues(req, params)]
}

const NO_FALLBACK = ['none', 'false', 'null']

/**
 * `locale` and `fallback-locale` (or `fallbackLocale`). With localization Payload replaces an
 * unknown locale by the default only when fallback is on, so an unknown one is refused here;
 * without localization (this app) there are no locales to ask for, only `all`.
 */
function localeIssues(req: PayloadRequest, params: URLSearchParams): Issue[] {
  const localization = req.payload.config.localization
  const codes = localization ? localization.localeCodes : []
  const choices = [...codes, 'all'].join(', ')
  const issues: Issue[] = []
  for (const locale of params.getAll('locale')) {
    if (locale === '' || locale === 'all' || locale === '*' || codes.includes(locale)) continue
    issues.push(issue('invalid_query', 'locale', localization ? `${shown(locale)} is not a locale: use one of ${choices}.` : `This API has no locales: leave \`locale\` out (or use all), not ${shown(locale)}.`))
  }
  for (const name of ['fallback-locale', 'fallbackLocale']) {
    for (const fallback of params.getAll(name)) {
      if (fallback === '' || NO_FALLBACK.includes(fallback) || codes.includes(fallback)) continue
      issues.push(
        issue('invalid_query', name, localization ? `${shown(fallback)} is not a locale: use one of ${codes.join(', ')}, or none.` : `This API has no locales: leave \`${name}\` out, not ${shown(fallback)}.`),
      )
    }
  }
  return issues
}
