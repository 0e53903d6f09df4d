/** Label/value pairs of a message as she reads them back or reviews them; empty values are left out. */
export function ReadbackList({ rows, label }: { rows: ReadonlyArray<readonly [string, string]>; label?: string }) {
  return (
    <dl className="cd-readback" aria-label={label}>
      {rows
        .filter(([, value]) => value)
        .map(([term, value]) => (
          <div key={term} className="cd-readback__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
