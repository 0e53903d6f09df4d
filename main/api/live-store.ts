import type { StoreDamage } from '../../shared/domain/recovery';
import type { StoreAccess, StoreHost } from '../services/privacy/live-restore';
import type { Db } from '../store/open';
import type { Dispatch } from './dispatch';

export interface LiveStoreParts<S> {
  /** Opens the store, or a placeholder and the damage (recovery mode). */
  open(): { db: Db; damage: StoreDamage | null };
  /** Services and the guarded dispatcher over a store; `host` is handed to the services (in-app restore). */
  build(db: Db, damage: StoreDamage | null, host: StoreHost): { services: S; dispatch: Dispatch };
  /** Background work started on a sound store (outbox, sync, scheduler). */
  start(services: S): void;
  /** Stops it before the store closes (an SMTP transaction records its outcome first). */
  stop(services: S): Promise<void>;
  /** How the store is opened, for restoreFromBackup. */
  access: StoreAccess;
}

/**
 * The store and the services over it, replaceable while the process runs: the in-app restore closes the store,
 * lets the restore swap the files, then reopens and rebuilds everything on the restored store. Transports call
 * `dispatch`, which always reaches the current services. A second replacement waits for the first.
 */
export function createLiveStore<S>(parts: LiveStoreParts<S>) {
  let current: { db: Db; damage: StoreDamage | null; services: S; dispatch: Dispatch };
  let queue: Promise<unknown> = Promise.resolve();

  function boot(): void {
    const { db, damage } = parts.open();
    const built = parts.build(db, damage, host);
    current = { db, damage, ...built };
    if (!damage) parts.start(built.services);
  }

  const host: StoreHost = {
    replaceStore<T>(work: (access: StoreAccess) => T): Promise<T> {
      const run = queue.then(async () => {
        const old = current;
        if (!old.damage) await parts.stop(old.services);
        // From here to the reopen nothing awaits: no call can reach a closed store.
        old.db.close();
        try {
          return work(parts.access);
        } finally {
          boot(); // the restored store, or the same one when the work refused the backup
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };

  boot();
  return {
    get services(): S {
      return current.services;
    },
    get db(): Db {
      return current.db;
    },
    get damage(): StoreDamage | null {
      return current.damage;
    },
    dispatch: ((name, input) => current.dispatch(name, input)) as Dispatch,
    host,
    async close(): Promise<void> {
      await queue;
      if (!current.damage) await parts.stop(current.services);
      current.db.close();
    },
  };
}
export type LiveStore<S> = ReturnType<typeof createLiveStore<S>>;
