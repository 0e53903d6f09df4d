import { callOfferSchema } from '../../../shared/domain/call';
import { contactFromRow } from '../../../shared/domain/contacts-import';
import { vipCallerSchema } from '../../../shared/domain/firm/consignes';
import { contactInputSchema } from '../../../shared/domain/firm/contact';
import { firmProfileSchema } from '../../../shared/domain/firm/firm';
import { personSchema } from '../../../shared/domain/firm/people';
import { messageContentSchema } from '../../../shared/domain/message';
import { parseNameAddr } from '../../../shared/domain/sip/name-addr';
import { stripBidiControls } from '../../../shared/domain/text';
import { makeFirmDraft } from '../../fixtures/factories';

/** Shows as « Cabinet exe.png » when the override is kept. */
const DISGUISED = 'Cabinet \u202Egnp.exe';

const EVERY_CONTROL = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const MARKS = ['\u200E', '\u200F', '\u061C'];

describe('stripBidiControls', () => {
  it('removes the override that turns « Cabinet gnp.exe » into « Cabinet exe.png »', () => {
    expect(stripBidiControls(DISGUISED)).toBe('Cabinet gnp.exe');
  });

  it.each([...EVERY_CONTROL, ...MARKS].map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))(
    'removes %s',
    (_name, control) => {
      expect(stripBidiControls(`Me${control} Martin${control}`)).toBe('Me Martin');
    },
  );

  it('keeps right-to-left letters, accents and ordinary punctuation', () => {
    expect(stripBidiControls('مكتب المحاماة — Étude d’Hélène (Paris)')).toBe('مكتب المحاماة — Étude d’Hélène (Paris)');
  });
});

describe('name schemas strip bidirectional controls on input', () => {
  const draft = makeFirmDraft();

  it('firm name', () => {
    expect(firmProfileSchema.parse({ ...draft.profile, name: DISGUISED }).name).toBe('Cabinet gnp.exe');
  });

  it('person name, and a name made of nothing but controls is still required', () => {
    const person = { id: 'p1', name: `\u2067${DISGUISED}\u2069` };
    expect(personSchema.parse(person).name).toBe('Cabinet gnp.exe');
    expect(personSchema.safeParse({ id: 'p1', name: ' \u202E\u200F ' }).success).toBe(false);
  });

  it('contact name', () => {
    expect(contactInputSchema.parse({ name: DISGUISED }).name).toBe('Cabinet gnp.exe');
  });

  it('VIP caller name in the consignes', () => {
    expect(vipCallerSchema.parse({ name: DISGUISED }).name).toBe('Cabinet gnp.exe');
  });

  it('caller name in a message', () => {
    expect(messageContentSchema.parse({ callerName: DISGUISED }).callerName).toBe('Cabinet gnp.exe');
  });

  it('caller name recorded with a call', () => {
    const offer = callOfferSchema.parse({
      id: 'c1',
      direction: 'inbound',
      firmId: null,
      matchedBy: null,
      matchedNumber: null,
      callerNumber: '+33639980001',
      callerName: DISGUISED,
      at: 1_700_000_000_000,
    });
    expect(offer.callerName).toBe('Cabinet gnp.exe');
  });
});

describe('SIP display names', () => {
  it('drops bidirectional controls from a quoted display name', () => {
    expect(parseNameAddr(`"${DISGUISED}" <sip:+33639980001@pbx.example>;tag=1`).displayName).toBe('Cabinet gnp.exe');
  });

  it('drops them from an unquoted display name, and a name of controls only is no name', () => {
    expect(parseNameAddr('Me\u202E Martin <sip:201@pbx.example>').displayName).toBe('Me Martin');
    expect(parseNameAddr('"\u202E\u2066" <sip:201@pbx.example>').displayName).toBeUndefined();
  });
});

describe('contacts imported from a CSV file', () => {
  it('lose bidirectional controls in their name and company, as in the contact form', () => {
    const { contact } = contactFromRow(
      { Nom: 'Cabinet \u202Egnp.exe', Société: '\u2067Étude\u2069' },
      { name: 'Nom', company: 'Société' },
    );
    expect(contact?.name).toBe('Cabinet gnp.exe');
    expect(contact?.company).toBe('Étude');
  });
});
