import { euros, formatHms, frenchDate, type DetailRow } from './model';

/** The relevé's page geometry, colours, detail columns and the drawing helpers renderPdf composes. */

export const INK = '#1d2733';
export const MUTED = '#5b6775';
export const ACCENT = '#1f4e79';
export const RULE = '#c9d2dc';
export const ZEBRA = '#f3f6f9';
export const PAGE = { width: 595.28, height: 841.89, margin: 40 };
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const FOOTER_Y = PAGE.height - 30;

export interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
  /** Long text (type, caller or object) wraps onto more lines instead of being cut. */
  wrap?: boolean;
  value(row: DetailRow): string;
}

/** Where the relevé says what is missing instead of printing a dash (Réglages → Identité). */
export const TO_COMPLETE = '#9a3412';

export const COLUMNS: Column[] = [
  { title: 'Date', width: 50, align: 'left', value: (r) => frenchDate(r.date) },
  { title: 'Heure', width: 30, align: 'left', value: (r) => r.time },
  { title: 'Type', width: 78, align: 'left', wrap: true, value: (r) => r.type },
  {
    title: 'Appelant / objet',
    width: 104,
    align: 'left',
    wrap: true,
    value: (r) => (r.urgent ? `${r.label} (urgent)` : r.label),
  },
  { title: 'Durée réelle', width: 50, align: 'right', value: (r) => formatHms(r.actualSeconds) },
  {
    title: 'Facturé',
    width: 48,
    align: 'right',
    value: (r) =>
      r.freeShortCall
        ? 'offert'
        : r.billedSeconds !== null
          ? formatHms(r.billedSeconds)
          : r.billedQuantity !== null
            ? `${r.billedQuantity} u`
            : 'non facturé',
  },
  {
    title: 'PU HT',
    width: 52,
    align: 'right',
    value: (r) =>
      r.unitPriceCents !== null
        ? `${euros(r.unitPriceCents)}${r.unitPricePer === 'h' ? '/h' : ''}`
        : r.mode === 'Forfait'
          ? 'au forfait'
          : 'sans tarif',
  },
  { title: 'Majoration', width: 48, align: 'right', value: (r) => (r.majorationCents ? euros(r.majorationCents) : '') },
  { title: 'Montant HT', width: 55, align: 'right', value: (r) => euros(r.amountCents) },
];

export function sectionTitle(doc: PDFKit.PDFDocument, title: string, y: number): number {
  doc.font('Helvetica-Bold').fontSize(10.5).fillColor(ACCENT).text(title, PAGE.margin, y);
  doc
    .moveTo(PAGE.margin, y + 15)
    .lineTo(PAGE.margin + CONTENT_WIDTH, y + 15)
    .lineWidth(1)
    .strokeColor(ACCENT)
    .stroke();
  return y + 22;
}

export function tableHeader(doc: PDFKit.PDFDocument, y: number): number {
  let x = PAGE.margin;
  doc.rect(PAGE.margin, y - 3, CONTENT_WIDTH, 15).fill('#e4e9ef');
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(INK);
  for (const column of COLUMNS) {
    doc.text(column.title, x + 2, y + 1, { width: column.width - 4, align: column.align, lineBreak: false });
    x += column.width;
  }
  return y + 16;
}

/** Offered (light) and answered (dark) calls per local hour, 6 h to 22 h plus whatever falls outside. */
export function hourChart(
  doc: PDFKit.PDFDocument,
  byHour: ReadonlyArray<{ hour: number; offered: number; answered: number }>,
  x: number,
  y: number,
): number {
  const hours = byHour.filter((b) => (b.hour >= 7 && b.hour <= 20) || b.offered > 0);
  const max = Math.max(1, ...hours.map((b) => b.offered)) * 1.15;
  const height = 60;
  const slot = CONTENT_WIDTH / Math.max(1, hours.length);
  doc.font('Helvetica').fontSize(7.5).fillColor(MUTED).text('Appels par heure (présentés / décrochés)', x, y);
  const base = y + 14 + height;
  hours.forEach((b, i) => {
    const bx = x + i * slot + slot * 0.2;
    const w = slot * 0.6;
    const ho = (b.offered / max) * height;
    const ha = (b.answered / max) * height;
    if (ho > 0) doc.rect(bx, base - ho, w, ho).fill('#b8cde0');
    if (ha > 0) doc.rect(bx, base - ha, w, ha).fill(ACCENT);
    doc
      .fillColor(MUTED)
      .fontSize(6.5)
      .text(`${b.hour}h`, x + i * slot, base + 2, { width: slot, align: 'center', lineBreak: false });
    if (b.offered > 0) {
      doc
        .fillColor(INK)
        .fontSize(6.5)
        .text(String(b.offered), x + i * slot, base - ho - 9, { width: slot, align: 'center', lineBreak: false });
    }
  });
  doc
    .moveTo(x, base)
    .lineTo(x + CONTENT_WIDTH, base)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  return base + 16;
}
