/**
 * Messages of the domain schemas, by key. Schemas carry the key; the renderer translates it with i18next
 * (these tables are loaded as its `validation` namespace) and main uses the French table in its own errors.
 * Zod's built-in messages (too long, wrong type) come from zod's own locales.
 */
export const VALIDATION_MESSAGES = {
  fr: {
    invalidEmail: 'adresse e-mail invalide',
    invalidKey: 'clé attendue (lettres et chiffres, commençant par une minuscule)',
    invalidColor: 'couleur attendue (#RRGGBB)',
    invalidDate: 'date attendue (AAAA-MM-JJ)',
    unknownTimeZone: 'fuseau horaire inconnu',
    invalidTime: 'heure attendue au format HH:MM',
    invalidStepId: 'identifiant d’étape invalide (minuscules, chiffres, tirets)',
    invalidId: 'identifiant invalide',
    invalidServerUrl: 'adresse de serveur attendue (https://…)',
    endBeforeStart: 'la fin doit suivre le début',
    greetingRequired: 'la phrase d’accueil est obligatoire',
    promptRequired: 'la phrase à dire est obligatoire',
    nameRequired: 'le nom est obligatoire',
    invalidPhone: 'numéro de téléphone invalide',
    duplicateNumber: 'numéro en double',
    invalidTransferTarget: 'numéro ou poste invalide',
    duplicatePerson: 'personne en double',
    overlappingHours: 'plages horaires qui se chevauchent',
    transferWhenRequired: 'préciser quand transférer',
    unknownTransferPerson: 'transfert vers une personne inconnue',
    choiceNeedsOptions: 'une liste de choix demande au moins deux options',
    duplicateStep: 'étape en double',
    duplicateField: 'champ en double',
    unknownBranchTarget: 'branche vers une étape inconnue',
    required: 'champ obligatoire',
    duplicateId: 'identifiant en double',
    reservedStepId: '« fin » est réservé à la fin du script',
    fileTooLarge: 'fichier trop volumineux (20 millions de caractères au plus)',
    tooManyLines: 'fichier trop long (250 000 lignes au plus)',
    tooManyFields: 'trop de champs dans le message (150 au plus)',
    fieldsTooLong: 'champs du message trop longs (40 000 caractères au plus en tout)',
    invalidCountry: 'code pays attendu (deux lettres, ex. FR)',
    invalidSiren: 'SIREN attendu : 9 chiffres',
    invalidInvoicePrefix: 'lettres, chiffres et + - _ / seulement, sans espace',
    invalidVatId: 'numéro de TVA attendu (ex. FR12345678901)',
    invalidBic: 'BIC attendu : 8 ou 11 caractères',
    invalidIban: 'IBAN invalide (clé de contrôle incorrecte)',
    overlappingRanges: 'plages qui se chevauchent le même jour',
    unknownAgenda: 'agenda inconnu',
    unknownMotif: 'motif inconnu',
    motifLongerThanRanges: 'motif plus long que toutes les plages qui l’accueillent (tampons compris)',
    timeRangeRequired: 'préciser l’heure de début et l’heure de fin',
    closureIsFirmWide: 'une fermeture concerne tout le cabinet, pas un agenda',
    agendaRequired: 'choisir l’agenda concerné',
    unknownPerson: 'personne inconnue dans ce cabinet',
  },
  en: {
    invalidEmail: 'invalid e-mail address',
    invalidKey: 'key expected (letters and digits, starting with a lower-case letter)',
    invalidColor: 'colour expected (#RRGGBB)',
    invalidDate: 'date expected (YYYY-MM-DD)',
    unknownTimeZone: 'unknown time zone',
    invalidTime: 'time expected as HH:MM',
    invalidStepId: 'invalid step id (lower case, digits, dashes)',
    invalidId: 'invalid identifier',
    invalidServerUrl: 'server address expected (https://…)',
    endBeforeStart: 'the end must come after the start',
    greetingRequired: 'the greeting is required',
    promptRequired: 'the line to say is required',
    nameRequired: 'the name is required',
    invalidPhone: 'invalid phone number',
    duplicateNumber: 'duplicate number',
    invalidTransferTarget: 'invalid number or extension',
    duplicatePerson: 'duplicate person',
    overlappingHours: 'overlapping time ranges',
    transferWhenRequired: 'say when to transfer',
    unknownTransferPerson: 'transfer to an unknown person',
    choiceNeedsOptions: 'a choice list needs at least two options',
    duplicateStep: 'duplicate step',
    duplicateField: 'duplicate field',
    unknownBranchTarget: 'branch to an unknown step',
    required: 'required',
    duplicateId: 'duplicate identifier',
    reservedStepId: '“fin” is reserved for the end of the script',
    fileTooLarge: 'file too large (20 million characters at most)',
    tooManyLines: 'file too long (250,000 lines at most)',
    tooManyFields: 'too many fields in the message (150 at most)',
    fieldsTooLong: 'message fields too long (40,000 characters at most in all)',
    invalidCountry: 'country code expected (two letters, e.g. FR)',
    invalidSiren: 'SIREN expected: 9 digits',
    invalidInvoicePrefix: 'letters, digits and + - _ / only, no spaces',
    invalidVatId: 'VAT number expected (e.g. FR12345678901)',
    invalidBic: 'BIC expected: 8 or 11 characters',
    invalidIban: 'invalid IBAN (wrong check digits)',
    overlappingRanges: 'ranges overlap on the same day',
    unknownAgenda: 'unknown agenda',
    unknownMotif: 'unknown reason for visit',
    motifLongerThanRanges: 'longer than every range that offers it (buffers included)',
    timeRangeRequired: 'give a start and an end time',
    closureIsFirmWide: 'a closure is for the whole firm, not one agenda',
    agendaRequired: 'choose the agenda',
    unknownPerson: 'unknown person in this firm',
  },
} as const;

export type ValidationKey = keyof (typeof VALIDATION_MESSAGES)['fr'];

/** The message a schema attaches: `validation.<key>`, resolvable by i18next or by `frenchMessage`. */
export function v(key: ValidationKey): string {
  return `validation.${key}`;
}

export function frenchMessage(message: string): string {
  if (!message.startsWith('validation.')) return message;
  const key = message.slice('validation.'.length) as ValidationKey;
  return VALIDATION_MESSAGES.fr[key] ?? message;
}
