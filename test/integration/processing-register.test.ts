import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { storeIsEncrypted } from '../../main/services/privacy/register';
import { buildRegister } from '../../main/services/privacy/register/model';
import { DEFAULT_RETENTION } from '../../shared/domain/retention';
import { hasTool } from '../e2e/support/chromium';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../fixtures/factories';
import { insertMessage } from '../unit/main/privacy/retention-rows';

const NOW = Date.UTC(2026, 11, 3, 10, 0);
let ctx: TestContext;
let firmId: string;

beforeEach(() => {
  ctx = openTestContext({ now: () => NOW });
  const { services } = ctx;
  services.settings.update({
    secretaryName: 'Julie',
    legalName: 'Julie Moreau',
    siren: '912 345 674',
    address: '4 allée des Tilleuls, 69003 Lyon',
  });
  firmId = services.firms.save({
    draft: parsedDraft(makeFirmDraft({ name: 'Cabinet du Dr Kerjean', sector: 'medical' })),
  }).id;
  services.smtp.save({
    host: 'smtp.hebergeur.test',
    port: 587,
    security: 'starttls',
    user: 'julie',
    from: 'permanence@secretariat.test',
    fromName: 'Permanence',
  });
  services.retention.save(firmId, { messagesMonths: 6, callsMonths: 24, timeEntriesMonths: 120, auditMonths: 12 });
  insertMessage(ctx.db, { id: 'm1', firmId, status: 'transmis', createdAt: NOW - 10, deliveredAt: NOW - 5 });
});
afterEach(() => ctx.close());

describe('register of processing activities (RGPD art. 30.2)', () => {
  it('says what is kept for the firm, why, how long (its own durations), where, by whom, and how it is protected', () => {
    const register = ctx.services.retention.register.build(firmId);
    expect(register.controller).toMatchObject({ name: 'Cabinet du Dr Kerjean', sector: 'medical' });
    expect(register.processor).toEqual({
      name: 'Julie Moreau',
      siren: '912 345 674',
      address: '4 allée des Tilleuls, 69003 Lyon',
    });
    const byName = Object.fromEntries(register.activities.map((a) => [a.name, a]));
    const messages = byName['Accueil téléphonique et prise de messages']!;
    expect(messages.retention).toMatch(/^6 mois après la transmission/);
    expect(messages.sensitive).toBe(true); // a medical practice: health data possible
    expect(messages.dataCategories).toMatch(/données de santé/);
    expect(messages.rows).toBe(1);
    expect(byName['Journal des appels']!.retention).toBe('2 ans après l’appel');
    expect(byName['Relevés d’activité et facturation']!.retention).toMatch(/^10 ans/);
    expect(byName['Journal d’audit']!.retention).toBe('1 an');
    expect(register.storage.map((s) => s.where)).toEqual([
      ctx.dataDir,
      path.join(ctx.dataDir, 'backups'),
      'smtp.hebergeur.test:587',
    ]);
    expect(register.subProcessors).toEqual([
      expect.objectContaining({ name: 'smtp.hebergeur.test', where: expect.stringMatching(/TLS/) }),
    ]);
    expect(register.transfers).toMatch(/smtp\.hebergeur\.test/);
    expect(register.security[0]).toBe(
      storeIsEncrypted(ctx.dataDir)
        ? 'Base de données et sauvegardes chiffrées au repos'
        : 'Base de données non chiffrée au repos : protégée par les droits du système (chiffrement à activer)',
    );
  });

  it('a firm of another sector has no health data flagged, and no SMTP means no sub-processor', () => {
    const other = ctx.services.firms.save({
      draft: parsedDraft(
        makeFirmDraft({
          name: 'Plomberie Roux',
          sector: 'artisanat',
          numbers: [{ e164: '01 99 00 00 02', label: '' }],
        }),
      ),
    }).id;
    const register = ctx.services.retention.register.build(other);
    expect(register.activities.some((a) => a.sensitive)).toBe(false);
    expect(register.activities[0]!.retention).toMatch(/^3 mois/); // the defaults
    const withoutSmtp = buildRegister({
      now: NOW,
      firm: { id: other, name: 'Plomberie Roux', sector: 'artisanat' },
      firmInvoicing: null,
      processor: { legalName: '', secretaryName: 'Julie', siren: '', address: '' },
      policy: DEFAULT_RETENTION,
      counts: {},
      dataDir: '/data',
      backupsDir: '/data/backups',
      backupsCopyDir: '/media/usb',
      smtp: null,
      storeEncrypted: true,
    });
    expect(withoutSmtp.subProcessors).toEqual([]);
    expect(withoutSmtp.transfers).toBe('Aucun transfert hors de l’Union européenne.');
    expect(withoutSmtp.storage.map((s) => s.where)).toEqual(['/data', '/data/backups', '/media/usb']);
    expect(withoutSmtp.processor.name).toBe('Julie');
  });

  it.skipIf(!hasTool('/usr/bin/pdftotext', 'poppler-utils'))(
    'exports it as JSON and as a French PDF, and records the export in the audit log',
    async () => {
      const result = await ctx.client.privacy.exportRegister({ firmId });
      expect(result.files.map((f) => path.basename(f))).toEqual([
        'registre-des-traitements.json',
        'registre-des-traitements.pdf',
      ]);
      const json = JSON.parse(fs.readFileSync(result.files[0]!, 'utf8'));
      expect(json.controller.name).toBe('Cabinet du Dr Kerjean');
      const text = execFileSync('pdftotext', ['-layout', result.files[1]!, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('Registre des activités de traitement');
      expect(text).toContain('Cabinet du Dr Kerjean');
      expect(text).toContain('Durée de conservation : 6 mois après la transmission');
      expect(text).toContain('smtp.hebergeur.test');
      expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE kind = 'register.exported'").pluck().get()).toBe(1);
    },
  );
});
