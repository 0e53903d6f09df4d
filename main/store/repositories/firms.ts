import { billingSettingsSchema, type BillingSettings } from '../../../shared/domain/billing/billing-settings';
import type { FirmDetail, FirmDraft } from '../../../shared/domain/firm/aggregate';
import type { ConsigneRules } from '../../../shared/domain/firm/consignes';
import type { FirmSummary, Sector } from '../../../shared/domain/firm/firm';
import type { WeeklyHours } from '../../../shared/domain/firm/hours';
import type { Person } from '../../../shared/domain/firm/people';
import type { MessageField, Script } from '../../../shared/domain/firm/script';
import { sortByName } from '../../../shared/domain/collate';
import type { Db } from '../open';
import { fromJson, toJson } from './json';

interface FirmRow {
  id: string;
  revision: number;
  name: string;
  sector: Sector;
  color: string;
  greeting: string;
  pronunciation: string;
  time_zone: string;
  weekly_hours: string;
  closed_on_public_holidays: number;
  notes: string;
  script: string;
  message_fields: string;
  billing: string;
  created_at: number;
  updated_at: number;
}

interface PersonRow {
  id: string;
  name: string;
  role: string;
  transfer_target: string;
  email: string;
  receives_messages: Person['receivesMessages'];
  is_default_recipient: number;
  availability: string;
  absences: string;
}

interface ConsigneRow {
  version: number;
  body: string;
  rules: string;
  changed_by: string;
  changed_at: number;
}

export function createFirmsRepository(db: Db) {
  const statements = {
    summaries: db.prepare<[], Omit<FirmSummary, 'numbers'> & { numbers: string | null }>(
      `SELECT f.id, f.name, f.sector, f.color, f.greeting, f.time_zone AS timeZone, f.updated_at AS updatedAt,
              (SELECT group_concat(e164, ' ') FROM (SELECT e164 FROM firm_numbers n WHERE n.firm_id = f.id ORDER BY position)) AS numbers
         FROM firms f WHERE f.archived_at IS NULL`,
    ),
    byId: db.prepare<[string], FirmRow>('SELECT * FROM firms WHERE id = ? AND archived_at IS NULL'),
    exists: db.prepare<[string], { revision: number; archived_at: number | null }>(
      'SELECT revision, archived_at FROM firms WHERE id = ?',
    ),
    numbers: db.prepare<[string], { e164: string; label: string }>(
      'SELECT e164, label FROM firm_numbers WHERE firm_id = ? ORDER BY position',
    ),
    closures: db.prepare<[string], { id: string; from_date: string; to_date: string; label: string }>(
      'SELECT id, from_date, to_date, label FROM firm_closures WHERE firm_id = ? ORDER BY from_date, id',
    ),
    people: db.prepare<[string], PersonRow>('SELECT * FROM people WHERE firm_id = ? ORDER BY position'),
    currentConsignes: db.prepare<[string], ConsigneRow>(
      'SELECT version, body, rules, changed_by, changed_at FROM consigne_versions WHERE firm_id = ? ORDER BY version DESC LIMIT 1',
    ),
    consigneHistory: db.prepare<[string], ConsigneRow>(
      'SELECT version, body, rules, changed_by, changed_at FROM consigne_versions WHERE firm_id = ? ORDER BY version DESC',
    ),
    numberOwner: db.prepare<[string], { firm_id: string; name: string }>(
      'SELECT n.firm_id, f.name FROM firm_numbers n JOIN firms f ON f.id = n.firm_id WHERE n.e164 = ?',
    ),
    insertFirm: db.prepare(
      `INSERT INTO firms (id, revision, name, sector, color, greeting, pronunciation, time_zone, weekly_hours,
                          closed_on_public_holidays, notes, script, message_fields, billing, created_at, updated_at)
       VALUES (@id, 1, @name, @sector, @color, @greeting, @pronunciation, @timeZone, @weeklyHours,
               @closedOnPublicHolidays, @notes, @script, @messageFields, @billing, @now, @now)`,
    ),
    updateFirm: db.prepare(
      `UPDATE firms SET revision = revision + 1, name = @name, sector = @sector, color = @color, greeting = @greeting,
              pronunciation = @pronunciation, time_zone = @timeZone, weekly_hours = @weeklyHours,
              closed_on_public_holidays = @closedOnPublicHolidays, notes = @notes, script = @script,
              message_fields = @messageFields, billing = @billing, archived_at = NULL, updated_at = @now
        WHERE id = @id`,
    ),
    archive: db.prepare<[number, number, string]>(
      'UPDATE firms SET archived_at = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND archived_at IS NULL',
    ),
    deleteNumbers: db.prepare<[string]>('DELETE FROM firm_numbers WHERE firm_id = ?'),
    insertNumber: db.prepare<[string, string, string, number]>(
      'INSERT INTO firm_numbers (e164, firm_id, label, position) VALUES (?, ?, ?, ?)',
    ),
    deleteClosures: db.prepare<[string]>('DELETE FROM firm_closures WHERE firm_id = ?'),
    insertClosure: db.prepare<[string, string, string, string, string]>(
      'INSERT INTO firm_closures (id, firm_id, from_date, to_date, label) VALUES (?, ?, ?, ?, ?)',
    ),
    deletePeople: db.prepare<[string]>('DELETE FROM people WHERE firm_id = ?'),
    insertPerson: db.prepare(
      `INSERT INTO people (id, firm_id, position, name, role, transfer_target, email, receives_messages,
                           is_default_recipient, availability, absences)
       VALUES (@id, @firmId, @position, @name, @role, @transferTarget, @email, @receivesMessages,
               @isDefaultRecipient, @availability, @absences)`,
    ),
    insertConsignes: db.prepare(
      `INSERT INTO consigne_versions (firm_id, version, body, rules, changed_by, changed_at)
       VALUES (@firmId, @version, @body, @rules, @changedBy, @changedAt)`,
    ),
  };

  function consignesFrom(row: ConsigneRow | undefined) {
    if (!row) {
      return { version: 0, body: '', rules: emptyRules(), changedBy: '', changedAt: 0 };
    }
    return {
      version: row.version,
      body: row.body,
      rules: fromJson<ConsigneRules>(row.rules),
      changedBy: row.changed_by,
      changedAt: row.changed_at,
    };
  }

  return {
    listSummaries(): FirmSummary[] {
      // French order (« Étude… » among the E's), which SQLite's NOCASE cannot give.
      return sortByName(statements.summaries.all(), (row) => row.name).map((row) => ({
        ...row,
        numbers: row.numbers ? row.numbers.split(' ') : [],
      }));
    },

    revisionOf(id: string): { revision: number; archived: boolean } | null {
      const row = statements.exists.get(id);
      return row ? { revision: row.revision, archived: row.archived_at !== null } : null;
    },

    numberOwner(e164: string): { firmId: string; firmName: string } | null {
      const row = statements.numberOwner.get(e164);
      return row ? { firmId: row.firm_id, firmName: row.name } : null;
    },

    get(id: string): FirmDetail | null {
      const row = statements.byId.get(id);
      if (!row) return null;
      return {
        id: row.id,
        revision: row.revision,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        profile: {
          name: row.name,
          sector: row.sector,
          color: row.color,
          greeting: row.greeting,
          pronunciation: row.pronunciation,
          numbers: statements.numbers.all(id),
          timeZone: row.time_zone,
          weeklyHours: fromJson<WeeklyHours>(row.weekly_hours),
          closures: statements.closures
            .all(id)
            .map((c) => ({ id: c.id, from: c.from_date, to: c.to_date, label: c.label })),
          closedOnPublicHolidays: row.closed_on_public_holidays === 1,
          notes: row.notes,
        },
        people: statements.people.all(id).map((p) => ({
          id: p.id,
          name: p.name,
          role: p.role,
          transferTarget: p.transfer_target,
          email: p.email,
          receivesMessages: p.receives_messages,
          isDefaultRecipient: p.is_default_recipient === 1,
          availability: p.availability,
          absences: fromJson<Person['absences']>(p.absences),
        })),
        consignes: consignesFrom(statements.currentConsignes.get(id)),
        script: fromJson<Script>(row.script),
        messageFields: fromJson<MessageField[]>(row.message_fields),
        billing: readBilling(row.billing),
      };
    },

    consigneHistory(id: string) {
      return statements.consigneHistory.all(id).map(consignesFrom);
    },

    /** Writes every part of a firm; the caller wraps it in the transaction that checked the revision. */
    write(id: string, draft: FirmDraft, mode: 'insert' | 'update', now: number): void {
      const { profile } = draft;
      const row = {
        id,
        name: profile.name,
        sector: profile.sector,
        color: profile.color,
        greeting: profile.greeting,
        pronunciation: profile.pronunciation,
        timeZone: profile.timeZone,
        weeklyHours: toJson(profile.weeklyHours),
        closedOnPublicHolidays: profile.closedOnPublicHolidays ? 1 : 0,
        notes: profile.notes,
        script: toJson(draft.script),
        messageFields: toJson(draft.messageFields),
        billing: toJson(draft.billing),
        now,
      };
      (mode === 'insert' ? statements.insertFirm : statements.updateFirm).run(row);
      statements.deleteNumbers.run(id);
      profile.numbers.forEach((n, index) => statements.insertNumber.run(n.e164, id, n.label, index));
      statements.deleteClosures.run(id);
      for (const c of profile.closures) statements.insertClosure.run(c.id, id, c.from, c.to, c.label);
      statements.deletePeople.run(id);
      draft.people.forEach((p, index) =>
        statements.insertPerson.run({
          id: p.id,
          firmId: id,
          position: index,
          name: p.name,
          role: p.role,
          transferTarget: p.transferTarget,
          email: p.email,
          receivesMessages: p.receivesMessages,
          isDefaultRecipient: p.isDefaultRecipient ? 1 : 0,
          availability: p.availability,
          absences: toJson(p.absences),
        }),
      );
    },

    /** Adds a consignes version only when the text or rules differ from the one in force. */
    recordConsignes(id: string, consignes: FirmDraft['consignes'], changedBy: string, now: number): boolean {
      const current = consignesFrom(statements.currentConsignes.get(id));
      if (current.version > 0 && current.body === consignes.body && toJson(current.rules) === toJson(consignes.rules)) {
        return false;
      }
      statements.insertConsignes.run({
        firmId: id,
        version: current.version + 1,
        body: consignes.body,
        rules: toJson(consignes.rules),
        changedBy,
        changedAt: now,
      });
      return true;
    },

    archive(id: string, now: number): boolean {
      const result = statements.archive.run(now, now, id);
      if (result.changes > 0) statements.deleteNumbers.run(id);
      return result.changes > 0;
    },
  };
}

function emptyRules(): ConsigneRules {
  return {
    transferRules: [],
    urgentDefinition: '',
    vipCallers: [],
    neverDisclose: [],
    identityChecks: [],
    identityCheckRequired: false,
  };
}
export type FirmsRepository = ReturnType<typeof createFirmsRepository>;

/**
 * Billing documents saved before the rules existed are `{}` and read as the default rules. A document that no
 * longer validates (hand-edited database) reads as the defaults too rather than blocking the firm from opening.
 */
function readBilling(text: string): BillingSettings {
  const parsed = billingSettingsSchema.safeParse(fromJson<unknown>(text));
  return parsed.success ? parsed.data : billingSettingsSchema.parse({});
}
