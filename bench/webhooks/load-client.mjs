// The load generator of bench/webhooks, in its own thread so that it does not share the app's
// event loop: signs each body as Meta does and POSTs it with `concurrency` requests in flight.
import { createHmac } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'

const { url, bodies, concurrency, secret } = workerData
const latencies = []
let next = 0
let failed = null
const started = performance.now()
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < bodies.length && !failed) {
      const raw = bodies[next++]
      const signature = 'sha256=' + createHmac('sha256', secret).update(raw).digest('hex')
      const t0 = performance.now()
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw })
      await response.arrayBuffer()
      latencies.push(performance.now() - t0)
      if (response.status !== 200) failed = `HTTP ${response.status}`
    }
  }),
)
parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000, failed })
