import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServices } from '../../main/services';
import { openStore, type Db } from '../../main/store/open';
import { indexMessagesAfter } from '../../main/store/repositories/messages-search';
import { sourceRoot } from '../../main/platform/paths';
import { startSmtpServer } from '../integration/smtp-test-server';
import { tempDir } from '../fixtures/factories';
import { percentile, round } from './stats';

type Report = (name: string, value: number, unit: string) => void;

const SURNAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Lefèvre',
  'Moreau',
  'Laurent',
  'Girard',
  'Roux',
  'Fournier',
  'Mercier',
  'Bonnet',
  'François',
  'Legrand',
  'Garnier',
  'Chevalier',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Noël',
  'Bézier',
];
const TITLES = ['M.', 'Mme', 'Me', 'Dr'];
const MOTIFS = [
  'Rendez-vous',
  'Rappel urgent',
  'Question sur une facture',
  'Demande de devis',
  'Suivi de dossier',
  'Résultat d’analyse',
  'Visite d’un appartement',
  'Colis non reçu',
  'Fuite d’eau',
  'Audience reportée',
  'Renouvellement d’ordonnance',
  'Échéance fiscale',
];
const WORDS = [
  'audience',
  'délai',
  'chaudière',
  'bail',
  'préavis',
  'expertise',
  'ordonnance',
  'prud’hommes',
  'succession',
  'échéancier',
  'remboursement',
  'livraison',
  'dégât',
  'copropriété',
  'syndic',
  'vaccination',
  'radiographie',
  'mutuelle',
  'notaire',
  'compromis',
  'caution',
  'garantie',
  'réclamation',
  'commande',
  'facture',
  'relance',
  'assurance',
  'sinistre',
  'chantier',
  'métrage',
];
const STATUSES = [
  'transmis',
  'transmis',
  'transmis',
  'traite',
  'traite',
  'traite',
  'traite',
  'echec',
  'a-transmettre',
  'brouillon',
] as const;

/** mulberry32: the same sequence on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Adds `count` messages (with recipients and their FTS rows) over the existing firms and people, spread over the ten
 * years before 2026-11-01, in one transaction. For the lead's 10-year seed and for this benchmark.
 */
export function seedMessages(
  db: Db,
  count: number,
  options: { seed?: number; from?: number; to?: number } = {},
): number {
  const random = prng(options.seed ?? 7);
  const from = options.from ?? Date.UTC(2016, 10, 1);
  const to = options.to ?? Date.UTC(2026, 10, 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const people = db.prepare<[], { firm_id: string; id: string }>('SELECT firm_id, id FROM people').all();
  const firms = db
    .prepare<[], { id: string }>('SELECT id FROM firms WHERE archived_at IS NULL')
    .all()
    .map((f) => f.id);
  if (firms.length === 0) throw new Error('seedMessages needs firms in the store');
  const peopleOf = new Map<string, string[]>();
  for (const p of people) peopleOf.set(p.firm_id, [...(peopleOf.get(p.firm_id) ?? []), p.id]);
  const start = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  const insert = db.prepare(
    `INSERT INTO messages (id, firm_id, status, urgency, caller_name, caller_company, caller_phone, caller_email, motif, call_back,
       body, fields, revision, taken_by, created_at, updated_at, submitted_at, delivered_at, handled_at)
     VALUES (@id, @firmId, @status, @urgency, @callerName, '', @callerPhone, '', @motif, @callBack, @body, '{}', @revision,
       'Sophie', @at, @at, @submitted, @delivered, @handled)`,
  );
  const recipient = db.prepare('INSERT INTO message_recipients (message_id, person_id, position) VALUES (?, ?, 0)');
  const lastSeq = (db.prepare('SELECT ifnull(max(seq), 0) AS seq FROM messages').get() as { seq: number }).seq;
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const id = `seed-msg-${start + i}`;
      const firmId = pick(firms);
      const at = Math.floor(from + random() * (to - from));
      const status = pick(STATUSES);
      const callerName = `${pick(TITLES)} ${pick(SURNAMES)}`;
      const callerPhone = `+336${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      const motif = pick(MOTIFS);
      const body = `${pick(WORDS)} ${pick(WORDS)} : rappeler au sujet du ${pick(WORDS)} et de la ${pick(WORDS)}.`;
      const callBack = random() < 0.4 ? 'avant 12h' : '';
      const sent = status !== 'brouillon';
      insert.run({
        id,
        firmId,
        status,
        urgency: random() < 0.12 ? 'urgent' : random() < 0.03 ? 'tres-urgent' : 'normal',
        callerName,
        callerPhone,
        motif,
        callBack,
        body,
        revision: sent ? 1 : 0,
        at,
        submitted: sent ? at + 60_000 : null,
        delivered: status === 'transmis' || status === 'traite' ? at + 70_000 : null,
        handled: status === 'traite' ? at + 86_400_000 : null,
      });
      const staff = peopleOf.get(firmId);
      if (staff && staff.length > 0) recipient.run(id, pick(staff));
    }
    // Indexed as the app indexes a message (same FTS row, same search key).
    indexMessagesAfter(db, lastSeq);
  })();
  return count;
}

function timed(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

export async function run(report: Report, options: { seedDir?: string }): Promise<void> {
  // Work on a copy: the benchmark writes (drafts, outbox) and the shared seed must stay as built.
  const dataDir = tempDir('permanence-bench-messages-');
  const seedFile = options.seedDir ? path.join(options.seedDir, 'permanence.sqlite3') : null;
  if (seedFile && fs.existsSync(seedFile)) {
    const source = openStore({ dataDir: options.seedDir! });
    source.prepare('VACUUM INTO ?').run(path.join(dataDir, 'permanence.sqlite3'));
    source.close();
  }
  const db = openStore({ dataDir });
  const services = createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'bench',
    transport: 'harness',
    outboxBackoff: { baseMs: 50, maxMs: 500 },
  });
  if (services.firms.list().length === 0) services.workspace.initialise('demo');
  const existing = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  if (existing < 100_000) {
    const ms = timed(() => seedMessages(db, 100_000 - existing));
    report('messages.seed_100k', round(ms, 0), 'ms');
  }
  const firmIds = services.firms.list().map((f) => f.id);

  // Save latency: the autosave of a draft (one transaction: row, recipients, FTS), as she types.
  const saves: number[] = [];
  let draftId: string | undefined;
  const firmId = firmIds[0]!;
  for (let i = 0; i < 400; i += 1) {
    saves.push(
      timed(() => {
        draftId = services.messages.saveDraft({
          ...(draftId && i % 20 !== 0 ? { id: draftId } : {}),
          firmId,
          content: {
            callerName: `Mme Lefèvre ${i}`,
            body: 'Elle rappelle au sujet du bail commercial '.repeat(1 + (i % 5)),
          },
        }).id;
      }),
    );
  }
  report('messages.save_draft.p50', round(percentile(saves, 50), 3), 'ms');
  report('messages.save_draft.p95', round(percentile(saves, 95), 3), 'ms');

  // Full-text search over 100k+ messages, as typed in the list (first page of 200 plus the total).
  const queries = [
    'lefevre',
    'chaudiere',
    'prud',
    'Moreau bail',
    'facture relance',
    'audience',
    '0612',
    'guerin sinistre',
    'noel',
    'urgent',
  ];
  const searches: number[] = [];
  for (let round_ = 0; round_ < 20; round_ += 1) {
    for (const query of queries) searches.push(timed(() => services.messages.list({ query, limit: 200, offset: 0 })));
  }
  report('messages.search_100k.p50', round(percentile(searches, 50), 2), 'ms');
  report('messages.search_100k.p95', round(percentile(searches, 95), 2), 'ms');
  // The same, within one firm and one status (the messages screen's filters).
  const filtered: number[] = [];
  for (let round_ = 0; round_ < 5; round_ += 1) {
    for (const id of firmIds.slice(0, 10)) {
      for (const query of ['rappel', 'audience', 'lefevre']) {
        filtered.push(
          timed(() => services.messages.list({ firmId: id, query, status: 'transmis', limit: 200, offset: 0 })),
        );
      }
    }
  }
  report('messages.search_100k.firm_status_filtered.p50', round(percentile(filtered, 50), 2), 'ms');
  report('messages.search_100k.firm_status_filtered.p95', round(percentile(filtered, 95), 2), 'ms');

  // Outbox throughput to a real SMTP server on loopback.
  const smtp = await startSmtpServer();
  services.smtp.save({
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: '',
    from: 'bench@permanence.test',
    fromName: 'Bench',
  });
  const target = services.firms
    .list()
    .map((f) => services.firms.get(f.id))
    .find((f) => f.people.some((p) => p.email))!;
  // The firm's required fields are answered, as the script would have them.
  const fields = Object.fromEntries(
    target.messageFields.filter((f) => f.required).map((f) => [f.key, f.options[0] ?? 'x']),
  );
  const count = 300;
  for (let i = 0; i < count; i += 1) {
    services.messages.send({
      firmId: target.id,
      content: { callerName: `Client ${i}`, motif: 'Rappel', urgency: i % 10 === 0 ? 'urgent' : 'normal', fields },
    });
  }
  const start = performance.now();
  for (let i = 0; i < 50 && smtp.received.length < count; i += 1) await services.worker.drain();
  const seconds = (performance.now() - start) / 1000;
  report('messages.outbox_throughput', round(smtp.received.length / seconds, 1), 'mails/s');
  await services.messages.stopWorker();
  await smtp.stop();
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
