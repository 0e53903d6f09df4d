import { createLiveStore } from '../../../../main/api/live-store';
import { openStoreOrRecovery, type Db } from '../../../../main/store/open';
import { tempDir } from '../../../fixtures/factories';

/** Services stand-in: which store it was built on, and what the host did to it. */
interface Fake {
  db: Db;
  generation: number;
  started: boolean;
  stopped: boolean;
}

function liveOver(dataDir: string) {
  const log: string[] = [];
  let generation = 0;
  const live = createLiveStore<Fake>({
    open: () => openStoreOrRecovery({ dataDir }),
    build: (db) => {
      generation += 1;
      const services: Fake = { db, generation, started: false, stopped: false };
      log.push(`build ${generation}`);
      return { services, dispatch: async (name) => ({ ok: true, value: `${name} by ${services.generation}` }) };
    },
    start: (services) => {
      services.started = true;
      log.push(`start ${services.generation}`);
    },
    stop: async (services) => {
      services.stopped = true;
      log.push(`stop ${services.generation}`);
    },
    access: { nativeBinding: 'binding.node' },
  });
  return { live, log };
}

describe('the live store (in-app restore)', () => {
  it('stops the work, closes the store, runs the swap on closed files, reopens and rebuilds', async () => {
    const { live, log } = liveOver(tempDir());
    const first = live.services;
    expect(await live.dispatch('app:info', {})).toEqual({ ok: true, value: 'app:info by 1' });
    const result = await live.host.replaceStore((access) => {
      expect(first.db.open).toBe(false); // the swap sees a closed store
      expect(first.stopped).toBe(true);
      log.push('work');
      return access;
    });
    expect(result).toEqual({ nativeBinding: 'binding.node' });
    expect(log).toEqual(['build 1', 'start 1', 'stop 1', 'work', 'build 2', 'start 2']);
    expect(live.services.generation).toBe(2);
    expect(live.db.open).toBe(true);
    expect(await live.dispatch('app:info', {})).toEqual({ ok: true, value: 'app:info by 2' });
    await live.close();
    expect(live.db.open).toBe(false);
  });

  it('reopens the same store when the swap refuses, and passes the refusal on', async () => {
    const { live } = liveOver(tempDir());
    await expect(
      live.host.replaceStore(() => {
        throw new Error('Sauvegarde refusée');
      }),
    ).rejects.toThrow('Sauvegarde refusée');
    expect(live.services.generation).toBe(2);
    expect(live.services.started).toBe(true);
    expect(live.db.open).toBe(true);
    await live.close();
  });

  it('runs two replacements one after the other', async () => {
    const { live, log } = liveOver(tempDir());
    await Promise.all([
      live.host.replaceStore(() => log.push('first')),
      live.host.replaceStore(() => log.push('second')),
    ]);
    expect(log).toEqual([
      'build 1',
      'start 1',
      'stop 1',
      'first',
      'build 2',
      'start 2',
      'stop 2',
      'second',
      'build 3',
      'start 3',
    ]);
    await live.close();
  });
});
