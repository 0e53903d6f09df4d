import { scriptSchema } from '../../../../shared/domain/firm/script';
import {
  advance,
  currentStep,
  goBack,
  GREETING_STEP,
  IDENTITY_STEP,
  progress,
  RECAP_STEP,
  runnerSteps,
  startState,
  takenBranch,
  type RunnerFirm,
} from '../../../../shared/domain/script-runner';

const script = scriptSchema.parse({
  steps: [
    { id: 'nom', prompt: 'À qui ai-je l’honneur ?', field: { key: 'appelant', label: 'Nom', type: 'text' } },
    {
      id: 'urgence',
      prompt: 'Est-ce urgent ?',
      field: { key: 'urgence', label: 'Urgent', type: 'yesno' },
      branches: [{ answer: 'oui', goto: 'motif-urgence', consigne: 'Appeler Me Martin sur son portable' }],
    },
    {
      id: 'dossier',
      prompt: 'Votre référence de dossier ?',
      field: { key: 'dossier', label: 'Dossier', type: 'text' },
      branches: [{ answer: 'aucune', goto: 'fin' }],
    },
    {
      id: 'motif-urgence',
      prompt: 'Pourquoi est-ce urgent ?',
      field: { key: 'motifUrgence', label: 'Motif', type: 'text' },
    },
  ],
});

const firm: RunnerFirm = {
  greeting: 'Cabinet Martin, bonjour.',
  script,
  identityCheckRequired: false,
  identityChecks: [],
};

function walk(f: RunnerFirm, answers: Record<string, string>, limit = 20): string[] {
  const steps = runnerSteps(f);
  let state = startState(steps);
  const visited = [state.stepId!];
  for (let i = 0; i < limit && !state.finished; i += 1) {
    state = advance(steps, state, answers);
    if (!state.finished) visited.push(state.stepId!);
  }
  return visited;
}

describe('the script runner', () => {
  it('opens with the firm’s greeting and closes with the read-back of the message', () => {
    const steps = runnerSteps(firm);
    expect(steps[0]).toMatchObject({ id: GREETING_STEP, kind: 'greeting', prompt: 'Cabinet Martin, bonjour.' });
    expect(steps.at(-1)).toMatchObject({ id: RECAP_STEP, kind: 'recap' });
    expect(walk(firm, { urgence: 'non' })).toEqual([
      GREETING_STEP,
      'nom',
      'urgence',
      'dossier',
      'motif-urgence',
      RECAP_STEP,
    ]);
  });

  it('takes the branch matching the answer, accent- and case-insensitively, and shows its consigne', () => {
    expect(walk(firm, { urgence: 'Oui' })).toEqual([GREETING_STEP, 'nom', 'urgence', 'motif-urgence', RECAP_STEP]);
    const urgence = runnerSteps(firm).find((s) => s.id === 'urgence')!;
    expect(takenBranch(urgence, { urgence: 'OUI' })?.consigne).toBe('Appeler Me Martin sur son portable');
    expect(takenBranch(urgence, { urgence: 'non' })).toBeNull();
  });

  it('goes to the read-back when a branch ends the script', () => {
    expect(walk(firm, { urgence: 'non', dossier: 'Aucune' })).toEqual([
      GREETING_STEP,
      'nom',
      'urgence',
      'dossier',
      RECAP_STEP,
    ]);
  });

  it('goes back along the path actually taken, not the script order', () => {
    const steps = runnerSteps(firm);
    let state = startState(steps);
    for (let i = 0; i < 3; i += 1) state = advance(steps, state, { urgence: 'oui' });
    expect(currentStep(steps, state)?.id).toBe('motif-urgence');
    state = goBack(state);
    expect(state.stepId).toBe('urgence');
    state = goBack(goBack(goBack(state)));
    expect(state.stepId).toBe(GREETING_STEP);
  });

  it('counts progress over the path the answers lead to', () => {
    const steps = runnerSteps(firm);
    const state = advance(steps, advance(steps, startState(steps), {}), {});
    expect(progress(steps, state, { urgence: 'oui' })).toEqual({ position: 3, total: 5 });
    expect(progress(steps, state, { urgence: 'non' })).toEqual({ position: 3, total: 6 });
  });

  it('does not repeat the greeting when the script already starts with it', () => {
    const withGreeting = scriptSchema.parse({
      steps: [
        {
          id: 'accueil',
          prompt: 'Cabinet Martin, bonjour ! Puis-je avoir votre nom ?',
          field: { key: 'appelant', label: 'Nom', type: 'text' },
        },
      ],
    });
    const steps = runnerSteps({ ...firm, script: withGreeting });
    expect(steps.map((s) => s.id)).toEqual(['accueil', RECAP_STEP]);
  });

  it('puts the identity check right after the greeting when the firm requires it', () => {
    const guarded = {
      ...firm,
      identityCheckRequired: true,
      identityChecks: ['Date de naissance', 'Référence du dossier'],
    };
    const steps = runnerSteps(guarded);
    expect(steps[1]).toMatchObject({
      id: IDENTITY_STEP,
      kind: 'identity',
      checks: ['Date de naissance', 'Référence du dossier'],
    });
    expect(walk(guarded, { urgence: 'oui' })).toEqual([
      GREETING_STEP,
      IDENTITY_STEP,
      'nom',
      'urgence',
      'motif-urgence',
      RECAP_STEP,
    ]);

    const opener = scriptSchema.parse({
      steps: [
        {
          id: 'accueil',
          prompt: 'Cabinet Martin, bonjour. Votre nom ?',
          field: { key: 'appelant', label: 'Nom', type: 'text' },
        },
        { id: 'suite', prompt: 'Et ensuite ?' },
      ],
    });
    expect(walk({ ...guarded, script: opener }, {})).toEqual(['accueil', IDENTITY_STEP, 'suite', RECAP_STEP]);
  });

  it('uses the firm’s own closing step as the read-back', () => {
    const withRecap = scriptSchema.parse({
      steps: [
        { id: 'nom', prompt: 'Votre nom ?', field: { key: 'appelant', label: 'Nom', type: 'text' } },
        { id: 'recap', prompt: 'Je récapitule votre demande.' },
      ],
    });
    const steps = runnerSteps({ ...firm, script: withRecap });
    expect(steps.filter((s) => s.kind === 'recap').map((s) => s.id)).toEqual(['recap']);
  });
});
