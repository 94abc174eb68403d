'use client'

import { useState } from 'react'

import { useRestClient } from '../../admin/use-rest-client'
import { ONBOARDING_STEPS, STEP_LABELS, doneCount, recordStep, resumeStep, stepsOf, type OnboardingProgress, type OnboardingStep } from '../steps'
import { BrandingForm, ChannelForm, CourierForm, InviteForm, ProfileForm, type BrandingInitial, type ProfileInitial, type Save } from './forms'

export type WizardProps = {
  tenantId: string
  tenantName: string
  progress: OnboardingProgress
  profile: ProfileInitial
  branding: BrandingInitial
  roles: { label: string; value: string }[]
  dashboardHref: string
}

const STEP_HINTS: Record<OnboardingStep, string> = {
  profile: 'How customers see your shop, and the time zone and currency of your orders.',
  branding: 'A logo and colours for your storefront. Everything here is optional.',
  channel: 'Connect the first Facebook page or WhatsApp Business number your customers write to.',
  courier: 'The courier account that delivers your orders.',
  invite: 'Invite a colleague; they receive an email to set their password.',
}

/**
 * The onboarding wizard (client side). Every step saves through the REST API as the signed-in
 * user and then records itself in `tenants.onboarding` (one PATCH: the step's tenant fields and
 * the progress together); the wizard opens at the first step neither done nor skipped.
 */
export function OnboardingWizard({ branding, dashboardHref, profile, progress: initialProgress, roles, tenantId, tenantName }: WizardProps) {
  const rest = useRestClient(tenantId)
  const [progress, setProgress] = useState<OnboardingProgress>(initialProgress)
  const [current, setCurrent] = useState<null | OnboardingStep>(resumeStep(initialProgress))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<null | string>(null)

  const patchTenant = async (data: Record<string, unknown>) => {
    const { doc } = await rest<{ doc: { onboarding?: OnboardingProgress } }>('PATCH', `/tenants/${tenantId}?depth=0`, data)
    const saved = doc.onboarding ?? {}
    setProgress(saved)
    return saved
  }

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  const finishStep = (step: OnboardingStep, outcome: 'done' | 'skipped', data: Record<string, unknown> = {}) =>
    patchTenant({ ...data, onboarding: recordStep(progress, step, outcome) }).then((saved) => setCurrent(resumeStep(saved)))

  const saveFor =
    (step: OnboardingStep): Save =>
    (work) =>
      run(async () => {
        const data = typeof work === 'function' ? await work() : work
        await finishStep(step, 'done', data ?? {})
      })
  const skipFor = (step: OnboardingStep) => () => void run(() => finishStep(step, 'skipped'))
  const finish = () => void run(async () => void (await patchTenant({ onboarding: { ...progress, completedAt: new Date().toISOString() } })))

  const steps = stepsOf(progress)
  const common = (step: OnboardingStep) => ({ busy, rest, save: saveFor(step), skip: skipFor(step), tenantId })

  return (
    <div className="onboarding" data-current-step={current ?? 'finish'}>
      <p className="onboarding__intro">
        Setting up <strong>{tenantName}</strong>: {doneCount(progress)} of {ONBOARDING_STEPS.length} steps done.
      </p>
      <ol aria-label="Steps" className="onboarding__steps">
        {ONBOARDING_STEPS.map((step, index) => (
          <li data-state={steps[step] ?? 'open'} key={step}>
            <button aria-current={current === step ? 'step' : undefined} className="onboarding__step" disabled={busy} onClick={() => setCurrent(step)} type="button">
              {index + 1}. {STEP_LABELS[step]}
              {steps[step] && <span className="onboarding__state"> ({steps[step]})</span>}
            </button>
          </li>
        ))}
      </ol>
      {error && (
        <p className="onboarding__error" role="alert">
          {error}
        </p>
      )}
      {current ? (
        <section aria-labelledby="onboarding-step-title" className="onboarding__panel">
          <h2 id="onboarding-step-title">{STEP_LABELS[current]}</h2>
          <p className="onboarding__hint">{STEP_HINTS[current]}</p>
          {current === 'profile' && <ProfileForm {...common('profile')} initial={profile} key="profile" />}
          {current === 'branding' && <BrandingForm {...common('branding')} initial={branding} key="branding" />}
          {current === 'channel' && <ChannelForm {...common('channel')} key="channel" />}
          {current === 'courier' && <CourierForm {...common('courier')} key="courier" />}
          {current === 'invite' && <InviteForm {...common('invite')} key="invite" roles={roles} />}
        </section>
      ) : progress.completedAt ? (
        <section className="onboarding__panel" role="status">
          <h2>Your shop is set up</h2>
          <p>
            You can change any of this later in the shop’s settings. <a href={dashboardHref}>Go to the dashboard</a>
          </p>
        </section>
      ) : (
        <section className="onboarding__panel">
          <h2>All steps handled</h2>
          <p>Skipped steps can still be opened above. Finish to hide the setup reminder from the dashboard.</p>
          <button className="btn btn--style-primary btn--size-medium" disabled={busy} onClick={finish} type="button">
            Finish
          </button>
        </section>
      )}
    </div>
  )
}
