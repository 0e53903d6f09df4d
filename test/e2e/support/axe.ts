import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0 and 2.1, levels A and AA: contrast, names and labels, roles, structure. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core in the page (injected through the DevTools protocol: the app's Content-Security-Policy does not
 * apply) and returns the violations of WCAG 2 A/AA rules.
 */
export async function axeViolations(page: Page): Promise<Result[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_AA_TAGS,
  );
  return results.violations;
}

/** One line per failing element: rule, impact, what is wrong, where. */
export function describeViolations(screen: string, violations: Result[]): string {
  const lines = violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `  [${v.id}] (${v.impact ?? '?'}) ${v.help}\n    at ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
    ),
  );
  return `${screen}: ${lines.length} accessibility violation(s)\n${lines.join('\n')}`;
}
