import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../main/cli';
import { sourceRoot } from '../../main/platform/paths';
import { tempDir } from '../fixtures/factories';

const demo = path.join(sourceRoot(), 'assets', 'demo-workspace.json');

describe('command line', () => {
  it('imports and exports a workspace on PERMANENCE_DATA_DIR through the same services', async () => {
    const env = { PERMANENCE_DATA_DIR: tempDir() };
    const imported = await runCli(['workspace', 'import', demo], env);
    expect(imported).toMatchObject({ exitCode: 0 });
    expect(imported.stdout).toContain('5 cabinet(s) créé(s)');
    const out = path.join(tempDir(), 'export.json');
    expect((await runCli(['workspace', 'export', out], env)).exitCode).toBe(0);
    const file = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(file.firms).toHaveLength(5);
    expect((await runCli(['workspace', 'import', out], env)).stdout).toContain('5 mis à jour');
  });

  it('exits 1 with the reason when the file is refused', async () => {
    const bad = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(bad, '{"format":"permanence-workspace","version":1,"firms":[{"id":"x"}]}');
    const result = await runCli(['workspace', 'import', bad], { PERMANENCE_DATA_DIR: tempDir() });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('firms.0.firm');
  });

  it('refuses to run without PERMANENCE_DATA_DIR, so it never touches real data by accident', async () => {
    expect(await runCli(['workspace', 'export', '/tmp/x.json'], {})).toMatchObject({ exitCode: 2 });
    expect((await runCli(['nonsense'], { PERMANENCE_DATA_DIR: tempDir() })).stderr).toContain('Usage');
  });
});
