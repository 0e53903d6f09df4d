import { z } from 'zod';
import { v } from '../validation-messages';

export const FIELD_TYPES = ['text', 'phone', 'email', 'date', 'choice', 'yesno'] as const;
export const fieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof fieldTypeSchema>;

const keySchema = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, { message: v('invalidKey') });

export const scriptFieldSchema = z
  .object({
    key: keySchema,
    label: z.string().trim().min(1).max(120),
    type: fieldTypeSchema,
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
  })
  .refine((f) => f.type !== 'choice' || f.options.length >= 2, {
    message: v('choiceNeedsOptions'),
    path: ['options'],
  });
export type ScriptField = z.infer<typeof scriptFieldSchema>;

export const branchSchema = z.object({
  /** The answer that takes this branch: a choice option, "oui"/"non" for yes/no fields. */
  answer: z.string().trim().min(1).max(120),
  goto: z.string().min(1).max(40),
  consigne: z.string().max(400).default(''),
});
export type ScriptBranch = z.infer<typeof branchSchema>;

export const END_OF_SCRIPT = 'fin';

export const scriptStepSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: v('invalidStepId') }),
  prompt: z
    .string()
    .trim()
    .min(1, { message: v('promptRequired') })
    .max(1000),
  field: scriptFieldSchema.nullable().default(null),
  branches: z.array(branchSchema).max(20).default([]),
});
export type ScriptStep = z.infer<typeof scriptStepSchema>;

export const scriptSchema = z.object({ steps: z.array(scriptStepSchema).max(100) }).superRefine((script, ctx) => {
  const ids = new Set<string>();
  script.steps.forEach((step, index) => {
    if (step.id === END_OF_SCRIPT) {
      ctx.addIssue({ code: 'custom', message: v('reservedStepId'), path: ['steps', index, 'id'] });
    }
    if (ids.has(step.id)) {
      ctx.addIssue({ code: 'custom', message: v('duplicateStep'), path: ['steps', index, 'id'] });
    }
    ids.add(step.id);
  });
  const keys = new Set<string>();
  script.steps.forEach((step, index) => {
    if (!step.field) return;
    if (keys.has(step.field.key)) {
      ctx.addIssue({ code: 'custom', message: v('duplicateField'), path: ['steps', index, 'field', 'key'] });
    }
    keys.add(step.field.key);
  });
  script.steps.forEach((step, index) => {
    step.branches.forEach((branch, b) => {
      if (branch.goto !== END_OF_SCRIPT && !ids.has(branch.goto)) {
        ctx.addIssue({
          code: 'custom',
          message: v('unknownBranchTarget'),
          path: ['steps', index, 'branches', b, 'goto'],
        });
      }
    });
  });
});
export type Script = z.infer<typeof scriptSchema>;

/** The firm's own message fields share the script field's shape, so a script step can fill one. */
export const messageFieldSchema = scriptFieldSchema;
export type MessageField = z.infer<typeof messageFieldSchema>;
export const messageFieldsSchema = z.array(messageFieldSchema).max(40);
