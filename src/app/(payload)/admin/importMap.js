import { WatchTenantCollection as WatchTenantCollection_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { MoneyCell as MoneyCell_491128cca6c3a333a3d90cf532d12580 } from '../../../../src/fields/money/MoneyCell'
import { MoneyField as MoneyField_e5c999001aa759a9341c7031659dc4c9 } from '../../../../src/fields/money/MoneyField'
import { SyncPricesButton as SyncPricesButton_81ff2c4dd902874c7fb794d0af0416e9 } from '../../../../plugins/billing/admin/SyncPricesButton'
import { InvitePanel as InvitePanel_7ab84598c48b949d9118ebbac4172297 } from '../../../../src/tenancy/invitations/admin/InvitePanel'
import { TenantField as TenantField_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { AssignTenantFieldTrigger as AssignTenantFieldTrigger_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { CustomFieldsCell as CustomFieldsCell_dd8eedb795958d9fc187695854920701 } from '../../../../plugins/branding/custom-fields/admin/CustomFieldsCell'
import { CustomFieldsField as CustomFieldsField_6e01ed386200803eb4754fdd11df810b } from '../../../../plugins/branding/custom-fields/admin/CustomFieldsField'
import { CustomerRisk as CustomerRisk_b50c1d429c63ee0128f23e4f51f1f1ca } from '../../../../plugins/couriers/admin/RiskBadge'
import { BookShipment as BookShipment_7515d6d7334825177bb05823458a08ed } from '../../../../plugins/couriers/admin/BookShipment'
import { BulkBookButton as BulkBookButton_9622486d3b2032ea28a7c0281f86758e } from '../../../../plugins/couriers/admin/BulkBookButton'
import { ChannelStatusCell as ChannelStatusCell_c9f572ced5c2a349fadfecea987964be } from '../../../../plugins/meta/admin/ChannelStatusCell'
import { TestConnectionButton as TestConnectionButton_6f0dce664dcee1ec15a8a9ad865f9385 } from '../../../../plugins/meta/admin/TestConnectionButton'
import { WebhookSetup as WebhookSetup_b29b4428bc007a696ab0427ee85cd3f8 } from '../../../../plugins/couriers/admin/WebhookSetup'
import { ProgressCell as ProgressCell_8e5e0c15eb5a8dd0b5020d58140c0c6f } from '../../../../src/export/admin/ProgressCell'
import { RequestExportButton as RequestExportButton_c74fd5dab3ba2759ede39f1dc106f0a9 } from '../../../../src/export/admin/RequestExportButton'
import { SyncTemplatesButton as SyncTemplatesButton_dbfe43ba95f59c3a21398d6e4ad2aee9 } from '../../../../plugins/meta/admin/SyncTemplatesButton'
import { ProviderNotice as ProviderNotice_06e79077179a9f2fe01798656d27b64f } from '../../../../plugins/ai/admin/ProviderNotice'
import { SendTestEmailButton as SendTestEmailButton_6a501bde95d54433e43f90e0130e2b3b } from '../../../../plugins/branding/admin/SendTestEmailButton'
import { GrantActions as GrantActions_617a4cedad8801f4526417fc37f4e6fc } from '../../../../plugins/impersonation/admin/GrantActions'
import { PastDueBanner as PastDueBanner_de18945575c74d4452e80887850e6c7b } from '../../../../plugins/billing/admin/PastDueBanner'
import { ShopTheme as ShopTheme_e5aa7da0626a814720ef547e61f6f548 } from '../../../../plugins/branding/admin/ShopTheme'
import { ImpersonationBanner as ImpersonationBanner_2ad7fa3c7e6ad991428ef8c3d31aa3be } from '../../../../plugins/impersonation/admin/ImpersonationBanner'
import { ShopLogo as ShopLogo_a850ccca5fe9150e0096a9fcb2e98548 } from '../../../../plugins/branding/admin/ShopLogo'
import { ImportNavLink as ImportNavLink_9b6c09ee0c50888f8d9ff25794400c3e } from '../../../../src/import/admin/ImportNavLink'
import { PlatformHealthNavLink as PlatformHealthNavLink_129b6ede9c8fd0636447ec9771d79f5a } from '../../../../src/platform-health/admin/PlatformHealthNavLink'
import { InboxNavLink as InboxNavLink_1eefee9546bc78a6d57afd26019b68e6 } from '../../../../plugins/meta/admin/InboxNavLink'
import { CouriersNavLinks as CouriersNavLinks_a8479ff26afd68d81a1548d44502e129 } from '../../../../plugins/couriers/admin/CouriersNavLinks'
import { BillingNavLink as BillingNavLink_3635536c062f5c0be3f3ba577f8dc32d } from '../../../../plugins/billing/admin/BillingNavLink'
import { AdminNavLink as AdminNavLink_e53a505c3397b7687f4655dbfa2ba49d } from '../../../../src/admin/AdminNavLink'
import { OnboardingBanner as OnboardingBanner_3a3257659e5e88002539e10ec30c5acd } from '../../../../src/onboarding/admin/OnboardingBanner'
import { TenantSelector as TenantSelector_d6d5f193a167989e2ee7d14202901e62 } from '@payloadcms/plugin-multi-tenant/rsc'
import { ShopNavBrand as ShopNavBrand_a850ccca5fe9150e0096a9fcb2e98548 } from '../../../../plugins/branding/admin/ShopLogo'
import { TenantSelectionProvider as TenantSelectionProvider_d6d5f193a167989e2ee7d14202901e62 } from '@payloadcms/plugin-multi-tenant/rsc'
import { OnboardingView as OnboardingView_fca6ab458b5cad04b95bfc06b737e79b } from '../../../../src/onboarding/admin/OnboardingView'
import { ImportView as ImportView_25045ec24038eba08362a7e2834747ec } from '../../../../src/import/admin/ImportView'
import { PlatformHealthView as PlatformHealthView_09578c3d1e012b61809e76779503cdc3 } from '../../../../src/platform-health/admin/PlatformHealthView'
import { InboxView as InboxView_5e62578422da9495621083b46ebd7dc4 } from '../../../../plugins/meta/admin/InboxView'
import { ReconciliationView as ReconciliationView_67760e112e786db9363488df6e464e4e } from '../../../../plugins/couriers/admin/ReconciliationView'
import { PerformanceView as PerformanceView_85503d35e447edc6e79b234b6ea7cb9b } from '../../../../plugins/couriers/admin/PerformanceView'
import { BillingView as BillingView_895e564bae3c24bce2412e370248d08c } from '../../../../plugins/billing/admin/BillingView'
import { UsageView as UsageView_04681ab11ee3874bf287fa0426cc5789 } from '../../../../plugins/quotas/admin/UsageView'
import { DashboardView as DashboardView_e15a8c72ddcc74f239f4f0fc301fb341 } from '../../../../plugins/dashboards/admin/DashboardView'
import { ReportsView as ReportsView_148522880f1281e92a853a3f6321f829 } from '../../../../plugins/dashboards/admin/ReportsView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'
import { AdminViewShell as AdminViewShell_5a5386b0571cc2ba8d12359f822ce6fa } from '../../../../src/admin/AdminViewShell'
import { requireAdminUser as requireAdminUser_5a5386b0571cc2ba8d12359f822ce6fa } from '../../../../src/admin/AdminViewShell'
import { InboxAssistant as InboxAssistant_010ce9355e916d1d8a29a2ce8915b263 } from '../../../../plugins/ai/admin/InboxAssistant'
import { TenantChoices as TenantChoices_d50d4cb7b74594d023baef6bee800d57 } from '../../../../src/admin/TenantChoices'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/plugin-multi-tenant/client#WatchTenantCollection": WatchTenantCollection_1d0591e3cf4f332c83a86da13a0de59a,
  "/src/fields/money/MoneyCell#MoneyCell": MoneyCell_491128cca6c3a333a3d90cf532d12580,
  "/src/fields/money/MoneyField#MoneyField": MoneyField_e5c999001aa759a9341c7031659dc4c9,
  "/plugins/billing/admin/SyncPricesButton#SyncPricesButton": SyncPricesButton_81ff2c4dd902874c7fb794d0af0416e9,
  "/src/tenancy/invitations/admin/InvitePanel#InvitePanel": InvitePanel_7ab84598c48b949d9118ebbac4172297,
  "@payloadcms/plugin-multi-tenant/client#TenantField": TenantField_1d0591e3cf4f332c83a86da13a0de59a,
  "@payloadcms/plugin-multi-tenant/client#AssignTenantFieldTrigger": AssignTenantFieldTrigger_1d0591e3cf4f332c83a86da13a0de59a,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/plugins/branding/custom-fields/admin/CustomFieldsCell#CustomFieldsCell": CustomFieldsCell_dd8eedb795958d9fc187695854920701,
  "/plugins/branding/custom-fields/admin/CustomFieldsField#CustomFieldsField": CustomFieldsField_6e01ed386200803eb4754fdd11df810b,
  "/plugins/couriers/admin/RiskBadge#CustomerRisk": CustomerRisk_b50c1d429c63ee0128f23e4f51f1f1ca,
  "/plugins/couriers/admin/BookShipment#BookShipment": BookShipment_7515d6d7334825177bb05823458a08ed,
  "/plugins/couriers/admin/BulkBookButton#BulkBookButton": BulkBookButton_9622486d3b2032ea28a7c0281f86758e,
  "/plugins/meta/admin/ChannelStatusCell#ChannelStatusCell": ChannelStatusCell_c9f572ced5c2a349fadfecea987964be,
  "/plugins/meta/admin/TestConnectionButton#TestConnectionButton": TestConnectionButton_6f0dce664dcee1ec15a8a9ad865f9385,
  "/plugins/couriers/admin/WebhookSetup#WebhookSetup": WebhookSetup_b29b4428bc007a696ab0427ee85cd3f8,
  "/src/export/admin/ProgressCell#ProgressCell": ProgressCell_8e5e0c15eb5a8dd0b5020d58140c0c6f,
  "/src/export/admin/RequestExportButton#RequestExportButton": RequestExportButton_c74fd5dab3ba2759ede39f1dc106f0a9,
  "/plugins/meta/admin/SyncTemplatesButton#SyncTemplatesButton": SyncTemplatesButton_dbfe43ba95f59c3a21398d6e4ad2aee9,
  "/plugins/ai/admin/ProviderNotice#ProviderNotice": ProviderNotice_06e79077179a9f2fe01798656d27b64f,
  "/plugins/branding/admin/SendTestEmailButton#SendTestEmailButton": SendTestEmailButton_6a501bde95d54433e43f90e0130e2b3b,
  "/plugins/impersonation/admin/GrantActions#GrantActions": GrantActions_617a4cedad8801f4526417fc37f4e6fc,
  "/plugins/billing/admin/PastDueBanner#PastDueBanner": PastDueBanner_de18945575c74d4452e80887850e6c7b,
  "/plugins/branding/admin/ShopTheme#ShopTheme": ShopTheme_e5aa7da0626a814720ef547e61f6f548,
  "/plugins/impersonation/admin/ImpersonationBanner#ImpersonationBanner": ImpersonationBanner_2ad7fa3c7e6ad991428ef8c3d31aa3be,
  "/plugins/branding/admin/ShopLogo#ShopLogo": ShopLogo_a850ccca5fe9150e0096a9fcb2e98548,
  "/src/import/admin/ImportNavLink#ImportNavLink": ImportNavLink_9b6c09ee0c50888f8d9ff25794400c3e,
  "/src/platform-health/admin/PlatformHealthNavLink#PlatformHealthNavLink": PlatformHealthNavLink_129b6ede9c8fd0636447ec9771d79f5a,
  "/plugins/meta/admin/InboxNavLink#InboxNavLink": InboxNavLink_1eefee9546bc78a6d57afd26019b68e6,
  "/plugins/couriers/admin/CouriersNavLinks#CouriersNavLinks": CouriersNavLinks_a8479ff26afd68d81a1548d44502e129,
  "/plugins/billing/admin/BillingNavLink#BillingNavLink": BillingNavLink_3635536c062f5c0be3f3ba577f8dc32d,
  "/src/admin/AdminNavLink#AdminNavLink": AdminNavLink_e53a505c3397b7687f4655dbfa2ba49d,
  "/src/onboarding/admin/OnboardingBanner#OnboardingBanner": OnboardingBanner_3a3257659e5e88002539e10ec30c5acd,
  "@payloadcms/plugin-multi-tenant/rsc#TenantSelector": TenantSelector_d6d5f193a167989e2ee7d14202901e62,
  "/plugins/branding/admin/ShopLogo#ShopNavBrand": ShopNavBrand_a850ccca5fe9150e0096a9fcb2e98548,
  "@payloadcms/plugin-multi-tenant/rsc#TenantSelectionProvider": TenantSelectionProvider_d6d5f193a167989e2ee7d14202901e62,
  "/src/onboarding/admin/OnboardingView#OnboardingView": OnboardingView_fca6ab458b5cad04b95bfc06b737e79b,
  "/src/import/admin/ImportView#ImportView": ImportView_25045ec24038eba08362a7e2834747ec,
  "/src/platform-health/admin/PlatformHealthView#PlatformHealthView": PlatformHealthView_09578c3d1e012b61809e76779503cdc3,
  "/plugins/meta/admin/InboxView#InboxView": InboxView_5e62578422da9495621083b46ebd7dc4,
  "/plugins/couriers/admin/ReconciliationView#ReconciliationView": ReconciliationView_67760e112e786db9363488df6e464e4e,
  "/plugins/couriers/admin/PerformanceView#PerformanceView": PerformanceView_85503d35e447edc6e79b234b6ea7cb9b,
  "/plugins/billing/admin/BillingView#BillingView": BillingView_895e564bae3c24bce2412e370248d08c,
  "/plugins/quotas/admin/UsageView#UsageView": UsageView_04681ab11ee3874bf287fa0426cc5789,
  "/plugins/dashboards/admin/DashboardView#DashboardView": DashboardView_e15a8c72ddcc74f239f4f0fc301fb341,
  "/plugins/dashboards/admin/ReportsView#ReportsView": ReportsView_148522880f1281e92a853a3f6321f829,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1,
  "/src/admin/AdminViewShell#AdminViewShell": AdminViewShell_5a5386b0571cc2ba8d12359f822ce6fa,
  "/src/admin/AdminViewShell#requireAdminUser": requireAdminUser_5a5386b0571cc2ba8d12359f822ce6fa,
  "/plugins/ai/admin/InboxAssistant#InboxAssistant": InboxAssistant_010ce9355e916d1d8a29a2ce8915b263,
  "/src/admin/TenantChoices#TenantChoices": TenantChoices_d50d4cb7b74594d023baef6bee800d57
}
