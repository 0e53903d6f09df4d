import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { PERSON_DATA_KINDS } from '../../../../shared/domain/privacy-rights';
import { FIELD_LABELS, KIND_TITLES, readableRow, type PersonReport } from './report';

const require = createRequire(import.meta.url);
// DejaVu (a dependency) covers every name she may take down, not only WinAnsi's Latin letters.
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const INK = '#1d2733';
const MUTED = '#5b6775';
const ACCENT = '#1f4e79';
const MARGIN = 48;

const paris = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A value as she reads it: instants in French, Paris time; the rest as written. */
function shown(value: string | number): string {
  return typeof value === 'string' && ISO.test(value) ? paris.format(new Date(value)) : String(value);
}

/**
 * The readable French PDF of a rights request: who asked, where it was looked, what was looked for, the counts,
 * then every row, kind by kind, one labelled line per field. Text is written with plain spaces so pdftotext and
 * copy-paste read it back as typed.
 */
export function renderReportPdf(report: PersonReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Données d’une personne — ${report.requestedBy.name}`,
      Creator: 'Permanence',
      CreationDate: new Date(report.generatedAt),
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // Bytes copied into this realm's Uint8Array: pdfkit checks `instanceof Uint8Array`, which a Buffer from another
  // realm (a component test's DOM environment) fails.
  doc.registerFont('body', new Uint8Array(fs.readFileSync(FONT)));
  doc.registerFont('bold', new Uint8Array(fs.readFileSync(FONT_BOLD)));

  doc.fillColor(ACCENT).font('bold').fontSize(18).text('Données d’une personne');
  doc.moveDown(0.3).fillColor(INK).font('body').fontSize(10);
  doc.text(`Demande du cabinet : ${report.requestedBy.name}`);
  doc.text(`Cabinets consultés : ${report.firms.map((f) => f.name).join(', ')}`);
  doc.text(`Établi le ${paris.format(new Date(report.generatedAt))}`);
  const who = [...report.identifiers.names, ...report.identifiers.phones];
  doc.text(`Recherché : ${who.join(' ; ')}`);

  doc.moveDown().fillColor(ACCENT).font('bold').fontSize(12).text('Résumé');
  doc.fillColor(INK).font('body').fontSize(10);
  for (const kind of PERSON_DATA_KINDS) doc.text(`${KIND_TITLES[kind]} : ${report.counts[kind]}`);
  doc.text(`Index de recherche : ${report.counts.searchIndex}`);

  for (const kind of PERSON_DATA_KINDS) {
    const rows = report.rows[kind];
    if (rows.length === 0) continue;
    doc.moveDown().fillColor(ACCENT).font('bold').fontSize(12).text(`${KIND_TITLES[kind]} (${rows.length})`);
    rows.forEach((row, index) => {
      const fields = Object.entries(readableRow(row)).filter(([column]) => column !== 'id');
      doc
        .moveDown(0.4)
        .fillColor(MUTED)
        .font('bold')
        .fontSize(9)
        .text(`${index + 1}.`);
      doc.fillColor(INK).font('body').fontSize(9);
      for (const [column, value] of fields) doc.text(`${FIELD_LABELS[column]} : ${shown(value)}`);
    });
  }
  doc.end();
  return done;
}
