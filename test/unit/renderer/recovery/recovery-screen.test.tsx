// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fs from 'node:fs';
import path from 'node:path';
import { buildClient, PermanenceError, type PermanenceClient } from '../../../../shared/api';
import { createDispatcher } from '../../../../main/api/dispatch';
import { createHandlers } from '../../../../main/api/handlers';
import { guardRecoveryMode } from '../../../../main/api/recovery-guard';
import { sourceRoot } from '../../../../main/platform/paths';
import { createServices } from '../../../../main/services';
import { DATA_MARKER_FILE } from '../../../../main/store/integrity';
import { DATABASE_FILE, openStore, openStoreOrRecovery, type Db } from '../../../../main/store/open';
import { App } from '../../../../renderer/app/App';
import { createI18n } from '../../../../renderer/i18n';
import { tempDir } from '../../../fixtures/factories';

const assetsDir = path.join(sourceRoot(), 'assets');
let db: Db | null = null;

afterEach(() => {
  db?.close();
  db = null;
});

/** The app as the harness serves it on this data directory: recovery mode when the store cannot be opened. */
function clientOn(dataDir: string): PermanenceClient {
  const opened = openStoreOrRecovery({ dataDir });
  db = opened.db;
  const services = createServices(opened.db, {
    assetsDir,
    dataDir,
    appVersion: 'test',
    transport: 'harness',
    ...(opened.damage ? { recovery: { damage: opened.damage } } : {}),
  });
  const dispatch = guardRecoveryMode(
    createDispatcher(createHandlers(services), { error: () => undefined }),
    opened.damage,
  );
  return buildClient(
    async (name, input) => {
      const envelope = await dispatch(name, input);
      if (envelope.ok) return envelope.value;
      throw new PermanenceError(envelope.error.code, envelope.error.message, envelope.error.issues);
    },
    () => () => undefined,
  );
}

describe('the recovery screen', () => {
  it('a store gone from a directory that held data, without backups: says so, offers nothing to restore or read', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, DATA_MARKER_FILE), '{}');
    render(<App api={clientOn(dataDir)} i18n={createI18n('fr')} />);
    await screen.findByRole('heading', { name: 'Votre base de données ne peut pas être ouverte' });
    expect(screen.getByText(/Le fichier de la base a disparu/)).toBeInTheDocument();
    expect(screen.getByText(/Aucune sauvegarde dans ce dossier/)).toBeInTheDocument();
    expect(screen.getByText(new RegExp(path.join(dataDir, 'backups')))).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Restaurer/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Exporter/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Bienvenue dans Permanence' })).toBeNull();
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it('a damaged table: exports what can be read and names what could not, in English too', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    createServices(store, { assetsDir, dataDir, appVersion: 'test', transport: 'harness' }).workspace.initialise(
      'demo',
    );
    const root = store.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'contacts'").pluck().get() as number;
    const pageSize = store.pragma('page_size', { simple: true }) as number;
    store.close();
    const fd = fs.openSync(path.join(dataDir, DATABASE_FILE), 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);

    const user = userEvent.setup();
    render(<App api={clientOn(dataDir)} i18n={createI18n('en')} />);
    await screen.findByRole('heading', { name: 'Your database cannot be opened' });
    expect(screen.getByText(/The integrity check failed/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export what can be read' }));
    const done = await screen.findByText(/rows exported to .*recuperation-.*\.json\. Unreadable: contacts\./);
    const file = /exported to (\S+\.json)\./.exec(done.textContent ?? '')?.[1] ?? '';
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).tables.firms).toHaveLength(5);
  });
});
