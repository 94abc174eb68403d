/**
 * Count several limits of one request at once (one round trip) and throw the first refusal in
 * the order given; every limit is counted either way, as the request did happen.
 */
export async function allLimits(checks: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(checks)
  const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (refused) throw refused.reason
}
