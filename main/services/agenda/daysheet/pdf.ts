import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * The printable day sheet of one practitioner: the day's appointments in order, with the motif, the caller (and
 * number, « nouveau » when it is a first visit) and the note she took. A4 portrait, DejaVu embedded (accents and
 * « » print the same everywhere); times in the firm's zone with Intl, never the process's zone. Cancelled
 * appointments are not on it; a no-show or a done one is marked. Deterministic for the same input.
 */

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const INK = '#1d2733';
const MUTED = '#5b6775';
const RULE = '#c9d2dc';
const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
/** Column x offsets and widths: time, motif, caller, note. */
const COLUMNS = [
  { x: 0, width: 88 },
  { x: 92, width: 112 },
  { x: 208, width: 140 },
  { x: 352, width: WIDTH - 352 },
] as const;

export interface DaySheetRow {
  startsAt: number;
  endsAt: number;
  motifName: string;
  callerName: string;
  /** As she would dial it (« 06 12 34 56 78 »); '' when none. */
  callerPhone: string;
  newCaller: boolean;
  note: string;
  status: 'booked' | 'moved' | 'no_show' | 'done';
  /** Waiting for the firm's calendar (CalDAV) to take it. */
  pendingSync?: boolean;
}

export interface DaySheetInput {
  firmName: string;
  agendaName: string;
  /** Midnight of the day, firm's zone. */
  dayStart: number;
  timeZone: string;
  printedAt: number;
  rows: readonly DaySheetRow[];
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

const STATUS_MARK: Record<DaySheetRow['status'], string> = {
  booked: '',
  moved: '',
  done: 'Vu',
  no_show: 'Absent',
};

export async function renderDaySheetPdf(input: DaySheetInput): Promise<Buffer> {
  const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short', timeZone: input.timeZone });
  const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: input.timeZone }).format(input.dayStart);
  const printed = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: input.timeZone,
  }).format(input.printedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    lang: 'fr-FR',
    info: {
      Title: 'Feuille de journée',
      Creator: 'Permanence',
      Producer: 'Permanence',
      CreationDate: new Date(input.printedAt),
      ModDate: new Date(input.printedAt),
    },
  });
  const done = collect(pdf);
  pdf.registerFont('body', FONT);
  pdf.registerFont('bold', FONT_BOLD);
  const left = PAGE.margin;

  pdf.fillColor(INK).font('bold').fontSize(18).text(input.agendaName, left, PAGE.margin, { width: WIDTH });
  pdf.font('body').fontSize(11).fillColor(MUTED).text(input.firmName, { width: WIDTH });
  pdf.moveDown(0.3);
  pdf.fillColor(INK).font('bold').fontSize(13).text(`Rendez-vous du ${day}`, { width: WIDTH });
  pdf
    .font('body')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      input.rows.length === 0
        ? 'Aucun rendez-vous ce jour.'
        : `${input.rows.length} rendez-vous · imprimé le ${printed}`,
      { width: WIDTH },
    );
  pdf.moveDown(0.8);

  function header(y: number): number {
    pdf.font('bold').fontSize(9).fillColor(MUTED);
    ['Heure', 'Motif', 'Appelant', 'Note'].forEach((label, i) =>
      pdf.text(label, left + COLUMNS[i]!.x, y, { width: COLUMNS[i]!.width }),
    );
    const below = y + 14;
    pdf
      .moveTo(left, below)
      .lineTo(left + WIDTH, below)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();
    return below + 6;
  }

  let y = input.rows.length > 0 ? header(pdf.y) : pdf.y;
  for (const row of input.rows) {
    const cells = [
      `${time.format(row.startsAt)} – ${time.format(row.endsAt)}`,
      row.motifName,
      [
        row.callerName || 'Sans nom',
        row.callerPhone,
        row.newCaller ? 'Nouveau patient' : '',
        STATUS_MARK[row.status],
        row.pendingSync ? 'En attente de synchronisation' : '',
      ]
        .filter(Boolean)
        .join('\n'),
      row.note,
    ];
    pdf.font('body').fontSize(10);
    const height = Math.max(...cells.map((text, i) => pdf.heightOfString(text || ' ', { width: COLUMNS[i]!.width })));
    if (y + height > PAGE.height - PAGE.margin - 20) {
      pdf.addPage();
      y = header(PAGE.margin);
    }
    cells.forEach((text, i) => {
      pdf
        .font(i === 0 ? 'bold' : 'body')
        .fontSize(10)
        .fillColor(INK)
        .text(text, left + COLUMNS[i]!.x, y, { width: COLUMNS[i]!.width });
    });
    y += height + 6;
    pdf
      .moveTo(left, y - 3)
      .lineTo(left + WIDTH, y - 3)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  }
  pdf.end();
  return done;
}
