import type { Pool } from 'pg'

/** True when `select 1` answers within the timeout (the load balancer must not hang on us). */
export async function pingDatabase(pool: Pool, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const query = pool
    .query('select 1')
    .then(() => true)
    .catch(() => false)
  try {
    return await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}
