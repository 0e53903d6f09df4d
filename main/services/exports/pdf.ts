import PDFDocument from 'pdfkit';
import { percentOneDecimal } from '../../../shared/domain/kpi';
import { euros, formatHms, frenchDate, type ExportModel } from './model';
import {
  ACCENT,
  COLUMNS,
  CONTENT_WIDTH,
  FOOTER_Y,
  INK,
  MUTED,
  PAGE,
  RULE,
  TO_COMPLETE,
  ZEBRA,
  hourChart,
  sectionTitle,
  tableHeader,
} from './pdf-layout';

/**
 * The relevé d'activité for the firm: identities, period, summary with the VAT line or mention, forfait
 * consumption, the KPI summary with calls by hour, then the detail lines (actual beside billed) on as many
 * pages as needed, each with its column header and a footer "page n / N". Standard PDF fonts (Helvetica, WinAnsi)
 * cover French; text is written with plain spaces so pdftotext and copy-paste read it back as typed.
 */

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export async function renderPdf(model: ExportModel, options: { generatedAt: number }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: {
      Title: `Relevé d'activité ${model.periodLabel} — ${model.firm.name}`,
      Author: model.secretary.name || 'Permanence',
      Creator: 'Permanence',
      CreationDate: new Date(options.generatedAt),
    },
  });
  const done = collect(doc);
  const left = PAGE.margin;
  let y = PAGE.margin;

  // Title band.
  doc.rect(0, 0, PAGE.width, 6).fill(ACCENT);
  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(20).text("Relevé d'activité", left, y);
  doc
    .fillColor(INK)
    .font('Helvetica')
    .fontSize(12)
    .text(capitalise(model.periodLabel), left, y + 26);
  doc
    .fillColor(MUTED)
    .fontSize(9)
    .text(`Période du ${frenchDate(model.firstDay)} au ${frenchDate(model.lastDay)}`, left, y + 44)
    .text(
      `Établi le ${new Date(options.generatedAt).toLocaleDateString('fr-FR', { timeZone: model.source.firm.profile.timeZone })}`,
      left,
      y + 44,
      {
        width: CONTENT_WIDTH,
        align: 'right',
      },
    );
  y += 70;

  // Identities.
  const boxWidth = (CONTENT_WIDTH - 16) / 2;
  const identity = (x: number, heading: string, lines: string[], missing: string[] = []) => {
    doc
      .fillColor(MUTED)
      .font('Helvetica-Bold')
      .fontSize(8)
      .text(heading.toUpperCase(), x + 10, y + 8, { characterSpacing: 0.6 });
    doc
      .fillColor(lines[0] ? INK : TO_COMPLETE)
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(lines[0] || 'Nom à compléter', x + 10, y + 22, { width: boxWidth - 20 });
    doc.font('Helvetica').fontSize(9).fillColor(INK);
    doc.text(lines.slice(1).filter(Boolean).join('\n'), x + 10, doc.y + 2, { width: boxWidth - 20 });
    if (missing.length) {
      doc
        .font('Helvetica-Oblique')
        .fontSize(8)
        .fillColor(TO_COMPLETE)
        .text(`À compléter : ${missing.join(', ')}.`, x + 10, doc.y + 2, { width: boxWidth - 20 });
    }
  };
  const boxHeight = 92;
  doc.roundedRect(left, y, boxWidth, boxHeight, 4).lineWidth(0.7).strokeColor(RULE).stroke();
  doc.roundedRect(left + boxWidth + 16, y, boxWidth, boxHeight, 4).stroke();
  identity(
    left,
    'Prestataire',
    [model.secretary.name, model.secretary.address, model.secretary.siren ? `SIREN ${model.secretary.siren}` : ''],
    model.missingIdentity,
  );
  identity(left + boxWidth + 16, 'Client', [
    model.firm.name,
    model.firm.address,
    model.firm.siren ? `SIREN ${model.firm.siren}` : '',
  ]);
  y += boxHeight + 18;

  // Summary.
  y = sectionTitle(doc, 'Synthèse', y);
  const amountX = left + CONTENT_WIDTH - 120;
  for (const row of model.summary) {
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(INK)
      .text(row.label, left, y, { width: amountX - left - 10 });
    doc.text(euros(row.amountCents), amountX, y, { width: 120, align: 'right' });
    y += 15;
  }
  doc
    .moveTo(left, y)
    .lineTo(left + CONTENT_WIDTH, y)
    .lineWidth(0.7)
    .strokeColor(RULE)
    .stroke();
  y += 6;
  const totalLine = (label: string, cents: number, strong: boolean) => {
    doc
      .font(strong ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(strong ? 12 : 9.5)
      .fillColor(strong ? ACCENT : INK);
    doc.text(label, left, y).text(euros(cents), amountX, y, { width: 120, align: 'right' });
    y += strong ? 19 : 15;
  };
  totalLine('Total HT', model.totalHtCents, true);
  if (model.vat.mode === 'rate') {
    totalLine(`TVA ${String(model.vat.basisPoints / 100).replace('.', ',')} %`, model.vat.amountCents, false);
    totalLine('Total TTC', model.totalTtcCents, true);
  } else {
    doc.font('Helvetica-Oblique').fontSize(9).fillColor(MUTED).text(model.vat.mention, left, y);
    y += 15;
  }
  const time = model.source.statement.time;
  if (time.actualSeconds > 0) {
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(
        `Temps au temps : ${formatHms(time.actualSeconds)} réel, ${formatHms(time.billedSeconds)} facturé.`,
        left,
        y,
      );
    y += 14;
  }
  y += 8;

  // Forfait consumption.
  const forfait = model.source.statement.forfait;
  if (forfait) {
    y = sectionTitle(doc, 'Consommation du forfait', y);
    const unit = { calls: 'appels', minutes: 'minutes', tasks: 'tâches' }[forfait.quotaUnit];
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(INK)
      .text(
        `${forfait.usedQuantity} ${unit} sur ${forfait.includedQuantity} inclus — abonnement ${euros(forfait.monthlyFeeCents)}, ` +
          `dépassement ${forfait.overageQuantity} × ${euros(forfait.overagePriceCents)} = ${euros(forfait.overageAmountCents)}`,
        left,
        y,
      );
    y += 16;
    const ratio = forfait.includedQuantity === 0 ? 1 : Math.min(1, forfait.usedQuantity / forfait.includedQuantity);
    doc.roundedRect(left, y, CONTENT_WIDTH, 8, 4).fill('#e4e9ef');
    doc
      .roundedRect(left, y, Math.max(8, CONTENT_WIDTH * ratio), 8, 4)
      .fill(forfait.overageQuantity > 0 ? '#b5542b' : ACCENT);
    y += 22;
  }

  // KPI.
  y = sectionTitle(doc, 'Accueil téléphonique', y);
  const kpi = model.source.kpi;
  const pct = (rate: number | null) =>
    rate === null ? 'sans objet' : `${String(percentOneDecimal(rate)).replace('.', ',')} %`;
  const secs = (s: number | null) =>
    s === null ? 'sans objet' : s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
  const figures: Array<[string, string]> = [
    ['Appels présentés', String(kpi.offered)],
    ['Décrochés', kpi.answerRate === null ? '0' : `${kpi.answered} (${pct(kpi.answerRate)})`],
    ['Abandonnés', kpi.abandonRate === null ? '0' : `${kpi.abandoned} (${pct(kpi.abandonRate)})`],
    [`Niveau de service ${kpi.serviceLevelSeconds} s`, pct(kpi.serviceLevel)],
    ['Délai moyen de décroché', secs(kpi.averageSpeedOfAnswerSeconds)],
    ['Durée moyenne de traitement', secs(kpi.averageHandlingSeconds)],
    ['Messages pris', String(kpi.messagesTaken)],
    ['Transferts', String(kpi.transfers)],
  ];
  const cellWidth = CONTENT_WIDTH / 4;
  figures.forEach(([label, value], i) => {
    const x = left + (i % 4) * cellWidth;
    const cy = y + Math.floor(i / 4) * 36;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(label, x, cy, { width: cellWidth - 8 });
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor(INK)
      .text(value, x, cy + 11, { width: cellWidth - 8 });
  });
  y += 78;
  y = hourChart(doc, kpi.byHour, left, y);

  // Detail.
  if (y > PAGE.height - 160) {
    doc.addPage();
    y = PAGE.margin;
  } else y += 6;
  y = sectionTitle(doc, `Détail des prestations (${model.rows.length} ligne${model.rows.length > 1 ? 's' : ''})`, y);
  y = tableHeader(doc, y);
  model.rows.forEach((row, i) => {
    doc.font('Helvetica').fontSize(7.5);
    // A row is as tall as its longest wrapped text: descriptions are never cut.
    const height = Math.max(
      10,
      ...COLUMNS.filter((c) => c.wrap).map((c) => doc.heightOfString(c.value(row), { width: c.width - 4 })),
    );
    if (y + height > FOOTER_Y - 14) {
      doc.addPage();
      y = tableHeader(doc, PAGE.margin);
    }
    if (i % 2 === 1) doc.rect(left, y - 2, CONTENT_WIDTH, height + 3).fill(ZEBRA);
    let x = left;
    doc.font('Helvetica').fontSize(7.5).fillColor(INK);
    for (const column of COLUMNS) {
      doc.text(
        column.value(row),
        x + 2,
        y,
        column.wrap
          ? { width: column.width - 4, align: column.align }
          : { width: column.width - 4, align: column.align, lineBreak: false, ellipsis: true, height: 10 },
      );
      x += column.width;
    }
    y += height + 3;
  });
  if (model.rows.length === 0) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(9)
      .fillColor(MUTED)
      .text('Aucune prestation ce mois-ci.', left, y + 4);
    y += 18;
  }
  doc
    .moveTo(left, y + 2)
    .lineTo(left + CONTENT_WIDTH, y + 2)
    .lineWidth(0.7)
    .strokeColor(RULE)
    .stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .fillColor(INK)
    .text(forfait ? 'Total des lignes HT (hors forfait)' : 'Total des lignes HT', left, y + 8)
    .text(euros(model.linesTotalCents), left + CONTENT_WIDTH - 120, y + 8, { width: 120, align: 'right' });

  // Footers.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin: without this pdfkit would start a new page to write it.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(`Relevé d'activité — ${model.firm.name} — ${model.periodLabel}`, left, FOOTER_Y, {
        lineBreak: false,
        width: CONTENT_WIDTH - 80,
      })
      .text(`Page ${i + 1} / ${range.count}`, left, FOOTER_Y, {
        width: CONTENT_WIDTH,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
