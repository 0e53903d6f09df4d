import { onTestFailed } from 'vitest';

/**
 * Marks the steps of a long E2E test and, only if the test fails (a timeout included), prints how long each step
 * took: on a loaded machine this tells where the time went without re-running the suite with a debugger.
 */
export function stepClock(): (name: string) => void {
  const started = Date.now();
  let last = started;
  const marks: string[] = [];
  onTestFailed(() => {
    console.error(`Steps of the failed test (ms since start):\n${marks.join('\n')}`);
  });
  return (name: string) => {
    const now = Date.now();
    marks.push(`  ${String(now - started).padStart(7)}  (+${now - last})  ${name}`);
    last = now;
  };
}
