/**
 * The onboarding wizard's steps and saved progress — pure, shared by the tenants field, the
 * admin view, the dashboard banner and the tests (no server imports: client components use it).
 */

export const ONBOARDING_STEPS = ['profile', 'branding', 'channel', 'courier', 'invite'] as const
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number]
export type StepOutcome = 'done' | 'skipped'

/** What the tenant stores in `onboarding`: each handled step's outcome, and when it finished. */
export type OnboardingProgress = {
  steps?: Partial<Record<OnboardingStep, StepOutcome>> | null
  completedAt?: null | string
}

/** Progress as read from the database or REST (the json column is untyped): what the helpers accept. */
export type StoredProgress = null | undefined | { steps?: unknown; completedAt?: null | string }

export const STEP_LABELS: Record<OnboardingStep, string> = {
  profile: 'Business profile',
  branding: 'Branding',
  channel: 'Facebook page or WhatsApp number',
  courier: 'Courier',
  invite: 'Invite staff',
}

const isStep = (value: string): value is OnboardingStep => (ONBOARDING_STEPS as readonly string[]).includes(value)

/** The stored steps, keeping only known steps with a known outcome (the json column could hold anything). */
export function stepsOf(progress: StoredProgress): Partial<Record<OnboardingStep, StepOutcome>> {
  const raw = progress?.steps as Record<string, unknown> | null | undefined
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {}
  const steps: Partial<Record<OnboardingStep, StepOutcome>> = {}
  for (const [step, outcome] of Object.entries(raw)) if (isStep(step) && (outcome === 'done' || outcome === 'skipped')) steps[step] = outcome
  return steps
}

/** Where the wizard resumes: the first step neither done nor skipped; null once every step is handled. */
export function resumeStep(progress: StoredProgress): null | OnboardingStep {
  const steps = stepsOf(progress)
  return ONBOARDING_STEPS.find((step) => !steps[step]) ?? null
}

/** The progress with `step` recorded as done or skipped (a skipped step done later becomes done). */
export function recordStep(progress: StoredProgress, step: OnboardingStep, outcome: StepOutcome): Required<OnboardingProgress> {
  return { steps: { ...stepsOf(progress), [step]: outcome }, completedAt: progress?.completedAt ?? null }
}

/** How many steps are done (skipped ones do not count). */
export const doneCount = (progress: StoredProgress): number => Object.values(stepsOf(progress)).filter((o) => o === 'done').length

/** Whether the tenant has finished onboarding (pressed "Finish"). */
export const isOnboardingComplete = (progress: StoredProgress): boolean => !!progress?.completedAt

/** Field validation of `onboarding.steps`: an object of known steps → "done" | "skipped". */
export function validateSteps(value: unknown): string | true {
  if (value === null || value === undefined) return true
  if (typeof value !== 'object' || Array.isArray(value)) return 'Onboarding steps must be an object of step → "done" | "skipped".'
  for (const [step, outcome] of Object.entries(value)) {
    if (!isStep(step)) return `Unknown onboarding step "${step}" (expected one of: ${ONBOARDING_STEPS.join(', ')}).`
    if (outcome !== 'done' && outcome !== 'skipped') return `Onboarding step "${step}" must be "done" or "skipped".`
  }
  return true
}
