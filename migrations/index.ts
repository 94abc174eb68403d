import * as migration_20261123_141308_initial from './20261123_141308_initial';
import * as migration_20261123_145024_tenancy_core from './20261123_145024_tenancy_core';
import * as migration_20261123_145109_api_key_scopes from './20261123_145109_api_key_scopes';
import * as migration_20261123_160514_row_level_security from './20261123_160514_row_level_security';
import * as migration_20261123_173044_quotas from './20261123_173044_quotas';
import * as migration_20261123_175424_audit_log_and_schedule_tick from './20261123_175424_audit_log_and_schedule_tick';
import * as migration_20261123_180938_tenant_lifecycle from './20261123_180938_tenant_lifecycle';
import * as migration_20261123_182007_exports from './20261123_182007_exports';
import * as migration_20261123_182813_onboarding from './20261123_182813_onboarding';
import * as migration_20261123_194347_meta from './20261123_194347_meta';
import * as migration_20261201_200000_identity_backstop from './20261201_200000_identity_backstop';
import * as migration_20261201_202247_identity_invitations from './20261201_202247_identity_invitations';
import * as migration_20261201_210000_rate_limits from './20261201_210000_rate_limits';
import * as migration_20261201_210100_throttling from './20261201_210100_throttling';
import * as migration_20261201_220000_meta_channel_proof from './20261201_220000_meta_channel_proof';
import * as migration_20261201_220500_meta_channel_proof_sql from './20261201_220500_meta_channel_proof_sql';
import * as migration_20261202_064324_scheduled_tasks from './20261202_064324_scheduled_tasks';
import * as migration_20261202_071519_plugin_scheduled_tasks from './20261202_071519_plugin_scheduled_tasks';
import * as migration_20261202_100000_rls_subtable_tenant from './20261202_100000_rls_subtable_tenant';
import * as migration_20261202_102743_couriers from './20261202_102743_couriers';
import * as migration_20261202_102800_couriers_sql from './20261202_102800_couriers_sql';
import * as migration_20261202_152719_courier_payout_jobs from './20261202_152719_courier_payout_jobs';
import * as migration_20261202_160830_billing from './20261202_160830_billing';
import * as migration_20261202_160900_billing_sql from './20261202_160900_billing_sql';
import * as migration_20261202_162914_shop_settings from './20261202_162914_shop_settings';
import * as migration_20261202_163000_shop_settings_sql from './20261202_163000_shop_settings_sql';
import * as migration_20261202_195052_shop_mail_custom_fields from './20261202_195052_shop_mail_custom_fields';
import * as migration_20261202_195100_shop_mail_custom_fields_sql from './20261202_195100_shop_mail_custom_fields_sql';
import * as migration_20261202_224710_dashboards from './20261202_224710_dashboards';
import * as migration_20261202_224800_dashboards_sql from './20261202_224800_dashboards_sql';
import * as migration_20261202_224900_dashboards_platform_sql from './20261202_224900_dashboards_platform_sql';
import * as migration_20261203_054755_report_settings from './20261203_054755_report_settings';
import * as migration_20261203_054800_report_settings_sql from './20261203_054800_report_settings_sql';
import * as migration_20261203_055944_ai_assistant from './20261203_055944_ai_assistant';
import * as migration_20261203_060000_ai_assistant_sql from './20261203_060000_ai_assistant_sql';
import * as migration_20261203_165249_impersonation from './20261203_165249_impersonation';
import * as migration_20261203_170000_platform_health_sql from './20261203_170000_platform_health_sql';
import * as migration_20261203_173438_platform_health from './20261203_173438_platform_health';
import * as migration_20261203_185522_tenant_keys from './20261203_185522_tenant_keys';
import * as migration_20261203_213000_platform_counts_sql from './20261203_213000_platform_counts_sql';
import * as migration_20261204_005319_encrypted_phone_email from './20261204_005319_encrypted_phone_email';
import * as migration_20261204_045144_impersonation_sweep from './20261204_045144_impersonation_sweep';

export const migrations = [
  {
    up: migration_20261123_141308_initial.up,
    down: migration_20261123_141308_initial.down,
    name: '20261123_141308_initial',
  },
  {
    up: migration_20261123_145024_tenancy_core.up,
    down: migration_20261123_145024_tenancy_core.down,
    name: '20261123_145024_tenancy_core',
  },
  {
    up: migration_20261123_145109_api_key_scopes.up,
    down: migration_20261123_145109_api_key_scopes.down,
    name: '20261123_145109_api_key_scopes',
  },
  {
    up: migration_20261123_160514_row_level_security.up,
    down: migration_20261123_160514_row_level_security.down,
    name: '20261123_160514_row_level_security',
  },
  {
    up: migration_20261123_173044_quotas.up,
    down: migration_20261123_173044_quotas.down,
    name: '20261123_173044_quotas',
  },
  {
    up: migration_20261123_175424_audit_log_and_schedule_tick.up,
    down: migration_20261123_175424_audit_log_and_schedule_tick.down,
    name: '20261123_175424_audit_log_and_schedule_tick',
  },
  {
    up: migration_20261123_180938_tenant_lifecycle.up,
    down: migration_20261123_180938_tenant_lifecycle.down,
    name: '20261123_180938_tenant_lifecycle',
  },
  {
    up: migration_20261123_182007_exports.up,
    down: migration_20261123_182007_exports.down,
    name: '20261123_182007_exports',
  },
  {
    up: migration_20261123_182813_onboarding.up,
    down: migration_20261123_182813_onboarding.down,
    name: '20261123_182813_onboarding',
  },
  {
    up: migration_20261123_194347_meta.up,
    down: migration_20261123_194347_meta.down,
    name: '20261123_194347_meta',
  },
  {
    up: migration_20261201_200000_identity_backstop.up,
    down: migration_20261201_200000_identity_backstop.down,
    name: '20261201_200000_identity_backstop',
  },
  {
    up: migration_20261201_202247_identity_invitations.up,
    down: migration_20261201_202247_identity_invitations.down,
    name: '20261201_202247_identity_invitations',
  },
  {
    up: migration_20261201_210000_rate_limits.up,
    down: migration_20261201_210000_rate_limits.down,
    name: '20261201_210000_rate_limits',
  },
  {
    up: migration_20261201_210100_throttling.up,
    down: migration_20261201_210100_throttling.down,
    name: '20261201_210100_throttling',
  },
  {
    up: migration_20261201_220000_meta_channel_proof.up,
    down: migration_20261201_220000_meta_channel_proof.down,
    name: '20261201_220000_meta_channel_proof',
  },
  {
    up: migration_20261201_220500_meta_channel_proof_sql.up,
    down: migration_20261201_220500_meta_channel_proof_sql.down,
    name: '20261201_220500_meta_channel_proof_sql',
  },
  {
    up: migration_20261202_064324_scheduled_tasks.up,
    down: migration_20261202_064324_scheduled_tasks.down,
    name: '20261202_064324_scheduled_tasks',
  },
  {
    up: migration_20261202_071519_plugin_scheduled_tasks.up,
    down: migration_20261202_071519_plugin_scheduled_tasks.down,
    name: '20261202_071519_plugin_scheduled_tasks',
  },
  {
    up: migration_20261202_100000_rls_subtable_tenant.up,
    down: migration_20261202_100000_rls_subtable_tenant.down,
    name: '20261202_100000_rls_subtable_tenant',
  },
  {
    up: migration_20261202_102743_couriers.up,
    down: migration_20261202_102743_couriers.down,
    name: '20261202_102743_couriers',
  },
  {
    up: migration_20261202_102800_couriers_sql.up,
    down: migration_20261202_102800_couriers_sql.down,
    name: '20261202_102800_couriers_sql',
  },
  {
    up: migration_20261202_152719_courier_payout_jobs.up,
    down: migration_20261202_152719_courier_payout_jobs.down,
    name: '20261202_152719_courier_payout_jobs',
  },
  {
    up: migration_20261202_160830_billing.up,
    down: migration_20261202_160830_billing.down,
    name: '20261202_160830_billing',
  },
  {
    up: migration_20261202_160900_billing_sql.up,
    down: migration_20261202_160900_billing_sql.down,
    name: '20261202_160900_billing_sql',
  },
  {
    up: migration_20261202_162914_shop_settings.up,
    down: migration_20261202_162914_shop_settings.down,
    name: '20261202_162914_shop_settings',
  },
  {
    up: migration_20261202_163000_shop_settings_sql.up,
    down: migration_20261202_163000_shop_settings_sql.down,
    name: '20261202_163000_shop_settings_sql',
  },
  {
    up: migration_20261202_195052_shop_mail_custom_fields.up,
    down: migration_20261202_195052_shop_mail_custom_fields.down,
    name: '20261202_195052_shop_mail_custom_fields',
  },
  {
    up: migration_20261202_195100_shop_mail_custom_fields_sql.up,
    down: migration_20261202_195100_shop_mail_custom_fields_sql.down,
    name: '20261202_195100_shop_mail_custom_fields_sql',
  },
  {
    up: migration_20261202_224710_dashboards.up,
    down: migration_20261202_224710_dashboards.down,
    name: '20261202_224710_dashboards',
  },
  {
    up: migration_20261202_224800_dashboards_sql.up,
    down: migration_20261202_224800_dashboards_sql.down,
    name: '20261202_224800_dashboards_sql',
  },
  {
    up: migration_20261202_224900_dashboards_platform_sql.up,
    down: migration_20261202_224900_dashboards_platform_sql.down,
    name: '20261202_224900_dashboards_platform_sql',
  },
  {
    up: migration_20261203_054755_report_settings.up,
    down: migration_20261203_054755_report_settings.down,
    name: '20261203_054755_report_settings',
  },
  {
    up: migration_20261203_054800_report_settings_sql.up,
    down: migration_20261203_054800_report_settings_sql.down,
    name: '20261203_054800_report_settings_sql',
  },
  {
    up: migration_20261203_055944_ai_assistant.up,
    down: migration_20261203_055944_ai_assistant.down,
    name: '20261203_055944_ai_assistant',
  },
  {
    up: migration_20261203_060000_ai_assistant_sql.up,
    down: migration_20261203_060000_ai_assistant_sql.down,
    name: '20261203_060000_ai_assistant_sql',
  },
  {
    up: migration_20261203_165249_impersonation.up,
    down: migration_20261203_165249_impersonation.down,
    name: '20261203_165249_impersonation',
  },
  {
    up: migration_20261203_170000_platform_health_sql.up,
    down: migration_20261203_170000_platform_health_sql.down,
    name: '20261203_170000_platform_health_sql',
  },
  {
    up: migration_20261203_173438_platform_health.up,
    down: migration_20261203_173438_platform_health.down,
    name: '20261203_173438_platform_health',
  },
  {
    up: migration_20261203_185522_tenant_keys.up,
    down: migration_20261203_185522_tenant_keys.down,
    name: '20261203_185522_tenant_keys',
  },
  {
    up: migration_20261203_213000_platform_counts_sql.up,
    down: migration_20261203_213000_platform_counts_sql.down,
    name: '20261203_213000_platform_counts_sql',
  },
  {
    up: migration_20261204_005319_encrypted_phone_email.up,
    down: migration_20261204_005319_encrypted_phone_email.down,
    name: '20261204_005319_encrypted_phone_email',
  },
  {
    up: migration_20261204_045144_impersonation_sweep.up,
    down: migration_20261204_045144_impersonation_sweep.down,
    name: '20261204_045144_impersonation_sweep'
  },
];
