// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { buildClient, PermanenceError } from '../../shared/api';
import { createDispatcher } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { createFileLogger } from '../../main/platform/logger';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { openStore } from '../../main/store/open';
import { quickCheck } from '../../main/store/integrity';
import { ApiContext } from '../../renderer/api/client';
import { CallDesk } from '../../renderer/features/call-desk/CallDesk';
import { createI18n } from '../../renderer/i18n';
import { tempDir } from '../fixtures/factories';

/** A real full disk needs a small tmpfs, so root. Without it the test says so loudly; under CI it fails. */
const isRoot = process.getuid?.() === 0;
const ci = process.env.CI === 'true';
if (!isRoot && !ci) {
  process.stderr.write(
    '\n*** disk-full tests SKIPPED: mounting a small tmpfs needs root (they fail under CI=true) ***\n\n',
  );
}

describe.runIf(isRoot || ci)('disk full', () => {
  let mountPoint: string;
  let filler: string;
  beforeAll(() => {
    if (!isRoot) throw new Error('disk-full tests need root to mount a small tmpfs (CI=true)');
    mountPoint = tempDir('permanence-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m,mode=0700', 'tmpfs', mountPoint]);
    filler = path.join(mountPoint, 'filler');
  });
  afterAll(() => {
    if (mountPoint) execFileSync('umount', ['-l', mountPoint]);
  });

  /** Fills the tmpfs to the last byte. */
  function fillDisk(): void {
    const fd = fs.openSync(filler, 'a');
    try {
      for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
        const chunk = Buffer.alloc(size, 1);
        for (;;) {
          try {
            fs.writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw error;
          }
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  it('a draft that cannot be saved says « Disque plein », keeps the text on screen, and is saved once space is back', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const db = openStore({ dataDir });
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'test',
      transport: 'harness',
    });
    services.workspace.initialise('demo');
    const firm = services.firms.list().find((f) => f.name.startsWith('Plomberie'))!;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // The real file logger, on the same full disk: a failing log line must not throw out of the dispatcher.
    const dispatch = createDispatcher(createHandlers(services), createFileLogger(dataDir));
    const client = buildClient(
      async (name, input) => {
        const envelope = await dispatch(name, input);
        if (envelope.ok) return envelope.value;
        throw new PermanenceError(envelope.error.code, envelope.error.message, envelope.error.issues);
      },
      () => () => undefined,
    );
    const user = userEvent.setup();
    render(
      <ApiContext.Provider value={client}>
        <I18nextProvider i18n={createI18n('fr')}>
          <CallDesk firmId={firm.id} onClose={() => undefined} />
        </I18nextProvider>
      </ApiContext.Provider>,
    );
    const box = await screen.findByRole('textbox', { name: 'Message' });
    fillDisk();

    // Long enough that the store must grow its WAL, which the full disk refuses.
    const typed = `Fuite sous l’évier, rappeler avant midi. ${'Détails du sinistre. '.repeat(400)}`;
    await user.click(box);
    await user.paste(typed);
    await screen.findByText(/Disque plein : le message n’a pas pu être enregistré/);
    expect(box).toHaveValue(typed);
    expect(stderr.mock.calls.some(([text]) => String(text).includes('ENOSPC'))).toBe(true);

    // Space is back: the next keystroke saves everything she typed.
    fs.rmSync(filler);
    await user.type(box, '!');
    await screen.findByText('Brouillon enregistré');
    await waitFor(() =>
      expect(services.messages.list({ status: 'brouillon', query: '', limit: 5, offset: 0 }).items[0]?.body).toBe(
        `${typed}!`,
      ),
    );
    expect(quickCheck(db)).toEqual([]);
    stderr.mockRestore();
    db.close();
  }, 60_000);

  it('the logger never throws on a full disk', () => {
    const dataDir = path.join(mountPoint, 'logger');
    fs.mkdirSync(dataDir);
    const logger = createFileLogger(dataDir);
    logger.info('before');
    fillDisk();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // Longer than the free end of the log's last page, so the file must grow.
    const detail = new Error(`boom ${'x'.repeat(16 * 1024)}`);
    expect(() => logger.error('after the disk filled up', detail)).not.toThrow();
    expect(String(stderr.mock.calls[0]?.[0])).toContain('ENOSPC');
    stderr.mockRestore();
    fs.rmSync(filler);
  });
});
