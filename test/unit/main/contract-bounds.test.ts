// Every input has a size: a walk over every input schema of the contract (zod 4 introspection) finds each string,
// list and map, and fails on one without a maximum, naming its path. Then the draft that used to be accepted
// (50 MB in 25,000 fields, returned by every messages:list afterwards) is refused and writes nothing.
import { z } from 'zod';
import { contract, METHOD_NAMES, type MethodName } from '../../../shared/api';
import { createDispatcher } from '../../../main/api/dispatch';
import { createHandlers } from '../../../main/api/handlers';
import { LIMITS, lineCount } from '../../../shared/domain/limits';
import { openTestContext } from '../../fixtures/factories';

type Schema = z.core.$ZodType;

/** A regex bounds a string's length when it is anchored at both ends and has no open-ended repetition. */
function boundedPattern(pattern: RegExp): boolean {
  const source = pattern.source.replace(/\\./g, '');
  return source.startsWith('^') && source.endsWith('$') && !/[*+]|\{\d+,\}/.test(source);
}

function checksOf(schema: Schema): Array<Record<string, unknown>> {
  const checks = (schema._zod.def as { checks?: Array<{ _zod: { def: unknown } }> }).checks ?? [];
  return checks.map((check) => check._zod.def as Record<string, unknown>);
}

function hasMaximum(schema: Schema): boolean {
  return checksOf(schema).some((check) => check.check === 'max_length' || check.check === 'length_equals');
}

function stringIsBounded(schema: Schema): boolean {
  if (hasMaximum(schema)) return true;
  const def = schema._zod.def as { format?: string; pattern?: RegExp };
  const patterns = checksOf(schema)
    .filter((check) => check.check === 'string_format' && check.format === 'regex')
    .map((check) => check.pattern as RegExp);
  if (def.format === 'regex' && def.pattern) patterns.push(def.pattern);
  return patterns.some(boundedPattern);
}

/** Keys from a closed list (an enum, literals) bound a map by themselves. */
function finiteKeys(key: Schema): boolean {
  const type = key._zod.def.type;
  if (type === 'enum' || type === 'literal') return true;
  if (type === 'union') return (key._zod.def as unknown as { options: Schema[] }).options.every(finiteKeys);
  return false;
}

function recordIsBounded(schema: Schema, key: Schema): boolean {
  const meta = z.globalRegistry.get(schema as z.ZodType) as { maxProperties?: number } | undefined;
  return finiteKeys(key) || typeof meta?.maxProperties === 'number';
}

/** Paths of every unbounded string, array or record (and of any schema that accepts anything at all). */
export function unboundedPaths(root: Schema, rootPath: string): string[] {
  const found: string[] = [];
  const seen = new Set<Schema>();
  const visit = (schema: Schema, path: string): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    const inner = (name: string) => def[name] as Schema;
    switch (def.type) {
      case 'string':
        if (!stringIsBounded(schema)) found.push(`${path} (string)`);
        return;
      case 'array':
        if (!hasMaximum(schema)) found.push(`${path} (array)`);
        visit(inner('element'), `${path}[]`);
        return;
      case 'set':
      case 'map':
        found.push(`${path} (${def.type})`);
        return;
      case 'record':
        if (!recordIsBounded(schema, inner('keyType'))) found.push(`${path} (record)`);
        visit(inner('keyType'), `${path}{key}`);
        visit(inner('valueType'), `${path}{}`);
        return;
      case 'object': {
        for (const [key, value] of Object.entries(def.shape as Record<string, Schema>)) visit(value, `${path}.${key}`);
        const catchall = def.catchall as Schema | undefined;
        if (catchall && catchall._zod.def.type !== 'never') visit(catchall, `${path}.*`);
        return;
      }
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
      case 'success':
        visit(inner('innerType'), path);
        return;
      case 'pipe':
        visit(inner('in'), path);
        visit(inner('out'), path);
        return;
      case 'union':
        (def.options as Schema[]).forEach((option, i) => visit(option, `${path}<${i}>`));
        return;
      case 'intersection':
        visit(inner('left'), path);
        visit(inner('right'), path);
        return;
      case 'tuple':
        (def.items as Schema[]).forEach((item, i) => visit(item, `${path}[${i}]`));
        if (def.rest) visit(inner('rest'), `${path}[…]`);
        return;
      case 'lazy':
        visit((def.getter as () => Schema)(), path);
        return;
      case 'number':
      case 'int':
      case 'bigint':
      case 'boolean':
      case 'date':
      case 'enum':
      case 'literal':
      case 'null':
      case 'undefined':
      case 'void':
      case 'never':
      case 'nan':
      case 'transform':
        return;
      default:
        // any, unknown, custom, file, template literals…: nothing limits what they accept.
        found.push(`${path} (${def.type})`);
    }
  };
  visit(root, rootPath);
  return found;
}

describe('contract input bounds', () => {
  it('has a maximum on every string, list and map of every input schema', () => {
    const unbounded = METHOD_NAMES.flatMap((name) => unboundedPaths(contract.methods[name].input, name));
    expect(unbounded, `unbounded inputs:\n${unbounded.join('\n')}`).toEqual([]);
  });

  it('the walk finds what it is meant to find', () => {
    const probe = z.object({
      free: z.string(),
      id: z.string().regex(/^[a-z]{1,8}$/),
      open: z.string().regex(/^[a-z]+$/),
      list: z.array(z.string().max(3)).optional(),
      map: z.record(z.string().max(10), z.number()),
      keyed: z.partialRecord(z.enum(['a', 'b']), z.string().max(2)),
      nested: z.array(z.object({ deep: z.string().trim() })).max(2),
      anything: z.unknown(),
    });
    expect(unboundedPaths(probe, 'probe')).toEqual([
      'probe.free (string)',
      'probe.open (string)',
      'probe.list (array)',
      'probe.map (record)',
      'probe.nested[].deep (string)',
      'probe.anything (unknown)',
    ]);
  });
});

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

function fields(count: number, size: number): Record<string, string> {
  const value = 'é'.repeat(size);
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`champ${i}`, value]));
}

describe('message fields', () => {
  async function demo() {
    const t = openTestContext();
    await t.client.workspace.initialise({ kind: 'demo' });
    const dispatch = createDispatcher(createHandlers(t.services), { error: () => undefined });
    const firmId = (await t.client.firms.list({}))[0]!.id;
    return { t, dispatch, firmId };
  }

  it.each<[string, number, number, string]>([
    ['the 50 MB draft of 25,000 fields', 25_000, 2000, 'validation.tooManyFields'],
    ['151 short fields', LIMITS.messageFields + 1, 1, 'validation.tooManyFields'],
    ['30 full fields (60,000 characters)', 30, 2000, 'validation.fieldsTooLong'],
  ])('refuses %s with VALIDATION and writes nothing', async (_label, count, size, message) => {
    const { t, dispatch, firmId } = await demo();
    const before = totalRows(t.db);
    for (const method of ['messages:saveDraft', 'messages:send'] as const) {
      const envelope = await dispatch(method, {
        firmId,
        content: { callerName: 'Hélène', fields: fields(count, size) },
      });
      expect(envelope).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path: 'content.fields', message }] },
      });
    }
    expect(totalRows(t.db)).toBe(before);
    expect((await t.client.messages.list({})).items.every((m) => Object.keys(m.fields).length <= 150)).toBe(true);
    t.close();
  });

  it('keeps a draft with as many answers as a full script and message form can give', async () => {
    const { t, dispatch, firmId } = await demo();
    const envelope = await dispatch('messages:saveDraft', { firmId, content: { fields: fields(140, 250) } });
    expect(envelope.ok).toBe(true);
    t.close();
  });
});

describe('import files', () => {
  it('counts lines the way a spreadsheet shows them', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\r\nb\r\n')).toBe(2);
    expect(lineCount('a\n\nb')).toBe(3);
  });

  it.each<[MethodName, string]>([
    ['timesheets:previewImport', 'content'],
    ['contacts:importCsv', 'csv'],
  ])('%s refuses a file of more lines than the limit', (name, key) => {
    const text = 'a\n'.repeat(LIMITS.importFileLines + 1);
    const result = contract.methods[name].input.safeParse({ firmId: 'f1', [key]: text });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('validation.tooManyLines');
  });

  it.each<[MethodName, string]>([
    ['timesheets:import', 'content'],
    ['contacts:importCsv', 'csv'],
    ['workspace:import', 'content'],
  ])('%s refuses a file larger than 20 million characters', (name, key) => {
    const input: Record<string, unknown> = { [key]: 'x'.repeat(LIMITS.importFileChars + 1) };
    if (name !== 'workspace:import') input.firmId = 'f1';
    const result = contract.methods[name].input.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.message)).toContain('validation.fileTooLarge');
  });
});
