import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** Row-level security on the shops' mail settings and custom field definitions (issue 18): app_rls_protect_all, by hand (Payload generates no policies). */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
