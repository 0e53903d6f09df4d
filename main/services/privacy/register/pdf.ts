import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ProcessingRegister } from './model';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const INK = '#1d2733';
const MUTED = '#5b6775';
const ACCENT = '#1f4e79';
const MARGIN = 48;

const frenchDate = (at: number) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(at);

/** The register as an A4 PDF (DejaVu embedded, so every French character prints). */
export function renderRegisterPdf(register: ProcessingRegister): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Registre des traitements — ${register.controller.name}`, Author: register.processor.name },
    // Fixed dates: the same register gives the same bytes.
    ...({ creationDate: new Date(register.generatedAt) } as object),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  // Bytes copied into this realm's Uint8Array: pdfkit checks `instanceof Uint8Array`, which a Buffer from another
  // realm (a test's DOM environment) fails.
  doc
    .registerFont('body', new Uint8Array(fs.readFileSync(FONT)))
    .registerFont('bold', new Uint8Array(fs.readFileSync(FONT_BOLD)));

  const heading = (text: string) => {
    doc.moveDown(0.8).font('bold').fontSize(12).fillColor(ACCENT).text(text).moveDown(0.3);
  };
  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(9.5).fillColor(INK).text(`${label} : `, { continued: true });
    doc.font('body').text(value || 'non renseigné');
  };

  doc.font('bold').fontSize(17).fillColor(INK).text('Registre des activités de traitement');
  doc
    .font('body')
    .fontSize(10)
    .fillColor(MUTED)
    .text(`Tenu par le sous-traitant (article 30.2 du RGPD) — établi le ${frenchDate(register.generatedAt)}`);

  heading('Responsable de traitement');
  const c = register.controller;
  line('Cabinet', c.legalName && c.legalName !== c.name ? `${c.name} (${c.legalName})` : c.name);
  line('SIREN', c.siren);
  line('Adresse', c.address);

  heading('Sous-traitant');
  line('Nom', register.processor.name);
  line('SIREN', register.processor.siren);
  line('Adresse', register.processor.address);

  heading('Catégories de traitements effectués pour le compte du cabinet');
  for (const activity of register.activities) {
    doc.moveDown(0.3).font('bold').fontSize(10.5).fillColor(INK).text(activity.name);
    line('Finalité', activity.purpose);
    line('Personnes concernées', activity.dataSubjects);
    line('Données', activity.dataCategories);
    line('Durée de conservation', activity.retention);
    line('Lignes conservées à ce jour', new Intl.NumberFormat('fr-FR').format(activity.rows));
  }

  heading('Lieux de conservation');
  for (const place of register.storage) line(place.label, place.where);

  heading('Sous-traitants ultérieurs');
  if (register.subProcessors.length === 0) doc.font('body').fontSize(9.5).fillColor(INK).text('Aucun.');
  for (const sub of register.subProcessors) line(sub.name, `${sub.role} — ${sub.where}`);

  heading('Transferts hors de l’Union européenne');
  doc.font('body').fontSize(9.5).fillColor(INK).text(register.transfers);

  heading('Mesures de sécurité');
  doc.font('body').fontSize(9.5).fillColor(INK).list(register.security, { bulletRadius: 1.8, textIndent: 10 });

  doc.end();
  return done;
}
