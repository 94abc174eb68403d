import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/** Row-level security on the shops' report settings (issue 19, who may export the Reports) and their export roles: app_rls_protect_all, by hand (Payload generates no policies). */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`select app_rls_protect_all()`)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
