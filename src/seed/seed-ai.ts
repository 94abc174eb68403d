import type { Payload, PayloadRequest } from 'payload'

import type { Tenant } from '../../payload-types'
import { DEMO_PLAN_OF } from './demo-extras'

type Ctx = { payload: Payload; req: PayloadRequest }

/**
 * The inbox assistant's settings (plugins/ai) for the demo shops whose plan includes AI (acme):
 * persona, Bangla replies, and a delivery policy that names Dhanmondi — so "Suggest a reply" on
 * the seeded question ("Can you deliver to Dhanmondi by Friday?") drafts a Bangla answer quoting
 * it. The auto-reply stays off (a shop opts in per page or number). Once per shop.
 */
export async function seedAiSettings({ payload, req }: Ctx, tenant: Tenant): Promise<number> {
  if (DEMO_PLAN_OF[tenant.slug] !== 'growth') return 0
  const system = { overrideAccess: true, req, depth: 0 } as const
  const existing = await payload.count({ collection: 'ai-settings', where: { tenant: { equals: tenant.id } }, ...system })
  if (existing.totalDocs > 0) return 0
  await payload.create({
    collection: 'ai-settings',
    data: {
      tenant: tenant.id,
      persona: `${tenant.name} customer desk`,
      tone: 'friendly',
      replyLanguage: 'bn',
      instructions: 'Address customers as “আপনি”. Mention cash on delivery when it helps.',
      policy:
        'ঢাকার ভেতরে (Dhanmondi, Gulshan, Mirpur, Uttara) ২ দিনে ডেলিভারি, চার্জ ৬০ টাকা; বুধবার সন্ধ্যা ৬টার মধ্যে কনফার্ম করা অর্ডার শুক্রবারের মধ্যে পৌঁছায়। ঢাকার বাইরে ৩–৫ দিন, চার্জ ১২০ টাকা। সব জায়গায় ক্যাশ অন ডেলিভারি। পণ্য হাতে পেয়ে ৭ দিনের মধ্যে ফেরত দেওয়া যায়।',
      handoffKeywords: ['refund', 'complaint', 'ফেরত', 'অভিযোগ'],
      features: { suggestReply: true, summarise: true, draftOrder: true, autoReply: false },
    },
    ...system,
  })
  return 1
}
