import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { frenchDay } from '../../../shared/domain/invoices/build';
import { decimal10k } from '../../../shared/domain/invoices/cii';
import {
  FRANCHISE_TEXT,
  VAT_ON_DEBITS_TEXT,
  type InvoiceDocument,
  type InvoiceParty,
} from '../../../shared/domain/invoices/model';
import { euros } from '../exports/model';

/**
 * The invoice as a Factur-X PDF: PDF/A-3b (every font embedded — DejaVu, shipped as a dependency —, sRGB output
 * intent, XMP with the pdfaid part and the Factur-X extension schema) with the CII XML attached as
 * `factur-x.xml` (AFRelationship Alternative). Every legal mention is printed; the figures are the frozen
 * document's, so the PDF and the XML can never disagree. Deterministic: the same document gives the same PDF.
 */

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const INK = '#1d2733';
const MUTED = '#5b6775';
const ACCENT = '#1f4e79';
const RULE = '#c9d2dc';
const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const WIDTH = PAGE.width - 2 * PAGE.margin;

const UNIT_LABELS = { C62: 'u', HUR: 'h', MIN: 'min' } as const;

function facturXMetadata(): string {
  const property = (name: string, description: string) => `
              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>${name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>${description}</pdfaProperty:description>
              </rdf:li>`;
  return `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>${property('DocumentFileName', 'name of the embedded XML invoice file')}${property(
                    'DocumentType',
                    'INVOICE',
                  )}${property('Version', 'version of the Factur-X XML schema')}${property(
                    'ConformanceLevel',
                    'conformance level of the embedded XML invoice',
                  )}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
          <fx:DocumentType>INVOICE</fx:DocumentType>
          <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
          <fx:Version>1.0</fx:Version>
          <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
        </rdf:Description>`;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function partyLines(p: InvoiceParty, seller: boolean): string[] {
  const a = p.address;
  return [
    ...[a.line1, a.line2].filter(Boolean),
    `${a.postcode} ${a.city}`.trim(),
    a.countryCode === 'FR' ? '' : a.countryCode,
    `SIREN : ${p.siren.replace(/(\d{3})(?=\d)/g, '$1 ')}`,
    p.vatId ? `N° TVA : ${p.vatId}` : '',
    seller ? '' : `Adresse de facturation électronique : ${p.electronicAddress.id} (${p.electronicAddress.scheme})`,
  ].filter(Boolean);
}

export async function renderInvoicePdf(doc: InvoiceDocument, xml: string, issuedAt: number): Promise<Buffer> {
  const title = doc.kind === 'invoice' ? 'Facture' : 'Avoir';
  const pdf = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      // Only characters that need no escaping in XMP: pdfkit copies Title into the metadata as it is, so no
      // names here (« Dupont & fils » would break the PDF/A metadata).
      Title: `${title} ${doc.number}`,
      Creator: 'Permanence',
      Producer: 'Permanence',
      CreationDate: new Date(issuedAt),
      ModDate: new Date(issuedAt),
    },
  });
  const done = collect(pdf);
  pdf.registerFont('body', FONT);
  pdf.registerFont('bold', FONT_BOLD);
  pdf.appendXML(facturXMetadata());
  // AFRelationship is supported by pdfkit but missing from @types/pdfkit's options.
  const attachment: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
    name: 'factur-x.xml',
    type: 'text/xml',
    relationship: 'Alternative',
    description: 'Factur-X invoice (EN 16931)',
    creationDate: new Date(issuedAt),
    modifiedDate: new Date(issuedAt),
  };
  pdf.file(Buffer.from(xml, 'utf8'), attachment);

  const left = PAGE.margin;
  pdf.rect(0, 0, PAGE.width, 6).fill(ACCENT);
  pdf.fillColor(ACCENT).font('bold').fontSize(20).text(`${title} n° ${doc.number}`, left, PAGE.margin);
  pdf
    .fillColor(INK)
    .font('body')
    .fontSize(9)
    .text(`Date d’émission : ${frenchDay(doc.issueDate)}`, left, PAGE.margin + 4, { width: WIDTH, align: 'right' })
    .text(`Prestations du ${frenchDay(doc.periodStart)} au ${frenchDay(doc.periodEnd)}`, {
      width: WIDTH,
      align: 'right',
    })
    .text(`Échéance : ${frenchDay(doc.dueDate)}`, { width: WIDTH, align: 'right' });
  if (doc.preceding) {
    pdf.text(`Avoir sur la facture n° ${doc.preceding.number} du ${frenchDay(doc.preceding.issueDate)}`, {
      width: WIDTH,
      align: 'right',
    });
  }

  // Parties.
  let y = PAGE.margin + 70;
  const boxWidth = (WIDTH - 16) / 2;
  const party = (x: number, heading: string, p: InvoiceParty, seller: boolean) => {
    pdf.fillColor(MUTED).font('bold').fontSize(8).text(heading.toUpperCase(), x, y);
    pdf
      .fillColor(INK)
      .font('bold')
      .fontSize(11)
      .text(p.name, x, y + 12, { width: boxWidth });
    pdf
      .font('body')
      .fontSize(9)
      .text(partyLines(p, seller).join('\n'), x, pdf.y + 2, { width: boxWidth });
    return pdf.y;
  };
  const bottom = Math.max(
    party(left, 'Prestataire', doc.seller, true),
    party(left + boxWidth + 16, 'Client', doc.buyer, false),
  );
  y = bottom + 16;
  if (doc.buyerReference) {
    pdf.font('body').fontSize(9).text(`Référence client : ${doc.buyerReference}`, left, y);
    y = pdf.y + 8;
  }
  if (doc.reason) {
    pdf.font('body').fontSize(9).text(`Motif : ${doc.reason}`, left, y, { width: WIDTH });
    y = pdf.y + 8;
  }

  // Lines: the description wraps, nothing is cut.
  const columns = [
    { title: 'Désignation (prestation de services)', width: 250, align: 'left' as const },
    { title: 'Quantité', width: 70, align: 'right' as const },
    { title: 'PU HT', width: 85, align: 'right' as const },
    { title: 'Montant HT', width: WIDTH - 405, align: 'right' as const },
  ];
  const row = (cells: string[], font: 'body' | 'bold') => {
    pdf.font(font).fontSize(9).fillColor(INK);
    const heights = cells.map((cell, i) => pdf.heightOfString(cell, { width: columns[i]!.width - 6 }));
    const height = Math.max(...heights) + 6;
    if (y + height > PAGE.height - PAGE.margin - 20) {
      pdf.addPage();
      y = PAGE.margin;
    }
    let x = left;
    cells.forEach((cell, i) => {
      pdf.text(cell, x + 3, y + 3, { width: columns[i]!.width - 6, align: columns[i]!.align });
      x += columns[i]!.width;
    });
    y += height;
    pdf
      .moveTo(left, y)
      .lineTo(left + WIDTH, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  };
  row(
    columns.map((c) => c.title),
    'bold',
  );
  for (const line of doc.lines) {
    row(
      [
        line.description,
        `${decimal10k(line.quantity10k).replace('.', ',')} ${UNIT_LABELS[line.unitCode]}`,
        euros(line.unitPriceCents),
        euros(line.amountCents),
      ],
      'body',
    );
  }

  // Totals.
  y += 10;
  const total = (label: string, value: string, bold = false) => {
    pdf.font(bold ? 'bold' : 'body').fontSize(bold ? 11 : 9.5);
    pdf.text(label, left + WIDTH - 300, y, { width: 180, align: 'right' });
    pdf.text(value, left + WIDTH - 110, y, { width: 110, align: 'right' });
    y = pdf.y + 4;
  };
  total('Total HT', euros(doc.totals.taxBasisCents));
  if (doc.vat.category === 'E') total('TVA', euros(0));
  else total(`TVA ${decimal10k(doc.vat.rateBasisPoints * 100).replace('.', ',')} %`, euros(doc.vat.vatCents));
  total(doc.kind === 'invoice' ? 'Net à payer TTC' : 'Montant de l’avoir TTC', euros(doc.totals.duePayableCents), true);

  // Mentions.
  y += 14;
  const mentions = [
    doc.vat.category === 'E' ? FRANCHISE_TEXT : '',
    doc.vat.dueDateTypeCode === '5' ? VAT_ON_DEBITS_TEXT : '',
    doc.paymentTerms,
    doc.iban ? `IBAN : ${doc.iban.replace(/(.{4})(?=.)/g, '$1 ')}${doc.bic ? ` — BIC : ${doc.bic}` : ''}` : '',
    doc.notes.pmd,
    doc.notes.pmt,
    doc.notes.aab,
  ].filter(Boolean);
  pdf.font('body').fontSize(8.5).fillColor(INK);
  for (const mention of mentions) {
    if (y > PAGE.height - PAGE.margin - 30) {
      pdf.addPage();
      y = PAGE.margin;
    }
    pdf.text(mention, left, y, { width: WIDTH });
    y = pdf.y + 3;
  }
  pdf
    .fillColor(MUTED)
    .fontSize(7.5)
    .text(
      'Facture électronique Factur-X (EN 16931) : les données structurées sont jointes (factur-x.xml).',
      left,
      PAGE.height - PAGE.margin - 10,
      { width: WIDTH, lineBreak: false },
    );
  pdf.end();
  return done;
}
