import { branchFor, nextStepId } from './firm/script-flow';
import type { Script, ScriptBranch, ScriptField, ScriptStep } from './firm/script';
import type { ScriptState } from './message';
import { foldAccents } from './text';

/** Steps the runner adds around the firm's script; their ids cannot clash with a script's ids. */
export const GREETING_STEP = '@accueil';
export const IDENTITY_STEP = '@identite';
export const RECAP_STEP = '@recapitulatif';

export type RunnerStepKind = 'greeting' | 'identity' | 'script' | 'appointment' | 'recap';

export interface RunnerStep {
  id: string;
  kind: RunnerStepKind;
  prompt: string;
  field: ScriptField | null;
  branches: ScriptBranch[];
  /** Identity questions to ask before disclosing anything (identity step only). */
  checks: string[];
}

export interface RunnerFirm {
  greeting: string;
  script: Script;
  identityCheckRequired: boolean;
  identityChecks: readonly string[];
}

/**
 * A firm's own step with no field named "rdv…" or "rendez-vous…" is « Prendre rendez-vous »: the runner offers
 * the slot finder there, and the script goes on once the appointment is booked.
 */
export function isAppointmentStep(step: ScriptStep): boolean {
  return step.field === null && /^(rdv|rendez-vous)/.test(step.id);
}

/** A firm's own closing step (no field, named "recap…") is where the message is read back. */
function isRecapStep(step: ScriptStep): boolean {
  return step.field === null && /^recap/.test(step.id);
}

function fold(text: string): string {
  return foldAccents(text).replace(/[\p{P}\s]/gu, '');
}

/** Scripts often begin with the greeting itself; saying it twice would sound odd. */
function opensWithGreeting(firm: RunnerFirm): boolean {
  const first = firm.script.steps[0];
  const greeting = fold(firm.greeting).slice(0, 24);
  return Boolean(first && greeting && fold(first.prompt).startsWith(greeting));
}

/** The greeting first, the identity check when the firm asks for one, the script, then the read-back. */
export function runnerSteps(firm: RunnerFirm): RunnerStep[] {
  const steps: RunnerStep[] = firm.script.steps.map((step) => ({
    id: step.id,
    kind: isRecapStep(step) ? 'recap' : isAppointmentStep(step) ? 'appointment' : 'script',
    prompt: step.prompt,
    field: step.field,
    branches: step.branches,
    checks: [],
  }));
  const greetingInScript = opensWithGreeting(firm);
  if (!greetingInScript) {
    steps.unshift({
      id: GREETING_STEP,
      kind: 'greeting',
      prompt: firm.greeting,
      field: null,
      branches: [],
      checks: [],
    });
  }
  if (firm.identityCheckRequired) {
    steps.splice(1, 0, {
      id: IDENTITY_STEP,
      kind: 'identity',
      prompt: 'Vérifiez l’identité de l’appelant avant de communiquer quoi que ce soit.',
      field: null,
      branches: [],
      checks: [...firm.identityChecks],
    });
  }
  if (!steps.some((s) => s.kind === 'recap')) {
    steps.push({
      id: RECAP_STEP,
      kind: 'recap',
      prompt: 'Je vous relis votre message pour être sûre de n’avoir rien oublié.',
      field: null,
      branches: [],
      checks: [],
    });
  }
  return steps;
}

export function startState(steps: readonly RunnerStep[]): ScriptState {
  return { stepId: steps[0]?.id ?? null, history: [], finished: false, identityChecked: false };
}

export function currentStep(steps: readonly RunnerStep[], state: ScriptState): RunnerStep | null {
  return steps.find((s) => s.id === state.stepId) ?? null;
}

function answerOf(step: RunnerStep, answers: Readonly<Record<string, string>>): string | undefined {
  return step.field ? answers[step.field.key] : undefined;
}

function scriptOnly(steps: readonly RunnerStep[]): ScriptStep[] {
  return steps
    .filter((s) => s.kind === 'script' || s.kind === 'appointment' || s.kind === 'recap')
    .map((s) => ({ id: s.id, prompt: s.prompt, field: s.field, branches: s.branches }));
}

/** Where "Suivant" leads from a step: the script's own flow (branches included), then the read-back. */
export function followingStepId(
  steps: readonly RunnerStep[],
  stepId: string,
  answers: Readonly<Record<string, string>>,
): string | null {
  const index = steps.findIndex((s) => s.id === stepId);
  if (index < 0) return null;
  const step = steps[index]!;
  const recap = steps.find((s) => s.kind === 'recap')!;
  if (step.kind === 'recap') return null;
  const identityIndex = steps.findIndex((s) => s.kind === 'identity');
  // The identity check sits right after the greeting, whether the greeting is ours or the script's first step.
  if (identityIndex === index + 1) return steps[identityIndex]!.id;
  if (step.kind === 'greeting') return steps[index + 1]?.id ?? null;
  const script = scriptOnly(steps);
  if (step.kind === 'identity') {
    const opener = steps[index - 1];
    if (!opener || opener.kind === 'greeting') return steps[index + 1]?.id ?? null;
    return nextStepId(script, opener.id, answerOf(opener, answers)) ?? recap.id;
  }
  return nextStepId(script, stepId, answerOf(step, answers)) ?? recap.id;
}

export function advance(
  steps: readonly RunnerStep[],
  state: ScriptState,
  answers: Readonly<Record<string, string>>,
): ScriptState {
  if (!state.stepId) return state;
  const next = followingStepId(steps, state.stepId, answers);
  if (next === null) return { ...state, finished: true };
  return { ...state, stepId: next, history: [...state.history, state.stepId].slice(-200), finished: false };
}

export function goBack(state: ScriptState): ScriptState {
  if (state.finished) return { ...state, finished: false };
  const previous = state.history[state.history.length - 1];
  if (previous === undefined) return state;
  return { ...state, stepId: previous, history: state.history.slice(0, -1) };
}

/** The branch the current answer takes, for showing its consigne ("urgence ? → appeler Me Martin"). */
export function takenBranch(step: RunnerStep, answers: Readonly<Record<string, string>>): ScriptBranch | null {
  return branchFor(
    { id: step.id, prompt: step.prompt, field: step.field, branches: step.branches },
    answerOf(step, answers),
  );
}

/** "Étape 3 sur 7": steps done, plus the path still ahead given the answers so far. */
export function progress(
  steps: readonly RunnerStep[],
  state: ScriptState,
  answers: Readonly<Record<string, string>>,
): { position: number; total: number } {
  const position = state.history.length + 1;
  let remaining = 0;
  let id = state.stepId;
  const seen = new Set<string>();
  while (id && !seen.has(id) && remaining < steps.length) {
    seen.add(id);
    id = followingStepId(steps, id, answers);
    if (id) remaining += 1;
  }
  return { position, total: position + remaining };
}
