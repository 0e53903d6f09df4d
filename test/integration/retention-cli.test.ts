import path from 'node:path';
import { runCli } from '../../main/cli';
import { sourceRoot } from '../../main/platform/paths';
import { openStore } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';
import { insertMessage } from '../unit/main/privacy/retention-rows';

const demo = path.join(sourceRoot(), 'assets', 'demo-workspace.json');

describe('command line: retention purge, register, end of contract', () => {
  it('purges (dry run first), writes a register, exports then erases a firm, and the audit chain holds', async () => {
    const env = { PERMANENCE_DATA_DIR: tempDir() };
    expect((await runCli(['workspace', 'import', demo], env)).exitCode).toBe(0);
    const db = openStore({ dataDir: env.PERMANENCE_DATA_DIR });
    const firm = db.prepare('SELECT id, name FROM firms ORDER BY name LIMIT 1').get() as { id: string; name: string };
    insertMessage(db, { id: 'ancien', firmId: firm.id, status: 'traite', createdAt: 1, deliveredAt: 2 });
    db.close();

    const dry = await runCli(['privacy', 'purge', '--dry-run'], env);
    expect(dry).toMatchObject({ exitCode: 0, stderr: '' });
    expect(dry.stdout).toContain('Purge (simulation, rien n’est supprimé)');
    expect(dry.stdout).toContain(`${firm.name} : 1 message`);
    const done = await runCli(['privacy', 'purge'], env);
    expect(done.stdout).toContain(`Purge faite :\n  ${firm.name} : 1 message`);
    expect((await runCli(['privacy', 'purge'], env)).stdout).toContain('rien n’a atteint sa durée de conservation');

    const register = await runCli(['privacy', 'register', '--firm', firm.id], env);
    expect(register.stdout).toMatch(/registre-des-traitements\.pdf/);

    const exported = await runCli(['privacy', 'end-contract', '--firm', firm.id], env);
    expect(exported.stdout).toContain(`relancez avec --confirm "${firm.name}"`);
    const refused = await runCli(['privacy', 'end-contract', '--firm', firm.id, '--confirm', 'Autre'], env);
    expect(refused.exitCode).toBe(1);
    const ended = await runCli(['privacy', 'end-contract', '--firm', firm.id, '--confirm', firm.name], env);
    expect(ended).toMatchObject({ exitCode: 0, stderr: '' });
    expect(ended.stdout).toMatch(/^Cabinet effacé \(\d+ lignes ; factures gardées 10 ans\)/);

    expect(await runCli(['audit', 'verify'], env)).toMatchObject({ exitCode: 0 });
    const check = openStore({ dataDir: env.PERMANENCE_DATA_DIR });
    expect(check.prepare('SELECT count(*) FROM firms WHERE id = ?').pluck().get(firm.id)).toBe(0);
    check.close();
  });
});
