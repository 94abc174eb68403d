import net from 'node:net'

/** A loopback TCP proxy in front of PostgreSQL that a test can cut, as a restart would. */
export type TcpProxy = {
  port: number
  /** Reset every open connection and refuse new ones (ECONNREFUSED) until `restore`. */
  cut: () => Promise<void>
  /** Accept connections again, on the same port. */
  restore: () => Promise<void>
  close: () => Promise<void>
}

const listen = (server: net.Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject)
      resolve()
    })
  })

/**
 * Everything the app's pools send goes through here to `target`. Cutting it models a database
 * restart faithfully from the app's side: live sockets are reset mid-statement and new
 * connections are refused, while the real server — shared by the other test files — is untouched.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>()
  const track = (socket: net.Socket) => {
    open.add(socket)
    socket.once('close', () => open.delete(socket))
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(target)
    track(client)
    track(upstream)
    // Either side ending or failing takes the other down with it, as one TCP connection would.
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.resetAndDestroy())
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await listen(server, 0)
  const port = (server.address() as net.AddressInfo).port

  const resetAll = () => {
    for (const socket of open) socket.resetAndDestroy()
  }
  return {
    port,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      resetAll()
      await closed
    },
    restore: () => listen(server, port),
    close: async () => {
      resetAll()
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** `url` with its host and port replaced by the proxy's, and an application_name to find its backends by. */
export function throughProxy(url: string, proxy: TcpProxy, applicationName: string): string {
  const next = new URL(url)
  next.hostname = '127.0.0.1'
  next.port = String(proxy.port)
  next.searchParams.set('application_name', applicationName)
  return next.toString()
}
