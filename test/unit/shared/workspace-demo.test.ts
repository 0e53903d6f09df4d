import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECTORS } from '../../../shared/domain/firm/firm';
import { WEEKDAYS } from '../../../shared/domain/firm/hours';
import { branchFor, nextStepId } from '../../../shared/domain/firm/script-flow';
import { END_OF_SCRIPT } from '../../../shared/domain/firm/script';
import { workspaceFileSchema, type WorkspaceFile } from '../../../shared/domain/workspace';
import { buildWorkspaceJsonSchema, isWorkspaceJsonSchemaCurrent, SCHEMA_FILE } from '../../../scripts/workspace-schema';

const ROOT = path.resolve(__dirname, '../../..');
const DEMO_FILE = path.join(ROOT, 'assets', 'demo-workspace.json');

function loadDemo(): WorkspaceFile {
  const parsed = workspaceFileSchema.safeParse(JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`assets/demo-workspace.json does not parse:\n${issues}`);
  }
  return parsed.data;
}

/** Every step reachable from the first one, following branches and the fall-through to the next step. */
function reachableSteps(steps: WorkspaceFile['firms'][number]['firm']['script']['steps']): Set<string> {
  const seen = new Set<string>();
  const queue = steps.length > 0 ? [steps[0]!.id] : [];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = steps.find((s) => s.id === id)!;
    const next = nextStepId(steps, id, undefined);
    if (next) queue.push(next);
    for (const branch of step.branches) if (branch.goto !== END_OF_SCRIPT) queue.push(branch.goto);
  }
  return seen;
}

describe('the demo workspace (assets/demo-workspace.json)', () => {
  const demo = loadDemo();

  it('parses with the workspace file schema', () => {
    expect(demo.format).toBe('permanence-workspace');
    expect(demo.version).toBe(1);
  });

  it('holds five firms, one per sector of the call-script table, with stable readable ids', () => {
    expect(demo.firms).toHaveLength(5);
    const sectors = demo.firms.map((f) => f.firm.profile.sector).sort();
    expect(sectors).toEqual(SECTORS.filter((s) => s !== 'autre').sort());
    for (const entry of demo.firms) expect(entry.id).toMatch(/^demo-[a-z0-9-]+$/);
    expect(new Set(demo.firms.map((f) => f.id)).size).toBe(5);
  });

  it('gives every firm a distinct colour, a greeting, numbers, the Paris time zone and opening hours with a break', () => {
    expect(new Set(demo.firms.map((f) => f.firm.profile.color.toLowerCase())).size).toBe(5);
    for (const { id, firm } of demo.firms) {
      const { profile } = firm;
      expect(profile.greeting, id).not.toBe('');
      expect(profile.numbers.length, id).toBeGreaterThanOrEqual(1);
      expect(profile.numbers.length, id).toBeLessThanOrEqual(3);
      expect(profile.timeZone, id).toBe('Europe/Paris');
      const openDays = WEEKDAYS.filter((d) => profile.weeklyHours[d].length > 0);
      expect(openDays.length, id).toBeGreaterThanOrEqual(5);
      expect(
        WEEKDAYS.some((d) => profile.weeklyHours[d].length >= 2),
        `${id} has a lunch break`,
      ).toBe(true);
      expect(profile.closures.length, id).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives every firm people with one default recipient, consignes, a script, message fields and contacts', () => {
    for (const { id, firm, contacts } of demo.firms) {
      expect(firm.people.length, id).toBeGreaterThanOrEqual(2);
      expect(firm.people.length, id).toBeLessThanOrEqual(4);
      expect(
        firm.people.filter((p) => p.isDefaultRecipient),
        id,
      ).toHaveLength(1);
      expect(firm.consignes.body.length, id).toBeGreaterThan(200);
      expect(firm.consignes.rules.transferRules.length, id).toBeGreaterThan(0);
      expect(firm.consignes.rules.neverDisclose.length, id).toBeGreaterThan(0);
      expect(firm.script.steps.length, id).toBeGreaterThanOrEqual(5);
      expect(firm.messageFields.length, id).toBeGreaterThanOrEqual(2);
      expect(firm.messageFields.length, id).toBeLessThanOrEqual(4);
      expect(contacts.length, id).toBeGreaterThanOrEqual(8);
      expect(contacts.length, id).toBeLessThanOrEqual(15);
      expect(
        contacts.some((c) => c.vip),
        `${id} has a VIP contact`,
      ).toBe(true);
      expect(
        contacts.some((c) => c.doNotTransfer),
        `${id} has a do-not-transfer contact`,
      ).toBe(true);
    }
  });

  it('starts every script with the greeting, ends it with a recap, and reaches every step', () => {
    for (const { id, firm } of demo.firms) {
      const { steps } = firm.script;
      expect(steps[0]!.id, id).toBe('accueil');
      expect(steps.at(-1)!.id, id).toBe('recap');
      expect([...reachableSteps(steps)].sort(), id).toEqual(steps.map((s) => s.id).sort());
    }
  });

  it('points every branch to an existing step or to the end, with an answer the field can give', () => {
    for (const { id, firm } of demo.firms) {
      const { steps } = firm.script;
      const ids = new Set(steps.map((s) => s.id));
      for (const step of steps) {
        for (const branch of step.branches) {
          const where = `${id} / ${step.id} → ${branch.goto}`;
          expect(branch.goto === END_OF_SCRIPT || ids.has(branch.goto), where).toBe(true);
          expect(step.field, `${where}: a branch needs a field to answer`).not.toBeNull();
          const answers = step.field!.type === 'yesno' ? ['oui', 'non'] : step.field!.options;
          expect(
            answers.some((a) => branchFor(step, a) === branch),
            `${where}: answer "${branch.answer}"`,
          ).toBe(true);
        }
      }
    }
  });

  it('keeps every phone number to one firm, and stores numbers as E.164', () => {
    const owner = new Map<string, string>();
    for (const { id, firm, contacts } of demo.firms) {
      const numbers = new Set([
        ...firm.profile.numbers.map((n) => n.e164),
        ...firm.people.map((p) => p.transferTarget).filter((t) => t.startsWith('+')),
        ...firm.consignes.rules.vipCallers.map((v) => v.phone).filter((p) => p !== ''),
        ...contacts.flatMap((c) => c.phones),
      ]);
      for (const number of numbers) {
        expect(number).toMatch(/^\+33[1-9]\d{8}$/);
        expect(owner.get(number) ?? id, `${number} is used by ${owner.get(number)} and ${id}`).toBe(id);
        owner.set(number, id);
      }
    }
  });

  it('uses only the numbers ARCEP reserves for fiction and example e-mail domains', () => {
    // 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49 and 06 39 98, followed by four digits.
    const fiction = /^\+33(19900|26191|35301|46571|53649|63998)\d{4}$/;
    const raw = fs.readFileSync(DEMO_FILE, 'utf8');
    for (const { firm, contacts } of demo.firms) {
      const numbers = [...firm.profile.numbers.map((n) => n.e164), ...contacts.flatMap((c) => c.phones)];
      for (const n of numbers) expect(n).toMatch(fiction);
    }
    const emails = raw.match(/[\w.+-]+@[\w.-]+\.[a-z]+/g) ?? [];
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) expect(email).toMatch(/@example\.(fr|com)$/);
  });

  it('references only people of the same firm in transfer rules and one contact id per firm', () => {
    const contactIds = demo.firms.flatMap((f) => f.contacts.map((c) => c.id));
    expect(new Set(contactIds).size).toBe(contactIds.length);
    for (const { id, firm } of demo.firms) {
      const people = new Set(firm.people.map((p) => p.id));
      for (const rule of firm.consignes.rules.transferRules) {
        if (rule.personId !== null) expect(people.has(rule.personId), `${id}: ${rule.personId}`).toBe(true);
      }
    }
  });
});

describe('docs/workspace.schema.json', () => {
  it('is up to date with the zod schemas (run `npm run schema` when this fails)', () => {
    expect(fs.existsSync(SCHEMA_FILE)).toBe(true);
    const committed: unknown = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    expect(committed).toEqual(buildWorkspaceJsonSchema());
    expect(isWorkspaceJsonSchemaCurrent(fs.readFileSync(SCHEMA_FILE, 'utf8'))).toBe(true);
  });

  it('reports a stale or broken file as not current', () => {
    const schema = buildWorkspaceJsonSchema();
    expect(isWorkspaceJsonSchemaCurrent(JSON.stringify({ ...schema, title: 'autre chose' }))).toBe(false);
    expect(isWorkspaceJsonSchemaCurrent('{ pas du JSON')).toBe(false);
  });
});
