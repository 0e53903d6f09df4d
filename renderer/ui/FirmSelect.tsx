import type { SelectHTMLAttributes } from 'react';

export interface FirmOption {
  id: string;
  name: string;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'>;

/** A firm picker: the firms by name, after an « all firms » choice (value '') when `allLabel` is given. */
export function FirmSelect({
  firms,
  value,
  onChange,
  allLabel,
  ...select
}: SelectProps & {
  firms: readonly FirmOption[];
  value: string;
  onChange(firmId: string): void;
  allLabel?: string;
}) {
  return (
    <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
      {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
      {firms.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
    </select>
  );
}
