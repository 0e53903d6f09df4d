import { scriptSchema } from '../../../../shared/domain/firm/script';
import { mergeMessageFields, SCRIPT_TEMPLATES, templatesFor } from '../../../../shared/domain/script-templates';
import { runnerSteps } from '../../../../shared/domain/script-runner';

describe('sector script templates', () => {
  it('offers one valid script per sector the issue names', () => {
    expect(SCRIPT_TEMPLATES.map((t) => t.sector)).toEqual([
      'juridique',
      'medical',
      'immobilier',
      'ecommerce',
      'artisanat',
    ]);
    for (const template of SCRIPT_TEMPLATES) {
      expect(scriptSchema.safeParse(template.script).success).toBe(true);
      const steps = runnerSteps({
        greeting: 'Bonjour',
        script: template.script,
        identityCheckRequired: false,
        identityChecks: [],
      });
      expect(steps.filter((s) => s.kind === 'recap')).toHaveLength(1);
    }
  });

  it('lists the firm’s sector first and adds missing message fields without touching the firm’s own', () => {
    expect(templatesFor('medical')[0]!.sector).toBe('medical');
    const legal = SCRIPT_TEMPLATES[0]!;
    const own = [{ key: 'partiesAdverses', label: 'Adversaire', type: 'text' as const, required: true, options: [] }];
    const merged = mergeMessageFields(own, legal);
    expect(merged[0]).toBe(own[0]);
    expect(merged.map((f) => f.key)).toEqual(['partiesAdverses', 'natureDossier', 'echeance']);
  });
});
