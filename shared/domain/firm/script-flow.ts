import { END_OF_SCRIPT, type ScriptBranch, type ScriptStep } from './script';
import { foldAccents } from '../text';

const fold = (text: string) => foldAccents(text).trim();

/** Yes/no answers are stored as "oui"/"non"; branches may be written "oui", "Oui", "yes"… */
const YES = new Set(['oui', 'yes', 'true', 'o', 'y']);
const NO = new Set(['non', 'no', 'false', 'n']);

function sameAnswer(branchAnswer: string, given: string): boolean {
  const a = fold(branchAnswer);
  const b = fold(given);
  if (a === b) return true;
  return (YES.has(a) && YES.has(b)) || (NO.has(a) && NO.has(b));
}

export function branchFor(step: ScriptStep, answer: string | undefined): ScriptBranch | null {
  if (answer === undefined || answer === '') return null;
  return step.branches.find((b) => sameAnswer(b.answer, answer)) ?? null;
}

/**
 * Where the script goes after `stepId` given the answer: the matching branch's target, else the next step in
 * order; null at the end. A branch to "fin" ends the script.
 */
export function nextStepId(steps: readonly ScriptStep[], stepId: string, answer: string | undefined): string | null {
  const index = steps.findIndex((s) => s.id === stepId);
  if (index < 0) return null;
  const branch = branchFor(steps[index]!, answer);
  if (branch) return branch.goto === END_OF_SCRIPT ? null : branch.goto;
  return steps[index + 1]?.id ?? null;
}
