import type { TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDraftInput } from '../../../shared/domain/firm/aggregate';
import { useDial } from '../../app/use-dial';
import { Field } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useEditor, useFieldError, EMPTY_LIST } from './editor-context';
import { MarkdownEditor } from './MarkdownEditor';
import { StringListEditor } from './StringListEditor';

type Rules = NonNullable<FirmDraftInput['consignes']['rules']>;

export function ConsignesTab() {
  const { t, i18n } = useTranslation();
  const consignes = useEditor((s) => s.draft.consignes);
  const current = useEditor((s) => s.detail?.consignes);
  const update = useEditor((s) => s.update);
  const dial = useDial(useEditor((s) => s.detail?.id ?? null));
  const rules = (consignes.rules ?? {}) as Rules;
  const setRules = (mutate: (r: Rules) => void) =>
    update((d) => {
      d.consignes.rules ??= {};
      mutate(d.consignes.rules);
    });

  return (
    <div className="stack">
      {current && current.version > 0 ? (
        <p className="muted">
          {t('consignes.version', {
            version: current.version,
            by: current.changedBy,
            when: formatDateTime(current.changedAt, i18n.language),
          })}
        </p>
      ) : null}
      <MarkdownEditor
        label={t('consignes.body')}
        hint={t('consignes.bodyHint')}
        value={consignes.body ?? ''}
        onChange={(body) => update((d) => void (d.consignes.body = body))}
        onDial={dial}
      />
      <TransferRules />
      <Field label={t('consignes.urgentDefinition')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={rules.urgentDefinition ?? ''}
            onChange={(e) => setRules((r) => void (r.urgentDefinition = e.target.value))}
          />
        )}
      </Field>
      <VipCallers />
      <StringListEditor
        legend={t('consignes.neverDisclose')}
        itemLabel={(i) => t('consignes.neverDiscloseItem', { index: i + 1 })}
        addLabel={t('consignes.addNeverDisclose')}
        values={rules.neverDisclose ?? []}
        onChange={(values) => setRules((r) => void (r.neverDisclose = values))}
        errorPath="consignes.rules.neverDisclose"
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={rules.identityCheckRequired ?? false}
          onChange={(e) => setRules((r) => void (r.identityCheckRequired = e.target.checked))}
        />
        {t('consignes.identityCheckRequired')}
      </label>
      <StringListEditor
        legend={t('consignes.identityChecks')}
        itemLabel={(i) => t('consignes.identityCheckItem', { index: i + 1 })}
        addLabel={t('consignes.addIdentityCheck')}
        values={rules.identityChecks ?? []}
        onChange={(values) => setRules((r) => void (r.identityChecks = values))}
        errorPath="consignes.rules.identityChecks"
      />
    </div>
  );
}

function TransferRules() {
  const { t } = useTranslation();
  const rules = useEditor((s) => s.draft.consignes.rules?.transferRules ?? EMPTY_LIST);
  const people = useEditor((s) => s.draft.people ?? EMPTY_LIST);
  const update = useEditor((s) => s.update);
  return (
    <fieldset className="group">
      <legend>{t('consignes.transferRules')}</legend>
      {rules.map((rule, index) => (
        <TransferRuleRow
          key={index}
          index={index}
          when={rule.when}
          personId={rule.personId ?? null}
          note={rule.note ?? ''}
          people={people}
        />
      ))}
      <button
        type="button"
        className="button button--plain"
        onClick={() =>
          update((d) => {
            d.consignes.rules ??= {};
            d.consignes.rules.transferRules = [
              ...(d.consignes.rules.transferRules ?? []),
              { when: '', personId: null, note: '' },
            ];
          })
        }
      >
        {t('consignes.addTransferRule')}
      </button>
    </fieldset>
  );
}

function TransferRuleRow(props: {
  index: number;
  when: string;
  personId: string | null;
  note: string;
  people: NonNullable<FirmDraftInput['people']>;
}) {
  const { t } = useTranslation();
  const update = useEditor((s) => s.update);
  const whenError = useFieldError(`consignes.rules.transferRules.${props.index}.when`);
  const personError = useFieldError(`consignes.rules.transferRules.${props.index}.personId`);
  const edit = (mutate: (rule: NonNullable<Rules['transferRules']>[number]) => void) =>
    update((d) => mutate(d.consignes.rules!.transferRules![props.index]!));
  return (
    <div className="editor-row editor-row--transfer">
      <Field label={t('consignes.transferWhen')} error={whenError}>
        {(p) => <OneLineText {...p} value={props.when} onChange={(value) => edit((r) => void (r.when = value))} />}
      </Field>
      <Field label={t('consignes.transferTo')} error={personError}>
        {(p) => (
          <select
            {...p}
            value={props.personId ?? ''}
            onChange={(e) => edit((r) => void (r.personId = e.target.value || null))}
          >
            <option value="">{t('consignes.nobody')}</option>
            {props.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name || person.id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('consignes.transferNote')}>
        {(p) => <OneLineText {...p} value={props.note} onChange={(value) => edit((r) => void (r.note = value))} />}
      </Field>
      <button
        type="button"
        className="button button--danger-plain"
        aria-label={t('consignes.removeTransferRule', { index: props.index + 1 })}
        onClick={() => update((d) => void d.consignes.rules!.transferRules!.splice(props.index, 1))}
      >
        ✕
      </button>
    </div>
  );
}

function VipCallers() {
  const { t } = useTranslation();
  const vips = useEditor((s) => s.draft.consignes.rules?.vipCallers ?? EMPTY_LIST);
  const update = useEditor((s) => s.update);
  return (
    <fieldset className="group">
      <legend>{t('consignes.vipCallers')}</legend>
      {vips.map((vip, index) => (
        <VipRow key={index} index={index} name={vip.name} phone={vip.phone ?? ''} note={vip.note ?? ''} />
      ))}
      <button
        type="button"
        className="button button--plain"
        onClick={() =>
          update((d) => {
            d.consignes.rules ??= {};
            d.consignes.rules.vipCallers = [...(d.consignes.rules.vipCallers ?? []), { name: '', phone: '', note: '' }];
          })
        }
      >
        {t('consignes.addVip')}
      </button>
    </fieldset>
  );
}

function VipRow(props: { index: number; name: string; phone: string; note: string }) {
  const { t } = useTranslation();
  const update = useEditor((s) => s.update);
  const nameError = useFieldError(`consignes.rules.vipCallers.${props.index}.name`);
  const phoneError = useFieldError(`consignes.rules.vipCallers.${props.index}.phone`);
  const edit = (mutate: (vip: NonNullable<Rules['vipCallers']>[number]) => void) =>
    update((d) => mutate(d.consignes.rules!.vipCallers![props.index]!));
  return (
    <div className="row">
      <Field label={t('consignes.vipName')} error={nameError}>
        {(p) => <input {...p} value={props.name} onChange={(e) => edit((v) => void (v.name = e.target.value))} />}
      </Field>
      <Field label={t('consignes.vipPhone')} error={phoneError}>
        {(p) => (
          <input
            {...p}
            inputMode="tel"
            value={props.phone}
            onChange={(e) => edit((v) => void (v.phone = e.target.value))}
          />
        )}
      </Field>
      <Field label={t('consignes.vipNote')}>
        {(p) => <input {...p} value={props.note} onChange={(e) => edit((v) => void (v.note = e.target.value))} />}
      </Field>
      <button
        type="button"
        className="button button--danger-plain"
        aria-label={t('consignes.removeVip', { index: props.index + 1 })}
        onClick={() => update((d) => void d.consignes.rules!.vipCallers!.splice(props.index, 1))}
      >
        ✕
      </button>
    </div>
  );
}

/**
 * A one-line text that wraps instead of hiding its end: a transfer rule's « Quand » and « Précision » are
 * sentences. Enter does not break the line (the rule is one line in the consignes).
 */
function OneLineText({
  value,
  onChange,
  ...rest
}: { value: string; onChange(value: string): void } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'onChange'
>) {
  return (
    <textarea
      {...rest}
      className="one-line-text"
      rows={1}
      value={value}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
      onChange={(e) => onChange(e.target.value.replace(/\s*\n\s*/g, ' '))}
    />
  );
}
