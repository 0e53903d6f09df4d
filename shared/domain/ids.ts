import { z } from 'zod';
import { v } from './validation-messages';

/** Identifiers are opaque strings: UUIDs for records made in the app, readable slugs in shipped files. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: v('invalidId') });
export type Id = z.infer<typeof idSchema>;
