import path from 'node:path';
import type { FirmDraftInput } from '../../shared/domain/firm/aggregate';
import type { MessageContentInput } from '../../shared/domain/message';
import { sourceRoot } from '../../main/platform/paths';
import { createServices, type Services } from '../../main/services';
import { openStore, type Db } from '../../main/store/open';
import { makeFirmDraft, parsedDraft, tempDir } from '../fixtures/factories';

export interface MessagingContext {
  dataDir: string;
  db: Db;
  services: Services;
  events: Array<{ name: string; payload: unknown }>;
  close(): Promise<void>;
}

/** Real store and services with a short outbox backoff, so "SMTP down, then back" runs in a test's time. */
export function openMessagingContext(options: { dataDir?: string; now?: () => number } = {}): MessagingContext {
  const dataDir = options.dataDir ?? tempDir();
  const db = openStore({ dataDir });
  const events: MessagingContext['events'] = [];
  const services = createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'test',
    transport: 'harness',
    ...(options.now ? { now: options.now } : {}),
    emit: (name, payload) => events.push({ name, payload }),
    outboxBackoff: { baseMs: 40, maxMs: 300 },
  });
  return {
    dataDir,
    db,
    services,
    events,
    async close() {
      await services.messages.stopWorker();
      db.close();
    },
  };
}

export function martinDraft(extra: Partial<FirmDraftInput> = {}): FirmDraftInput {
  return makeFirmDraft(
    { name: 'Cabinet Martin', greeting: 'Cabinet Martin, bonjour.' },
    {
      people: [
        {
          id: 'claire',
          name: 'Me Claire Martin',
          email: 'claire@martin.test',
          isDefaultRecipient: true,
          receivesMessages: 'addressed-only',
        },
        { id: 'julien', name: 'Me Julien Roux', email: 'julien@martin.test', receivesMessages: 'addressed-only' },
        { id: 'nadia', name: 'Nadia Benali', email: 'nadia@martin.test', receivesMessages: 'urgent-only' },
        { id: 'sans-mail', name: 'Stagiaire', email: '', receivesMessages: 'addressed-only' },
      ],
      ...extra,
    },
  );
}

export function createMartin(services: Services, extra: Partial<FirmDraftInput> = {}): string {
  return services.firms.save({ draft: parsedDraft(martinDraft(extra)) }).id;
}

export function dupont(extra: MessageContentInput = {}): MessageContentInput {
  return {
    callerName: 'M. Dupont',
    callerPhone: '06 12 34 56 78',
    callerEmail: 'dupont@client.test',
    motif: 'Audience déplacée',
    urgency: 'urgent',
    callBack: 'avant 12h',
    body: 'Son audience du 3 décembre est avancée ; il souhaite en parler avant midi.',
    ...extra,
  };
}

export function configureSmtp(services: Services, port: number): void {
  services.smtp.save({
    host: '127.0.0.1',
    port,
    security: 'none',
    user: '',
    from: 'permanence@secretariat.test',
    fromName: 'Permanence Sophie',
  });
}
