import { openStore, type Db } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

function describeSchema(db: Db) {
  const objects = db
    .prepare<[], { type: string; name: string }>(
      "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' ORDER BY type, name",
    )
    .all();
  return objects.map(({ type, name }) =>
    type === 'table'
      ? {
          type,
          name,
          columns: db
            .prepare<[], { name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info("${name}")`)
            .all()
            .map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ` PK${c.pk}` : ''}`),
        }
      : { type, name },
  );
}

describe('schema snapshot', () => {
  it('matches the committed schema, so a dropped or retyped column is a deliberate change', async () => {
    const db = openStore({ dataDir: tempDir() });
    await expect(`${JSON.stringify(describeSchema(db), null, 2)}\n`).toMatchFileSnapshot('./schema.snapshot.json');
    db.close();
  });
});
