import { contract, METHOD_NAMES, type MethodName } from '../../../shared/api';
import { createDispatcher } from '../../../main/api/dispatch';
import { createHandlers } from '../../../main/api/handlers';
import { openTestContext } from '../../fixtures/factories';

/** Inputs no method accepts: wrong types, unknown keys, absurd sizes. */
const MALFORMED: unknown[] = [
  null,
  42,
  'firms',
  [],
  { unexpected: true },
  { id: 42 },
  { id: '../../etc/passwd' },
  { firmId: 'x'.repeat(500) },
  { content: 12 },
  { kind: 'everything' },
  { locale: 'klingon' },
  { draft: { profile: { name: '' } } },
];

function totalRows(db: ReturnType<typeof openTestContext>['db']): number {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'",
    )
    .all();
  return tables.reduce(
    (sum, t) => sum + (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${t.name}"`).get()?.n ?? 0),
    0,
  );
}

describe('the contract', () => {
  it('has exactly one handler for every method, and no handler outside the contract', () => {
    const t = openTestContext();
    const handlers = createHandlers(t.services);
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof handlers[name]).toBe('function');
    t.close();
  });

  it('names every method domain:verb', () => {
    for (const name of METHOD_NAMES) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it.each(METHOD_NAMES.map((name) => [name]))(
    '%s rejects malformed input with VALIDATION and writes nothing',
    async (name) => {
      const t = openTestContext();
      await t.client.workspace.initialise({ kind: 'demo' });
      const before = totalRows(t.db);
      const dispatch = createDispatcher(createHandlers(t.services), { error: () => undefined });
      const schema = contract.methods[name as MethodName].input;
      let rejected = 0;
      for (const input of MALFORMED) {
        if (schema.safeParse(input ?? {}).success) continue;
        const envelope = await dispatch(name, input);
        expect(envelope.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
        if (!envelope.ok) {
          expect(envelope.error.code).toBe('VALIDATION');
          expect(envelope.error.message.length).toBeGreaterThan(0);
        }
        rejected += 1;
      }
      expect(rejected).toBeGreaterThan(MALFORMED.length / 2);
      expect(totalRows(t.db)).toBe(before);
      t.close();
    },
  );

  it('refuses a method that is not in the contract', async () => {
    const t = openTestContext();
    const dispatch = createDispatcher(createHandlers(t.services), { error: () => undefined });
    expect(await dispatch('store:dropEverything', {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Méthode inconnue : store:dropEverything' },
    });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    t.close();
  });

  it('maps an unexpected failure to INTERNAL without leaking its detail, and logs it', async () => {
    const t = openTestContext();
    const logged: string[] = [];
    const handlers = createHandlers(t.services);
    handlers['firms:list'] = () => {
      throw new Error('disk I/O error at /home/secret/path');
    };
    const dispatch = createDispatcher(handlers, { error: (message) => logged.push(message) });
    const envelope = await dispatch('firms:list', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(envelope)).not.toContain('/home/secret');
    expect(logged).toEqual(['handler firms:list failed']);
    t.close();
  });
});
