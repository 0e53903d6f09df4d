import { PermanenceError } from '../../shared/api';
import { firmDraftSchema, type FirmDetail, type FirmDraft } from '../../shared/domain/firm/aggregate';
import type { FirmSummary } from '../../shared/domain/firm/firm';
import { formatPhoneForDisplay } from '../../shared/domain/phone';
import type { ServiceContext } from './context';
import type { SettingsService } from './settings';

export function createFirmsService(ctx: ServiceContext, settings: SettingsService) {
  const { firms } = ctx.repos;

  function requireFirm(id: string): FirmDetail {
    const firm = firms.get(id);
    if (!firm) throw new PermanenceError('NOT_FOUND', 'Ce cabinet n’existe pas ou a été archivé.');
    return firm;
  }

  function assertNumbersFree(id: string, draft: FirmDraft): void {
    draft.profile.numbers.forEach((number, index) => {
      const owner = firms.numberOwner(number.e164);
      if (owner && owner.firmId !== id) {
        throw new PermanenceError(
          'CONFLICT',
          `Le numéro ${formatPhoneForDisplay(number.e164)} est déjà celui du cabinet « ${owner.firmName} ».`,
          [{ path: `draft.profile.numbers.${index}.e164`, message: `déjà utilisé par « ${owner.firmName} »` }],
        );
      }
    });
  }

  /** The body of a save, without its transaction, so an import can write many firms in one. */
  function writeFirm(
    id: string,
    draft: FirmDraft,
    expectedRevision: number | undefined,
    changedBy: string,
  ): 'created' | 'updated' {
    const existing = firms.revisionOf(id);
    if (existing && expectedRevision !== undefined && existing.revision !== expectedRevision) {
      throw new PermanenceError(
        'CONFLICT',
        'Ce cabinet a été modifié ailleurs depuis son ouverture. Rechargez-le ; vos modifications restent dans le formulaire.',
      );
    }
    assertNumbersFree(id, draft);
    const now = ctx.now();
    firms.write(id, draft, existing ? 'update' : 'insert', now);
    firms.recordConsignes(id, draft.consignes, changedBy, now);
    return existing ? 'updated' : 'created';
  }

  return {
    list(): FirmSummary[] {
      return firms.listSummaries();
    },
    get: requireFirm,
    consigneHistory(id: string) {
      requireFirm(id);
      return firms.consigneHistory(id);
    },
    writeFirm,
    save(input: { id?: string | undefined; expectedRevision?: number | undefined; draft: FirmDraft }): FirmDetail {
      const id = input.id ?? ctx.newId();
      const changedBy = settings.get().secretaryName || 'secrétaire';
      ctx.db.transaction(() => writeFirm(id, input.draft, input.expectedRevision, changedBy))();
      ctx.emit('firms:changed', { ids: [id] });
      return requireFirm(id);
    },
    /** Every active firm in full: the renderer caches this to greet a caller without waiting for main. */
    directory(): FirmDetail[] {
      return firms.listSummaries().map((s) => requireFirm(s.id));
    },
    addNumber(id: string, e164: string): FirmDetail {
      const firm = requireFirm(id);
      if (firm.profile.numbers.some((n) => n.e164 === e164)) return firm;
      const draft = firmDraftSchema.parse({
        profile: { ...firm.profile, numbers: [...firm.profile.numbers, { e164, label: '' }] },
        people: firm.people,
        consignes: { body: firm.consignes.body, rules: firm.consignes.rules },
        script: firm.script,
        messageFields: firm.messageFields,
        billing: firm.billing,
      });
      const changedBy = settings.get().secretaryName || 'secrétaire';
      ctx.db.transaction(() => writeFirm(id, draft, firm.revision, changedBy))();
      ctx.emit('firms:changed', { ids: [id] });
      return requireFirm(id);
    },
    archive(id: string): { archived: true } {
      requireFirm(id);
      ctx.db.transaction(() => firms.archive(id, ctx.now()))();
      ctx.emit('firms:changed', { ids: [id] });
      return { archived: true };
    },
  };
}
export type FirmsService = ReturnType<typeof createFirmsService>;
