import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import type { BackupEntry } from '../../../shared/domain/privacy';
import type { Services } from '../index';
import { createDevFileSecretStore } from '../secrets';
import { describeAuditVerdict } from './audit';
import { resolveBackup, verifyBackupFile } from './backups';
import { restoreFromBackup } from './restore';
import { storeKeyOf } from '../../store/cipher';
import { devStoreKey } from './dev-store';
import { confirmEncryptionAndDeletePlainCopy } from './encryption';
import { describeReapplied } from './rights/describe';

export const PRIVACY_USAGE = `  npm run cli -- backup now               a verified backup of the store now (then rotation, copy to the chosen folder)
  npm run cli -- backup list              the backups, newest first
  npm run cli -- backup verify FILE       check a backup (sha256, integrity, search index, row counts)
  npm run cli -- backup restore FILE      verify FILE, save the current store, then put FILE in its place
  npm run cli -- audit verify             check the audit log's chain
  npm run cli -- store confirm-encryption delete the plain copy kept since the store was encrypted
`;

const usage = (message: string) => new PermanenceError('VALIDATION', message);

/** « 1,4 Mo », « 820 ko » */
export function frenchSize(bytes: number): string {
  const format = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${format(bytes / (1024 * 1024))}\u202fMo`;
  return `${format(Math.max(1, Math.round(bytes / 1024)))}\u202fko`;
}

const REASONS: Record<BackupEntry['reason'], string> = {
  daily: 'quotidienne',
  manual: 'manuelle',
  'before-restore': 'avant restauration',
  migration: 'avant mise à jour',
};

function line(entry: BackupEntry): string {
  const date = new Date(entry.createdAt).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });
  const verified = entry.verified ? 'vérifiée' : 'non vérifiée (sans manifeste)';
  return `${entry.name}  ${date}  ${frenchSize(entry.sizeBytes)}  ${REASONS[entry.reason]}, ${verified}`;
}

/** Commands over the open store, like the other CLI commands. */
export const privacyCommands: Record<string, (services: Services, args: string[]) => string> = {
  'backup now': ({ privacy }) => {
    const outcome = privacy.backupNow();
    const lines = [`Sauvegarde vérifiée : ${outcome.backup.name} (${frenchSize(outcome.backup.sizeBytes)}).`];
    if (outcome.copy?.ok) lines.push(`Copie vérifiée dans ${outcome.copy.file}.`);
    if (outcome.copy && !outcome.copy.ok)
      lines.push(`La copie dans le dossier choisi a échoué : ${outcome.copy.reason}.`);
    if (outcome.rotated.length > 0) lines.push(`Anciennes sauvegardes retirées : ${outcome.rotated.join(', ')}.`);
    return `${lines.join('\n')}\n`;
  },
  'backup list': ({ privacy }) => {
    const list = privacy.backups.list();
    if (list.length === 0) return 'Aucune sauvegarde.\n';
    return `${list.map(line).join('\n')}\n`;
  },
  'backup verify': ({ info, ctx }, [file]) => {
    if (!file) throw usage('backup verify needs a FILE');
    const resolved = resolveBackup(info.dataDir, file);
    const key = storeKeyOf(ctx.db);
    const problems = verifyBackupFile(resolved, key ? { key } : {});
    if (problems.length > 0) {
      throw new PermanenceError(
        'CONFLICT',
        `Sauvegarde refusée : ${path.basename(resolved)} (${problems.join(' ; ')}).`,
      );
    }
    return (
      `Sauvegarde intacte : ${path.basename(resolved)} (empreinte SHA-256, intégrité, index de recherche et ` +
      `nombres de lignes vérifiés).\n`
    );
  },
  'store confirm-encryption': ({ ctx, info, secrets }) => {
    const outcome = confirmEncryptionAndDeletePlainCopy(ctx.db, info.dataDir, { secrets });
    return outcome.deleted
      ? `Copie en clair supprimée (${outcome.files} fichier${outcome.files > 1 ? 's' : ''}) : seule la base chiffrée reste.\n`
      : 'Aucune copie en clair à supprimer.\n';
  },
  'audit verify': ({ privacy }) => {
    const verdict = privacy.audit.verify();
    const sentence = describeAuditVerdict(verdict);
    if (!verdict.ok) throw new PermanenceError('CONFLICT', sentence.trimEnd());
    return sentence;
  },
};

/** Commands that need the store closed: they take the data directory's lock themselves. */
export const privacyOfflineCommands: Record<string, (dataDir: string, args: string[]) => string> = {
  'backup restore': (dataDir, [file]) => {
    if (!file) throw usage('backup restore needs a FILE');
    const outcome = restoreFromBackup({
      dataDir,
      file,
      now: Date.now,
      appVersion: 'cli',
      secrets: createDevFileSecretStore(dataDir),
      ...keyOption(dataDir),
    });
    return (
      `Sauvegarde restaurée : ${outcome.backup}.\n` +
      (outcome.snapshot
        ? `La base remplacée est sauvegardée dans ${outcome.snapshot}.\n`
        : 'La base remplacée ne pouvait pas être ouverte : elle est gardée telle quelle.\n') +
      (outcome.replaced ? `Fichier remplacé gardé dans ${outcome.replaced}.\n` : '') +
      describeReapplied(outcome.reapplied)
    );
  },
};

/** The CLI's store key: the harness's DEV-ONLY key file when the data directory has one. */
function keyOption(dataDir: string): { key?: Buffer } {
  const key = devStoreKey(dataDir, { create: false });
  return key ? { key } : {};
}
