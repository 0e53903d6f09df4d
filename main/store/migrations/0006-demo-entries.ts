/**
 * Demo and simulated calls are marked end to end, so their work is listed (« démo ») but never billed, counted
 * in the KPIs or exported. The call log already had the mark; time entries get it, and existing rows are marked
 * from their call: outgoing calls dialled on the demo line were logged without the mark, but their session id
 * says so (`demo-…`); a message-derived task is demo when the message was taken on a demo call.
 */
export default /* sql */ `
ALTER TABLE time_entries ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;

UPDATE calls SET demo = 1 WHERE demo = 0 AND sip_call_id LIKE 'demo-%';

UPDATE time_entries SET demo = 1
WHERE call_id IN (SELECT id FROM calls WHERE demo = 1);

UPDATE time_entries SET demo = 1
WHERE id IN (
  SELECT link.entry_id FROM message_time_entries link
  JOIN messages m ON m.id = link.message_id
  JOIN calls c ON c.id = m.call_id
  WHERE c.demo = 1
);
`;
