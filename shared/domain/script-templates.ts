import type { Sector } from './firm/firm';
import type { MessageField, Script } from './firm/script';
import { scriptSchema } from './firm/script';

export interface ScriptTemplate {
  id: string;
  sector: Exclude<Sector, 'autre'>;
  /** Shown in the picker, French. */
  name: string;
  description: string;
  script: Script;
  /** Fields worth keeping in the firm's message fields, so they show in lists and mails. */
  messageFields: MessageField[];
}

type StepDef = [
  id: string,
  prompt: string,
  field?: Record<string, unknown> | null,
  branches?: Array<Record<string, string>>,
];

function steps(defs: StepDef[]): Script {
  return scriptSchema.parse({
    steps: defs.map(([id, prompt, field, branches]) => ({
      id,
      prompt,
      field: field ?? null,
      branches: branches ?? [],
    })),
  });
}

const text = (key: string, label: string, required = false) => ({ key, label, type: 'text', required });

export const SCRIPT_TEMPLATES: readonly ScriptTemplate[] = [
  {
    id: 'juridique-qualification',
    sector: 'juridique',
    name: 'Qualification de dossier',
    description: 'Nature du cas, urgence, parties, juridiction et échéance.',
    script: steps([
      ['appelant', 'Puis-je avoir votre nom et prénom, s’il vous plaît ?', text('appelant', 'Nom de l’appelant', true)],
      [
        'rappel',
        'À quel numéro pouvons-nous vous rappeler ?',
        { key: 'numeroRappel', label: 'Numéro de rappel', type: 'phone', required: true },
      ],
      [
        'nature',
        'De quel domaine s’agit-il ?',
        {
          key: 'natureDossier',
          label: 'Nature du dossier',
          type: 'choice',
          required: true,
          options: ['Famille', 'Travail', 'Pénal', 'Immobilier', 'Affaires', 'Autre'],
        },
      ],
      ['resume', 'Pouvez-vous me résumer la situation en quelques mots ?', text('resume', 'Résumé', true)],
      [
        'urgence',
        'Y a-t-il une urgence (audience, délai, garde à vue) ?',
        { key: 'urgence', label: 'Urgent', type: 'yesno', required: true },
        [
          {
            answer: 'oui',
            goto: 'urgence-motif',
            consigne: 'Message marqué urgent ; appeler l’avocat concerné si la consigne le prévoit.',
          },
          { answer: 'non', goto: 'parties' },
        ],
      ],
      ['urgence-motif', 'Qu’est-ce qui rend la situation urgente ?', text('motifUrgence', 'Motif de l’urgence', true)],
      [
        'parties',
        'Qui est la partie adverse ? (nom, et son avocat si connu)',
        text('partiesAdverses', 'Parties adverses'),
      ],
      ['juridiction', 'Une juridiction est-elle saisie ? Laquelle ?', text('juridiction', 'Juridiction')],
      [
        'echeance',
        'Avez-vous une date d’audience ou une échéance ?',
        { key: 'echeance', label: 'Échéance', type: 'date' },
      ],
      [
        'recap',
        'Je récapitule votre demande et la transmets ; un avocat vous rappellera. Je ne peux pas donner d’avis juridique par téléphone.',
      ],
    ]),
    messageFields: [
      {
        key: 'natureDossier',
        label: 'Nature du dossier',
        type: 'choice',
        required: false,
        options: ['Famille', 'Travail', 'Pénal', 'Immobilier', 'Affaires', 'Autre'],
      },
      { key: 'partiesAdverses', label: 'Parties adverses', type: 'text', required: false, options: [] },
      { key: 'echeance', label: 'Échéance', type: 'date', required: false, options: [] },
    ],
  },
  {
    id: 'medical-rdv',
    sector: 'medical',
    name: 'Prise de rendez-vous',
    description: 'Identité, date de naissance, motif, créneau, nouveau patient.',
    script: steps([
      [
        'urgence-vitale',
        'S’agit-il d’une urgence vitale ?',
        { key: 'urgenceVitale', label: 'Urgence vitale', type: 'yesno', required: true },
        [{ answer: 'oui', goto: 'fin', consigne: 'Urgence vitale : faire composer le 15 immédiatement.' }],
      ],
      ['patient', 'Quel est le nom et le prénom du patient ?', text('patient', 'Patient', true)],
      [
        'naissance',
        'Quelle est sa date de naissance ?',
        { key: 'dateNaissance', label: 'Date de naissance', type: 'date', required: true },
      ],
      [
        'telephone',
        'À quel numéro peut-on vous joindre ?',
        { key: 'telephone', label: 'Téléphone', type: 'phone', required: true },
      ],
      ['motif', 'Quel est le motif de la consultation ?', text('motif', 'Motif', true)],
      [
        'nouveau',
        'Êtes-vous déjà patient du cabinet ?',
        { key: 'dejaPatient', label: 'Déjà patient', type: 'yesno', required: true },
      ],
      ['creneau', 'Quel créneau vous conviendrait ?', text('creneauSouhaite', 'Créneau souhaité')],
      ['recap', 'Je récapitule : nom, date de naissance, motif et créneau. Le cabinet vous confirmera le rendez-vous.'],
    ]),
    messageFields: [
      { key: 'dateNaissance', label: 'Date de naissance', type: 'date', required: false, options: [] },
      { key: 'dejaPatient', label: 'Déjà patient', type: 'yesno', required: false, options: [] },
      { key: 'creneauSouhaite', label: 'Créneau souhaité', type: 'text', required: false, options: [] },
    ],
  },
  {
    id: 'immobilier-visite',
    sector: 'immobilier',
    name: 'Demande de visite',
    description: 'Bien, budget, disponibilités.',
    script: steps([
      ['nom', 'Puis-je avoir votre nom ?', text('nom', 'Nom', true)],
      [
        'telephone',
        'Votre numéro de téléphone ?',
        { key: 'telephone', label: 'Téléphone', type: 'phone', required: true },
      ],
      ['bien', 'Quel bien vous intéresse ? (référence de l’annonce ou adresse)', text('referenceBien', 'Bien', true)],
      [
        'projet',
        'Il s’agit d’un achat ou d’une location ?',
        { key: 'projet', label: 'Projet', type: 'choice', required: true, options: ['Achat', 'Location'] },
      ],
      ['budget', 'Quel est votre budget ?', text('budget', 'Budget')],
      [
        'disponibilites',
        'Quand seriez-vous disponible pour une visite ?',
        text('disponibilites', 'Disponibilités', true),
      ],
      ['recap', 'Je transmets votre demande de visite à l’agence, qui vous rappellera pour fixer un rendez-vous.'],
    ]),
    messageFields: [
      { key: 'referenceBien', label: 'Bien', type: 'text', required: false, options: [] },
      { key: 'budget', label: 'Budget', type: 'text', required: false, options: [] },
    ],
  },
  {
    id: 'ecommerce-sav',
    sector: 'ecommerce',
    name: 'Service après-vente',
    description: 'Numéro de commande, problème, retour.',
    script: steps([
      ['client', 'Puis-je avoir votre nom ?', text('client', 'Client', true)],
      [
        'email',
        'L’adresse e-mail utilisée pour la commande ?',
        { key: 'email', label: 'E-mail', type: 'email', required: true },
      ],
      ['commande', 'Quel est votre numéro de commande ?', text('numeroCommande', 'N° de commande', true)],
      [
        'probleme',
        'Quel est le problème ?',
        {
          key: 'probleme',
          label: 'Problème',
          type: 'choice',
          required: true,
          options: ['Colis non reçu', 'Article endommagé', 'Erreur d’article', 'Remboursement', 'Autre'],
        },
      ],
      [
        'retour',
        'Souhaitez-vous retourner l’article ?',
        { key: 'souhaiteRetour', label: 'Retour souhaité', type: 'yesno' },
      ],
      ['recap', 'Je transmets votre demande au service client, qui vous répondra par e-mail.'],
    ]),
    messageFields: [
      { key: 'numeroCommande', label: 'N° de commande', type: 'text', required: false, options: [] },
      { key: 'souhaiteRetour', label: 'Retour souhaité', type: 'yesno', required: false, options: [] },
    ],
  },
  {
    id: 'artisanat-devis',
    sector: 'artisanat',
    name: 'Demande de devis',
    description: 'Besoin, métrages, adresse du chantier, urgence.',
    script: steps([
      ['client', 'Puis-je avoir votre nom ?', text('client', 'Client', true)],
      [
        'telephone',
        'Votre numéro de téléphone ?',
        { key: 'telephone', label: 'Téléphone', type: 'phone', required: true },
      ],
      [
        'urgence',
        'Est-ce une urgence (fuite, panne, dégât en cours) ?',
        { key: 'urgence', label: 'Urgent', type: 'yesno', required: true },
        [
          {
            answer: 'oui',
            goto: 'adresse',
            consigne: 'Urgence : prévenir l’artisan tout de suite, message marqué urgent.',
          },
        ],
      ],
      ['besoin', 'Quels travaux souhaitez-vous faire ?', text('besoin', 'Besoin', true)],
      ['metrages', 'Avez-vous des métrages ou des dimensions ?', text('metrages', 'Métrages')],
      ['adresse', 'Quelle est l’adresse du chantier ?', text('adresseChantier', 'Adresse du chantier', true)],
      ['disponibilites', 'Quand l’artisan peut-il passer ?', text('disponibilites', 'Disponibilités')],
      ['recap', 'Je transmets votre demande de devis ; l’entreprise vous rappellera.'],
    ]),
    messageFields: [
      { key: 'adresseChantier', label: 'Adresse du chantier', type: 'text', required: false, options: [] },
      { key: 'metrages', label: 'Métrages', type: 'text', required: false, options: [] },
    ],
  },
];

/** Templates for a sector first, then the others (a notary may borrow the lawyers' script). */
export function templatesFor(sector: Sector | undefined): ScriptTemplate[] {
  return [...SCRIPT_TEMPLATES].sort((a, b) => Number(b.sector === sector) - Number(a.sector === sector));
}

/** Adds the template's message fields the firm does not have yet; never removes the firm's own. */
export function mergeMessageFields(existing: readonly MessageField[], template: ScriptTemplate): MessageField[] {
  const keys = new Set(existing.map((f) => f.key));
  return [...existing, ...template.messageFields.filter((f) => !keys.has(f.key))];
}
