import {
  guessMapping,
  parseDate,
  parseDuration,
  parseTime,
  validateImport,
} from '../../../shared/domain/timesheet-import';

describe('timesheet import: cells', () => {
  it.each([
    ['1:30', 5400],
    ['01:30', 5400],
    ['0:45:30', 2730],
    ['1,5', 5400],
    ['1.25', 4500],
    ['0,1', 360],
    ['2', 7200],
    ['1h30', 5400],
    ['45 min', 2700],
  ])('reads the duration %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'abc', '1:75', '-1', '1,2,3'])('refuses the duration «%s»', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads French and ISO dates and refuses impossible ones', () => {
    expect(parseDate('03/11/2026')).toBe('2026-11-03');
    expect(parseDate('3/11/26')).toBe('2026-11-03');
    expect(parseDate('2026-11-03')).toBe('2026-11-03');
    expect(parseDate('2026-11-03T09:15:00+01:00')).toBe('2026-11-03');
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDate('novembre')).toBeNull();
    expect(parseTime('9h05')).toBe('09:05:00');
    expect(parseTime('2026-11-03 14:30:15')).toBe('14:30:15');
    expect(parseTime('25:00')).toBeNull();
  });

  it('recognises the columns of Toggl, Kimai and Clockify exports and of a French spreadsheet', () => {
    expect(
      guessMapping([
        'User',
        'Email',
        'Client',
        'Project',
        'Task',
        'Description',
        'Billable',
        'Start date',
        'Start time',
        'End date',
        'End time',
        'Duration',
        'Tags',
      ]),
    ).toMatchObject({ date: 7, time: 8, endTime: 10, duration: 11, label: 5, billable: 6 });
    expect(
      guessMapping([
        'Date',
        'From',
        'To',
        'Duration',
        'Rate',
        'User',
        'Customer',
        'Project',
        'Activity',
        'Description',
      ]),
    ).toMatchObject({ date: 0, time: 1, endTime: 2, duration: 3, taskType: 8, label: 9 });
    expect(
      guessMapping([
        'Project',
        'Client',
        'Description',
        'Task',
        'User',
        'Billable',
        'Start Date',
        'Start Time',
        'End Date',
        'End Time',
        'Duration (h)',
        'Duration (decimal)',
      ]),
    ).toMatchObject({ date: 6, time: 7, duration: 10, taskType: 3 });
    expect(guessMapping(['Date', 'Heure', 'Durée', 'Type', 'Pages', 'Objet', 'Urgent', 'Note'])).toEqual({
      date: 0,
      time: 1,
      duration: 2,
      taskType: 3,
      quantity: 4,
      label: 5,
      urgent: 6,
      note: 7,
    });
  });
});

describe('timesheet import: a file', () => {
  it('turns valid rows into entries in the firm’s zone', () => {
    const result = validateImport(
      [
        ['Date', 'Heure', 'Durée', 'Type', 'Pages', 'Objet'],
        ['03/11/2026', '14:00', '1,5', 'frappe', '6', 'Conclusions'],
        ['2026-11-04', '09:30', '0:20', 'Courrier', '', ''],
      ],
      'Europe/Paris',
    );
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([
      {
        line: 2,
        taskType: 'typing-page',
        startedAt: Date.UTC(2026, 10, 3, 13),
        durationSeconds: 5400,
        quantity: 6,
        billable: true,
        urgent: false,
        label: 'Conclusions',
        note: '',
      },
      {
        line: 3,
        taskType: 'mail',
        startedAt: Date.UTC(2026, 10, 4, 8, 30),
        durationSeconds: 1200,
        quantity: 1,
        billable: true,
        urgent: false,
        label: '',
        note: '',
      },
    ]);
  });

  it('computes the duration from start and end times when there is no duration column (Kimai)', () => {
    const result = validateImport(
      [
        ['Date', 'From', 'To'],
        ['2026-11-05', '09:10', '10:25'],
      ],
      'Europe/Paris',
    );
    expect(result.entries[0]).toMatchObject({ durationSeconds: 4500, taskType: 'other' });
  });

  it('reports every bad line with its line number, column and reason', () => {
    const result = validateImport(
      [
        ['Date', 'Durée', 'Type', 'Facturable'],
        ['31/13/2026', '1:00', 'courrier', 'oui'],
        ['01/11/2026', 'une heure', 'courrier', 'oui'],
        ['01/11/2026', '1:00', 'jardinage', 'peut-être'],
        ['02/11/2026', '0:30', '', 'non'],
      ],
      'Europe/Paris',
    );
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'Date'],
      [3, 'Durée'],
      [4, 'Type'],
      [4, 'Facturable'],
    ]);
    expect(result.errors[1]!.message).toMatch(/une heure/);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ billable: false, taskType: 'other' });
  });

  it('refuses a file without a date or duration column', () => {
    expect(
      validateImport(
        [
          ['Nom', 'Prénom'],
          ['a', 'b'],
        ],
        'Europe/Paris',
      ).errors[0]!.message,
    ).toMatch(/date/);
  });
});
