import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// saxon-js ships no type declarations; the one call used here is typed below.
import SaxonJS from 'saxon-js';
import { sourceRoot } from '../../main/platform/paths';

/**
 * Validates a Factur-X (CII, EN 16931 profile) XML with the official files in test/fixtures/facturx: the
 * Factur-X 1.09 XSD through xmllint (libxml2-utils), then three schematrons compiled for SaxonJS (EN 16931 CEN
 * rules 1.3.16, Factur-X EN16931, French BR-FR 1.4.0). An SVRL failed-assert without flag warning/information
 * is an error.
 */
const dir = path.join(sourceRoot(), 'test', 'fixtures', 'facturx');
export const XSD = path.join(dir, 'xsd', 'Factur-X_EN16931.xsd');
const SCHEMATRONS = {
  cen: path.join(dir, 'sef', 'EN16931-CII-validation.sef.json'),
  facturx: path.join(dir, 'sef', 'FACTUR-X_EN16931.sef.json'),
  brfr: path.join(dir, 'sef', 'BR-FR-Flux2-Schematron-CII.sef.json'),
} as const;

export interface RuleFailure {
  set: keyof typeof SCHEMATRONS;
  id: string;
  location: string;
  text: string;
}

interface Saxon {
  transform(
    options: {
      stylesheetInternal: unknown;
      sourceText: string;
      destination: 'serialized';
      documentPool?: Record<string, unknown>;
    },
    mode: 'async',
  ): Promise<{ principalResult: string }>;
  getResource(options: { file: string; type: 'xml' }): Promise<unknown>;
}

/**
 * The SEF files remember the folder they were compiled in, and the Factur-X rules read their code lists with
 * document('FACTUR-X_EN16931_codedb.xml') relative to it: hand SaxonJS that document under the URI it will ask
 * for, read from the copy beside the SEF.
 */
async function documentPool(saxon: Saxon, sef: string): Promise<Record<string, unknown>> {
  const text = fs.readFileSync(sef, 'utf8');
  const compiledAt = /"(file:[^"]*\/)[^"/]*\.xslt"/.exec(text)?.[1];
  const codedb = path.join(path.dirname(sef), 'FACTUR-X_EN16931_codedb.xml');
  if (!compiledAt || !text.includes('codedb.xml')) return {};
  return { [`${compiledAt}FACTUR-X_EN16931_codedb.xml`]: await saxon.getResource({ file: codedb, type: 'xml' }) };
}

export function xsdErrors(xml: string): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'facturx-')), 'invoice.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    return [];
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? e);
    return stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('fails to validate'));
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

function failures(set: keyof typeof SCHEMATRONS, svrl: string): RuleFailure[] {
  const out: RuleFailure[] = [];
  for (const m of svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
    const attributes = m[1] ?? '';
    const flag = /\bflag="([^"]*)"/.exec(attributes)?.[1] ?? '';
    if (flag === 'warning' || flag === 'information') continue;
    out.push({
      set,
      id: /\bid="([^"]*)"/.exec(attributes)?.[1] ?? '',
      location: /\blocation="([^"]*)"/.exec(attributes)?.[1] ?? '',
      text: (/<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[2] ?? '')?.[1] ?? '').replace(/\s+/g, ' ').trim(),
    });
  }
  return out;
}

/** Each compiled stylesheet (5 MB of JSON) and its code lists are read once per process, not once per invoice. */
const loaded = new Map<string, Promise<{ internal: unknown; pool: Record<string, unknown> }>>();
function load(saxon: Saxon, sef: string) {
  let entry = loaded.get(sef);
  if (!entry) {
    entry = (async () => ({
      internal: JSON.parse(fs.readFileSync(sef, 'utf8')) as unknown,
      pool: await documentPool(saxon, sef),
    }))();
    loaded.set(sef, entry);
  }
  return entry;
}

export async function ruleFailures(xml: string): Promise<RuleFailure[]> {
  const saxon = SaxonJS as unknown as Saxon;
  const all: RuleFailure[] = [];
  for (const [set, sef] of Object.entries(SCHEMATRONS) as [keyof typeof SCHEMATRONS, string][]) {
    const result = await saxon.transform(
      {
        stylesheetInternal: (await load(saxon, sef)).internal,
        sourceText: xml,
        destination: 'serialized',
        documentPool: (await load(saxon, sef)).pool,
      },
      'async',
    );
    all.push(...failures(set, result.principalResult));
  }
  return all;
}

/** Everything wrong with an invoice XML, one readable line each; [] when valid. */
export async function facturXErrors(xml: string): Promise<string[]> {
  return [
    ...xsdErrors(xml).map((line) => `XSD: ${line}`),
    ...(await ruleFailures(xml)).map((f) => `${f.set} ${f.id}: ${f.text} (${f.location})`),
  ];
}
