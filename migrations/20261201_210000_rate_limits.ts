import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The rate limits' counters (src/ratelimit/store.ts), shared by every app instance. The columns
 * are the ones rate-limiter-flexible's RateLimiterPostgres reads and upserts (`key`, `points`,
 * `expire` in epoch milliseconds); it is created here because the runtime role may not run DDL
 * (the limiter is told `tableCreated: true`). No tenant column, so no row-level security: keys
 * are IPs, hashed emails, tenant and API key ids. The runtime role gets SELECT/INSERT/UPDATE/DELETE
 * like on every table (src/db/roles.ts, default privileges).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    create table if not exists rate_limits (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    );
    create index if not exists rate_limits_expire_idx on rate_limits (expire);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`drop table if exists rate_limits`)
}
