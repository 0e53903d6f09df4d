/**
 * Generates docs/workspace.schema.json, the JSON Schema of the workspace exchange file, from the zod schemas
 * that the import actually runs (shared/domain/workspace.ts). The zod schemas stay the single source of truth.
 *
 *   npx tsx scripts/workspace-schema.ts           (re)write docs/workspace.schema.json
 *   npx tsx scripts/workspace-schema.ts --check   exit 1 when the committed file is stale
 *
 * What JSON Schema cannot say: zod transforms (phone numbers normalised to E.164) and refinements (an
 * interval's end after its start, branches pointing to existing steps…) have no JSON Schema equivalent. The
 * schema is generated for the *input* side (what a file may contain, defaults optional), and every schema that
 * carries such a rule gets a description saying what the import checks on top. The generator refuses to run
 * when a refined or transformed schema has no description here, so a new rule cannot go undocumented.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { firmDraftSchema } from '../shared/domain/firm/aggregate';
import {
  agendaConfigSchema,
  agendaExceptionSchema,
  agendaSchema,
  motifSchema,
  templateRangeSchema,
} from '../shared/domain/agenda/config';
import { workspaceAppointmentSchema } from '../shared/domain/agenda/appointment';
import {
  consigneRulesSchema,
  consignesSchema,
  transferRuleSchema,
  vipCallerSchema,
} from '../shared/domain/firm/consignes';
import {
  colorSchema,
  firmNumberSchema,
  firmProfileSchema,
  sectorSchema,
  timeZoneSchema,
} from '../shared/domain/firm/firm';
import {
  closureSchema,
  hoursIntervalSchema,
  isoDateSchema,
  timeOfDaySchema,
  weeklyHoursSchema,
} from '../shared/domain/firm/hours';
import { billingSettingsSchema, majorationRuleSchema } from '../shared/domain/billing/billing-settings';
import { absenceSchema, personSchema } from '../shared/domain/firm/people';
import {
  branchSchema,
  END_OF_SCRIPT,
  scriptFieldSchema,
  scriptSchema,
  scriptStepSchema,
} from '../shared/domain/firm/script';
import { idSchema } from '../shared/domain/ids';
import { phoneInputSchema, transferTargetSchema } from '../shared/domain/phone-schema';
import {
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  workspaceContactSchema,
  workspaceFileSchema,
  workspaceFirmSchema,
} from '../shared/domain/workspace';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = path.join(ROOT, 'docs', 'workspace.schema.json');

const GENERATED_NOTE =
  'Generated from shared/domain/workspace.ts by scripts/workspace-schema.ts (npm run schema). Do not edit by hand. ' +
  'Rules JSON Schema cannot express are described in the "description" of the schema they belong to and in docs/workspace.md.';

interface SchemaDoc {
  /** Becomes the name under $defs; every reference to the schema points there. */
  id?: string;
  title?: string;
  description: string;
  examples?: unknown[];
}

/**
 * Names and descriptions of the parts of the format. Kept here rather than in shared/domain so the domain
 * schemas do not carry documentation strings into the renderer bundle.
 */
function documentation(): z.core.$ZodRegistry<SchemaDoc> {
  const docs = z.registry<SchemaDoc>();
  docs.add(workspaceFileSchema, {
    title: 'Permanence workspace file',
    description:
      `A workspace exchange file: the client firms with their numbers, people, consignes, script, message fields and ` +
      `contacts. "format" is always "${WORKSPACE_FORMAT}"; "version" is the format version (${WORKSPACE_VERSION}). ` +
      'Import is all-or-nothing and idempotent: records are matched by id, so importing the same file twice updates ' +
      'and never duplicates. Secrets (SIP and SMTP passwords) have no field in this format. Unknown keys are ignored.',
  });
  docs.add(idSchema, {
    id: 'Id',
    description:
      'A stable identifier: 1 to 64 letters, digits, "-" or "_", starting with a letter or a digit. Re-importing a ' +
      'record with the same id updates it.',
    examples: ['demo-cabinet-martin'],
  });
  docs.add(phoneInputSchema, {
    id: 'PhoneNumber',
    description:
      'A phone number written the way a person would; French numbers may omit the country code. Stored as E.164 ' +
      '("+33199001234"). Checked on import: it must be a possible phone number (libphonenumber, default region FR).',
    examples: ['01 99 00 12 34', '+33 1 99 00 12 34', '0033199001234', '+33199001234'],
  });
  docs.add(transferTargetSchema, {
    id: 'TransferTarget',
    description:
      'Where to transfer a call: empty, a short PBX extension (1 to 6 characters among digits, "*" and "#"), or a ' +
      'phone number in any form, stored as E.164. Checked on import: anything else is refused.',
    examples: ['201', '*8', '06 39 98 10 01', ''],
  });
  docs.add(firmDraftSchema, {
    id: 'Firm',
    description:
      'Everything the secretary needs to answer this firm. Checked on import: person ids are unique within the firm, ' +
      'every transfer rule\'s "personId" names a person of this firm, and no forwarded number appears twice.',
  });
  docs.add(workspaceFirmSchema, {
    id: 'WorkspaceFirm',
    description:
      'One firm and its contacts. "id" is the firm\'s identity across exports: an existing firm with this id is ' +
      'updated (and restored if it was archived), otherwise it is created. A forwarded number already used by ' +
      'another firm makes the whole import fail.',
  });
  docs.add(firmProfileSchema, {
    id: 'FirmProfile',
    description: 'Identity, numbers, time zone and opening hours of the firm.',
  });
  docs.add(sectorSchema, {
    id: 'Sector',
    description: 'The firm\'s sector ("medical" and "ecommerce" are written without accents).',
  });
  docs.add(colorSchema, { id: 'Color', description: 'The colour that tells the firm apart on screen, "#RRGGBB".' });
  docs.add(timeZoneSchema, {
    id: 'TimeZone',
    description:
      'IANA time zone in which opening hours and closures are read. Checked on import: the zone must be known.',
    examples: ['Europe/Paris'],
  });
  docs.add(firmNumberSchema, {
    id: 'FirmNumber',
    description:
      'A number forwarded to the secretary for this firm; an incoming call on it is presented as this firm. ' +
      'A number belongs to one firm only.',
  });
  docs.add(timeOfDaySchema, {
    id: 'TimeOfDay',
    description: '"HH:MM" on a 24-hour clock; "24:00" is allowed as an end.',
  });
  docs.add(hoursIntervalSchema, {
    id: 'HoursInterval',
    description: 'An opening interval in the firm\'s time zone. Checked on import: "end" is later than "start".',
  });
  docs.add(weeklyHoursSchema, {
    id: 'WeeklyHours',
    description:
      'Opening intervals per ISO weekday, "1" = Monday … "7" = Sunday; several intervals make a lunch break, an ' +
      'empty list means closed all day. Checked on import: the intervals of a day do not overlap.',
  });
  docs.add(isoDateSchema, { id: 'IsoDate', description: 'A calendar date, "YYYY-MM-DD".' });
  docs.add(closureSchema, {
    id: 'Closure',
    description:
      'A closure (congés, fermeture exceptionnelle), both days included. "id" identifies it within its firm. ' +
      'Checked on import: "to" is not before "from".',
  });
  docs.add(personSchema, {
    id: 'Person',
    description:
      'Someone at the firm. "id" is unique within the firm and is what transfer rules refer to. "receivesMessages": ' +
      'all messages, urgent ones only, only those addressed to them, or none.',
  });
  docs.add(absenceSchema, {
    id: 'Absence',
    description: 'A period when the person is away, both days included. Checked on import: "to" is not before "from".',
  });
  docs.add(consignesSchema, {
    id: 'Consignes',
    description:
      'Standing instructions: a Markdown "body" plus structured rules. Importing changed consignes records a new ' +
      'version; importing identical ones does not.',
  });
  docs.add(consigneRulesSchema, { id: 'ConsigneRules', description: 'The structured part of the consignes.' });
  docs.add(transferRuleSchema, {
    id: 'TransferRule',
    description:
      'When to transfer, and to whom. Checked on import: "personId", when set, names a person of the same firm.',
  });
  docs.add(vipCallerSchema, { id: 'VipCaller', description: 'A caller to treat with priority.' });
  docs.add(scriptSchema, {
    id: 'Script',
    description:
      'The call script, steps in the order they are read. Checked on import: step ids and field keys are unique ' +
      `within the script, and every branch goes to a step of this script or to "${END_OF_SCRIPT}" (end of the script).`,
  });
  docs.add(scriptStepSchema, {
    id: 'ScriptStep',
    description:
      'A sentence to say, an optional field to fill, and branches by answer. Without a matching branch the script ' +
      'goes on to the next step; the last step ends it.',
  });
  docs.add(branchSchema, {
    id: 'ScriptBranch',
    description:
      'Taken when the field\'s answer matches "answer" (a choice option, or "oui" / "non" for a yes/no field), ' +
      'ignoring case and accents. ' +
      `"goto" is a step id of the same script or "${END_OF_SCRIPT}"; "consigne" is shown to the secretary when taken.`,
  });
  docs.add(scriptFieldSchema, {
    id: 'Field',
    description:
      'A field of a script step, or a message field the firm wants in every message; a script field with the key ' +
      'of a message field is meant to fill it. Checked on import: a "choice" field has at least two options.',
  });
  docs.add(workspaceContactSchema, {
    id: 'Contact',
    description:
      'A known caller of the firm. "id" is unique across the whole workspace: a contact is updated by id, and an ' +
      'id that belongs to another firm makes the import fail.',
  });
  docs.add(billingSettingsSchema, {
    id: 'BillingSettings',
    description:
      'How the firm is billed (au temps, à la tâche, au forfait, majorations, after-call work, KPI service level) ' +
      'and its identity on the relevé (billingAddress, siren). Every field has a default, so {} means the default ' +
      'rules (30 € HT per hour, rounded up per started minute). Checked on import: majoration ids are unique. ' +
      'See docs/timesheets.md.',
  });
  docs.add(agendaConfigSchema, {
    id: 'AgendaConfig',
    description:
      "The firm's agendas (one per practitioner, lawyer or agent), the motifs callers book, exceptions and settings. " +
      "Absent: the firm's agenda is left as it is. Checked on import: ids are unique, two ranges of one agenda and " +
      'weekday do not overlap, motifs and exceptions name existing agendas and motifs, every motif fits (buffers ' +
      "included) in at least one range that offers it, an agenda's person exists in the firm, and no agenda or " +
      'motif that appointments use is removed. See docs/agenda.md.',
  });
  docs.add(agendaSchema, { id: 'Agenda', description: "One person's agenda and its weekly template." });
  docs.add(motifSchema, {
    id: 'Motif',
    description:
      'What a caller books: its length and buffers in minutes, the agendas that offer it, whether new callers may ' +
      'book it, what to read to the caller, and an optional maximum per agenda and day.',
  });
  docs.add(templateRangeSchema, {
    id: 'TemplateRange',
    description:
      'A range of the weekly template (ISO weekday 1 = Monday), local time; "motifIds" empty means every motif ' +
      'of the agenda. Checked on import: "end" is later than "start".',
  });
  docs.add(agendaExceptionSchema, {
    id: 'AgendaException',
    description:
      'An absence (one agenda), a closure (the whole firm: no agendaId) or an extra opening (one agenda, start and ' +
      'end required), local days "from" to "to" included; without start/end it is the whole day. Checked on import: ' +
      'the kind and agendaId agree, "to" is not before "from", start and end come together and in order.',
  });
  docs.add(workspaceAppointmentSchema, {
    id: 'Appointment',
    description:
      "An appointment: instants in UTC epoch milliseconds, the firm's IANA zone, the caller (a contact id of the " +
      'firm and/or a name and number, normalised to E.164). Updated by id. Checked on import: "endsAt" is after ' +
      '"startsAt", the zone exists, the agenda and motif exist in the firm\'s agenda.',
  });
  const timeWindow = majorationRuleSchema.options.find((o) => o.shape.kind.value === 'time-window');
  if (timeWindow) {
    docs.add(timeWindow, {
      id: 'TimeWindowMajoration',
      description:
        'A supplement for work started between "from" and "to" (local time, "HH:mm"); from > to wraps midnight. ' +
        'Checked on import: "from" and "to" differ.',
    });
  }
  return docs;
}

type OverrideContext = Parameters<NonNullable<z.core.ToJSONSchemaParams['override']>>[0];

/** True when zod checks something that the JSON Schema it produces for this node cannot express. */
function hasUnrepresentableRule(schema: OverrideContext['zodSchema']): boolean {
  const def = schema._zod.def;
  if (def.type === 'pipe' && def.out._zod.def.type === 'transform') return true;
  return (def.checks ?? []).some((check) => check._zod.def.check === 'custom');
}

/** The JSON Schema of the workspace file, as a plain object. Throws when a rule would go undocumented. */
export function buildWorkspaceJsonSchema(): Record<string, unknown> {
  const docs = documentation();
  const undocumented = new Set<string>();
  const generated = z.toJSONSchema(workspaceFileSchema, {
    io: 'input',
    unrepresentable: 'any',
    metadata: docs,
    override(ctx) {
      if (hasUnrepresentableRule(ctx.zodSchema) && !docs.get(ctx.zodSchema)?.description) {
        undocumented.add(ctx.path.join('.') || '(root)');
      }
    },
  }) as Record<string, unknown>;
  if (undocumented.size > 0) {
    throw new Error(
      `These schemas carry a refinement or a transform that JSON Schema cannot express; describe them in ` +
        `scripts/workspace-schema.ts: ${[...undocumented].join(', ')}`,
    );
  }
  const { $schema, ...rest } = generated;
  return { $schema, $comment: GENERATED_NOTE, ...rest };
}

/** The file's text, laid out by the project's Prettier settings like the rest of the repository. */
export async function renderWorkspaceJsonSchema(): Promise<string> {
  const text = `${JSON.stringify(buildWorkspaceJsonSchema(), null, 2)}\n`;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
  return prettier.format(text, { ...options, filepath: SCHEMA_FILE });
}

/** Compares meaning, not layout: formatting belongs to Prettier, staleness to this check. */
export function isWorkspaceJsonSchemaCurrent(fileContent: string): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(fileContent), buildWorkspaceJsonSchema());
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const relative = path.relative(process.cwd(), SCHEMA_FILE);
  if (argv.includes('--check')) {
    const current = fs.existsSync(SCHEMA_FILE) && isWorkspaceJsonSchemaCurrent(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    if (!current) {
      console.error(
        `${relative} is out of date with shared/domain/workspace.ts: run \`npm run schema\` and commit it.`,
      );
      return 1;
    }
    console.log(`${relative} is up to date.`);
    return 0;
  }
  fs.writeFileSync(SCHEMA_FILE, await renderWorkspaceJsonSchema());
  console.log(`Wrote ${relative}.`);
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
