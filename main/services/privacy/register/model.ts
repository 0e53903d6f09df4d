import type { RetentionPolicy } from '../../../../shared/domain/retention';

/**
 * The register of processing activities a processor keeps for each controller (RGPD art. 30.2): who the
 * controller and the processor are, the categories of processing carried out for the controller, where the data
 * lies, the sub-processors, transfers and the security measures. Built from what the store and the settings say
 * now; French, like the document the firm receives.
 */
export interface ProcessingRegister {
  format: 1;
  generatedAt: number;
  controller: { firmId: string; name: string; legalName: string; siren: string; address: string; sector: string };
  processor: { name: string; siren: string; address: string };
  activities: RegisterActivity[];
  /** Where the data is kept (folders, servers). */
  storage: Array<{ label: string; where: string }>;
  subProcessors: Array<{ name: string; role: string; where: string }>;
  transfers: string;
  security: string[];
}

export interface RegisterActivity {
  name: string;
  purpose: string;
  dataSubjects: string;
  dataCategories: string;
  /** Art. 9 data (health) may be in it: a medical firm's callers speak of their health. */
  sensitive: boolean;
  retention: string;
  /** Rows held today for the firm. */
  rows: number;
}

export interface RegisterInput {
  now: number;
  firm: { id: string; name: string; sector: string };
  firmInvoicing: { legalName: string; siren: string; address: string } | null;
  processor: { legalName: string; secretaryName: string; siren: string; address: string };
  policy: RetentionPolicy;
  counts: Record<string, number>;
  dataDir: string;
  backupsDir: string;
  backupsCopyDir: string | null;
  smtp: { host: string; port: number; security: string } | null;
  /** The store file's header is not « SQLite format 3 »: it is encrypted. */
  storeEncrypted: boolean;
}

const months = (n: number) => {
  if (n % 12 === 0) return n === 12 ? '1 an' : `${n / 12} ans`;
  return `${n} mois`;
};

export function buildRegister(input: RegisterInput): ProcessingRegister {
  const { policy, counts, firm } = input;
  const medical = firm.sector === 'medical';
  const n = (...tables: string[]) => tables.reduce((sum, t) => sum + (counts[t] ?? 0), 0);
  const health = medical ? ' ; données de santé possibles (motif de l’appel, art. 9 RGPD)' : '';
  const activities: RegisterActivity[] = [
    {
      name: 'Accueil téléphonique et prise de messages',
      purpose: `Répondre aux appels adressés à ${firm.name}, prendre et transmettre les messages par courriel.`,
      dataSubjects: 'Appelants (clients, patients, prospects, partenaires) ; personnes citées dans un message',
      dataCategories: `Identité, numéro de téléphone, adresse électronique, société, motif et contenu du message${health}`,
      sensitive: medical,
      retention: `${months(policy.messagesMonths)} après la transmission ; un message non transmis est gardé jusqu’à sa transmission`,
      rows: n('messages', 'outbox'),
    },
    {
      name: 'Journal des appels',
      purpose: 'Savoir qui a appelé et quand, rappeler, établir les relevés d’activité.',
      dataSubjects: 'Appelants',
      dataCategories: 'Numéro appelant, nom affiché, date, heure et durée de l’appel, transfert éventuel',
      sensitive: false,
      retention: `${months(policy.callsMonths)} après l’appel`,
      rows: n('calls'),
    },
    {
      name: 'Répertoire des contacts du cabinet',
      purpose: 'Reconnaître un appelant connu et appliquer les consignes du cabinet.',
      dataSubjects: 'Contacts du cabinet (clients, patients, correspondants)',
      dataCategories: `Nom, société, numéros, adresse électronique, notes${medical ? ' (pouvant concerner la santé)' : ''}`,
      sensitive: medical,
      retention: 'Tant que dure le contrat avec le cabinet ; effacés à sa fin ou sur instruction du cabinet',
      rows: n('contacts', 'contact_phones'),
    },
    {
      name: 'Rendez-vous',
      purpose: 'Prendre, déplacer et annuler les rendez-vous pour le compte du cabinet.',
      dataSubjects: 'Personnes qui prennent rendez-vous',
      dataCategories: `Identité, numéro, motif du rendez-vous, date et heure${health}`,
      sensitive: medical,
      retention: 'Tant que dure le contrat avec le cabinet',
      rows: n('appointments'),
    },
    {
      name: 'Relevés d’activité et facturation',
      purpose: 'Compter le travail fait pour le cabinet et le facturer.',
      dataSubjects: 'Appelants (dans les libellés de tâches) ; interlocuteurs du cabinet',
      dataCategories: 'Date, durée et nature des tâches, libellés ; factures (montants, identité du cabinet)',
      sensitive: false,
      retention: `${months(policy.timeEntriesMonths)} ; les mois verrouillés ou facturés et les factures 10 ans (obligation comptable)`,
      rows: n('time_entries', 'invoices'),
    },
    {
      name: 'Journal d’audit',
      purpose: 'Rendre compte des opérations faites sur les données (exports, effacements, restaurations).',
      dataSubjects: 'Aucune personne : identifiants et nombres seulement',
      dataCategories: 'Nature de l’opération, date, identifiants techniques, nombres de lignes',
      sensitive: false,
      retention: months(policy.auditMonths),
      rows: n('audit_log'),
    },
  ];
  const invoicing = input.firmInvoicing;
  return {
    format: 1,
    generatedAt: input.now,
    controller: {
      firmId: firm.id,
      name: firm.name,
      legalName: invoicing?.legalName ?? '',
      siren: invoicing?.siren ?? '',
      address: invoicing?.address ?? '',
      sector: firm.sector,
    },
    processor: {
      name: input.processor.legalName || input.processor.secretaryName,
      siren: input.processor.siren,
      address: input.processor.address,
    },
    activities,
    storage: [
      { label: 'Base de données de Permanence, sur l’ordinateur de la télésecrétaire', where: input.dataDir },
      { label: 'Sauvegardes quotidiennes (7 jours, 4 semaines, 12 mois)', where: input.backupsDir },
      ...(input.backupsCopyDir
        ? [{ label: 'Copie des sauvegardes (support amovible)', where: input.backupsCopyDir }]
        : []),
      ...(input.smtp
        ? [
            {
              label: 'Serveur d’envoi des courriels (messages en transit)',
              where: `${input.smtp.host}:${input.smtp.port}`,
            },
          ]
        : []),
    ],
    subProcessors: input.smtp
      ? [
          {
            name: input.smtp.host,
            role: 'Fournisseur d’envoi de courriels (SMTP) : achemine les messages transmis au cabinet',
            where: `${input.smtp.host}:${input.smtp.port} (${input.smtp.security === 'none' ? 'sans chiffrement' : 'connexion chiffrée TLS'})`,
          },
        ]
      : [],
    transfers: input.smtp
      ? `Aucun transfert par Permanence hors de l’Union européenne ; le lieu d’hébergement du fournisseur de courriel (${input.smtp.host}) est à vérifier dans son contrat.`
      : 'Aucun transfert hors de l’Union européenne.',
    security: [
      input.storeEncrypted
        ? 'Base de données et sauvegardes chiffrées au repos'
        : 'Base de données non chiffrée au repos : protégée par les droits du système (chiffrement à activer)',
      'Dossier de données lisible par la seule utilisatrice (droits 0700, fichiers 0600)',
      'Sauvegardes quotidiennes vérifiées (intégrité, empreinte SHA-256), rotation 7 jours / 4 semaines / 12 mois',
      'Journal d’audit chaîné (HMAC-SHA256, clé hors de la base) : exports, effacements, restaurations, purges',
      'Purge quotidienne selon les durées de conservation ci-dessus ; index de recherche nettoyé',
      'Mots de passe (SMTP, SIP) dans le trousseau du système, jamais dans la base ni dans les exports',
      ...(input.smtp && input.smtp.security !== 'none' ? ['Courriels envoyés par une connexion chiffrée (TLS)'] : []),
    ],
  };
}
