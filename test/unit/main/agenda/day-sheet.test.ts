import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { renderDaySheetPdf, type DaySheetRow } from '../../../../main/services/agenda/daysheet/pdf';
import { hasTool } from '../../../e2e/support/chromium';
import { openPractice } from '../../renderer/agenda/support';

/** The practitioner's printed day, read back with pdftotext: order, times in the firm's zone, caller, motif, note. */
const ZONE = 'Europe/Paris';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

function row(start: string, extra: Partial<DaySheetRow>): DaySheetRow {
  return {
    startsAt: at(start),
    endsAt: at(start) + 20 * 60_000,
    motifName: 'Consultation',
    callerName: 'Jeanne Petit',
    callerPhone: '06 12 34 56 78',
    newCaller: false,
    note: '',
    status: 'booked',
    ...extra,
  };
}

async function text(rows: DaySheetRow[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'day-sheet-'));
  try {
    const file = path.join(dir, 'sheet.pdf');
    fs.writeFileSync(
      file,
      await renderDaySheetPdf({
        firmName: 'Cabinet médical des Lilas',
        agendaName: 'Dr Morel',
        dayStart: at('2026-03-30T00:00'),
        timeZone: ZONE,
        printedAt: at('2026-03-29T18:00'),
        rows,
      }),
    );
    return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
      /[ \u00a0\u202f]+/g,
      ' ',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasTool('/usr/bin/pdftotext', 'poppler-utils'))('the day sheet PDF', () => {
  it('lists the day’s appointments in order with time, motif, caller, number and note, in the firm’s zone', async () => {
    const out = await text([
      row('2026-03-30T08:30', { motifName: 'Première consultation', newCaller: true, note: 'Douleur au genou droit' }),
      row('2026-03-30T10:00', { callerName: 'Paul Martin', callerPhone: '06 98 76 54 32', status: 'done' }),
      row('2026-03-30T14:15', { callerName: 'Lucie Bernard', motifName: 'Vaccin', status: 'no_show' }),
    ]);
    expect(out).toContain('Dr Morel');
    expect(out).toContain('Cabinet médical des Lilas');
    expect(out).toContain('Rendez-vous du lundi 30 mars 2026');
    expect(out).toContain('3 rendez-vous');
    // The Monday after the spring DST change: 08:30 local whatever the process zone.
    const first = out.indexOf('08:30 – 08:50');
    const second = out.indexOf('10:00 – 10:20');
    const third = out.indexOf('14:15 – 14:35');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(out).toContain('Première consultation');
    expect(out).toContain('Douleur au genou droit');
    expect(out).toContain('Nouveau patient');
    expect(out).toContain('06 98 76 54 32');
    expect(out).toContain('Vu');
    expect(out).toContain('Absent');
  });

  it('says when the day is empty', async () => {
    expect(await text([])).toContain('Aucun rendez-vous ce jour.');
  });

  it('goes on to a second page with the column heads when the day is long', async () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      row(`2026-03-30T${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`, {
        callerName: `Patient ${i + 1}`,
        note: 'Renouvellement d’ordonnance, apporter les résultats de la prise de sang',
      }),
    );
    const out = await text(rows);
    expect(out.split('\f').filter((p) => p.trim()).length).toBeGreaterThan(1);
    expect(out.split('\f')[1]).toContain('Heure');
    expect(out).toContain('Patient 40');
  });
});

describe.skipIf(!hasTool('/usr/bin/pdftotext', 'poppler-utils'))('agenda:daySheet', () => {
  it('prints one practitioner’s day through the contract: theirs only, cancelled ones left out, named after them', async () => {
    const { t, firmId } = await openPractice();
    try {
      // Slots every 15 min, consultations of 20: the first and the third do not overlap.
      const [a, , b] = await t.client.agenda.findSlots({ firmId, motifId: 'consult', agendaIds: ['lenoir'], limit: 3 });
      const book = (startsAt: number, name: string, agendaId = 'lenoir') =>
        t.client.agenda.book({
          firmId,
          agendaId,
          motifId: 'consult',
          startsAt,
          caller: { contactId: null, name, phone: '06 12 34 56 78', email: '' },
          note: `Note de ${name}`,
        });
      await book(a!.startsAt, 'Lucie Bernard');
      const gone = await book(b!.startsAt, 'Annulé Dupont');
      await t.client.agenda.cancel({ id: gone.id });
      await book(a!.startsAt, 'Autre Praticien', 'morel');
      const date = DateTime.fromMillis(a!.startsAt, { zone: ZONE }).toISODate()!;
      const sheet = await t.client.agenda.daySheet({ firmId, agendaId: 'lenoir', date });
      expect(sheet.fileName).toBe(`feuille-du-jour-dr-lenoir-${date}.pdf`);
      expect(sheet.count).toBe(1);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'day-sheet-'));
      const file = path.join(dir, sheet.fileName);
      fs.writeFileSync(file, Buffer.from(sheet.base64, 'base64'));
      const out = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      fs.rmSync(dir, { recursive: true, force: true });
      expect(out).toContain('Dr Lenoir');
      expect(out).toContain('Lucie Bernard');
      expect(out).toContain('Note de Lucie Bernard');
      expect(out).not.toContain('Annulé Dupont');
      expect(out).not.toContain('Autre Praticien');
    } finally {
      t.close();
    }
  });
});
