import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** Row-level security on the AI assistant's settings and usage ledger (issue 20): app_rls_protect_all, by hand (Payload generates no policies). */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
