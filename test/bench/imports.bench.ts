import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { openStore } from '../../main/store/open';

type Report = (name: string, value: number, unit: string) => void;

/**
 * The main thread's time on a CPU and waiting for one (ns), from Linux's per-thread scheduler statistics: a
 * block of the event loop is either work of ours on the main thread, or the thread ready but not scheduled on
 * a busy machine. Null where the file does not exist.
 */
function mainThreadSchedule(): { onCpu: number; waiting: number } | null {
  try {
    const [onCpu, waiting] = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return { onCpu: Number(onCpu), waiting: Number(waiting) };
  } catch {
    return null;
  }
}

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 200_000);
const TYPES = ['Appel', 'Courrier', 'Saisie', 'Frappe', 'Relance', 'Classement', 'Démarches', 'Prise de RDV'];

/**
 * 200,000 lines as Excel FR saves them (Windows-1252, ';', French dates, hh:mm durations), spread over 2025 in
 * working hours, so every month, both DST changes and accented headers are in the file.
 */
function excelFrFile(lines: number): Buffer {
  const rows = ['Date;Heure;Durée;Type;Quantité;Objet;Note'];
  for (let i = 0; i < lines; i += 1) {
    const day = new Date(Date.UTC(2025, 0, 1 + (i % 365)));
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/2025`;
    const minutes = 8 * 60 + ((i * 7) % 600);
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const duration = `0:${String(5 + (i % 50)).padStart(2, '0')}`;
    rows.push(
      `${date};${time};${duration};${TYPES[i % TYPES.length]};${1 + (i % 3)};Dossier n° ${i};Rappelé à ${time}`,
    );
  }
  return Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1');
}

export async function run(report: Report, options: { seedDir?: string } = {}): Promise<void> {
  // Work on a copy of the ten-year store: the import writes 200,000 entries.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-imports-'));
  const seedFile = options.seedDir ? path.join(options.seedDir, 'permanence.sqlite3') : null;
  if (seedFile && fs.existsSync(seedFile)) {
    const source = openStore({ dataDir: options.seedDir! });
    source.prepare('VACUUM INTO ?').run(path.join(dataDir, 'permanence.sqlite3'));
    source.close();
  }
  // The imports worker as the app runs it: bundled by scripts/build-main.mjs (from the sources, tsx's loader in the
  // worker would add about 100 MB and a second). Inside the project, so the bundle finds node_modules.
  fs.mkdirSync(path.join(sourceRoot(), 'node_modules', '.cache'), { recursive: true });
  const buildDir = fs.mkdtempSync(path.join(sourceRoot(), 'node_modules', '.cache', 'permanence-bench-build-'));
  execFileSync(process.execPath, [path.join(sourceRoot(), 'scripts', 'build-main.mjs'), '--outdir', buildDir], {
    stdio: 'ignore',
  });
  const db = openStore({ dataDir });
  try {
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'bench',
      transport: 'harness',
      importsWorkerBundle: path.join(buildDir, 'imports-worker.cjs'),
    });
    if (services.firms.list().length === 0) services.workspace.initialise('demo');
    const firmId = services.firms.list()[0]!.id;
    const file = excelFrFile(LINES);

    // Extra memory: resident set above what the process held with the file already in memory.
    globalThis.gc?.();
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    // Drafts keep being saved during the import: an autosave every 250 ms (she types), counted when it is served.
    let draftId: string | undefined;
    let saved = 0;
    const autosave = setInterval(() => {
      draftId = services.messages.saveDraft({
        ...(draftId ? { id: draftId } : {}),
        firmId,
        content: { callerName: 'Mme Lefèvre', body: `Rappeler au sujet du bail (${saved})` },
      }).id;
      saved += 1;
    }, 250);
    const gaps: Array<[number, number, number, number]> = [];
    let last = performance.now();
    let lastSchedule = mainThreadSchedule();
    // The longest gap between two probes, and how much of it the main thread spent on a CPU (its own work).
    let longest = { ms: 0, onCpuMs: 0, waitingMs: 0 };
    const probe = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
      const now = performance.now();
      const schedule = mainThreadSchedule();
      const onCpuMs = schedule && lastSchedule ? (schedule.onCpu - lastSchedule.onCpu) / 1e6 : 0;
      const waitingMs = schedule && lastSchedule ? (schedule.waiting - lastSchedule.waiting) / 1e6 : 0;
      if (now - last > longest.ms) longest = { ms: now - last, onCpuMs, waitingMs };
      if (process.env.BENCH_IMPORT_TRACE && now - last > 80)
        gaps.push([Math.round(now - t0), Math.round(now - last), Math.round(onCpuMs), Math.round(waitingMs)]);
      last = now;
      lastSchedule = schedule;
    }, 10);
    const t0 = performance.now();
    delay.enable();

    const cpu = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    // The main thread's own time on a CPU (Linux), apart from the imports worker's; elsewhere its busy time
    // (event-loop utilisation), which also counts its waits for a CPU or the disk.
    let elu = performance.eventLoopUtilization();
    let mainSchedule = mainThreadSchedule();
    const mainThreadMs = () => {
      const phase = performance.eventLoopUtilization(elu);
      elu = performance.eventLoopUtilization();
      const schedule = mainThreadSchedule();
      const onCpu = schedule && mainSchedule ? (schedule.onCpu - mainSchedule.onCpu) / 1e6 : phase.active;
      mainSchedule = schedule;
      return onCpu;
    };
    let start = performance.now();
    let startCpu = cpu();
    mainThreadMs();
    const preview = await services.timesheetImport.preview(firmId, file, {}, 'heures.csv');
    const previewMs = performance.now() - start;
    const previewCpu = cpu() - startCpu;
    const previewMain = mainThreadMs();
    if (process.env.BENCH_IMPORT_TRACE) console.error('preview done at', Math.round(performance.now() - t0));
    if (preview.errorCount > 0 || preview.toImport !== LINES)
      throw new Error(`preview: ${preview.errorCount} errors, ${preview.toImport} to import`);
    const savedBefore = saved;
    start = performance.now();
    startCpu = cpu();
    const done = await services.timesheetImport.run(firmId, file, {}, 'heures.csv');
    const importMs = performance.now() - start;
    const importCpu = cpu() - startCpu;
    const importMain = mainThreadMs();
    if (process.env.BENCH_IMPORT_TRACE) console.error('import done at', Math.round(performance.now() - t0));
    if (done.imported !== LINES) throw new Error(`import wrote ${done.imported} entries`);
    const savedDuringImport = saved - savedBefore;
    start = performance.now();
    startCpu = cpu();
    const again = await services.timesheetImport.preview(firmId, file, {}, 'heures.csv');
    const againMs = performance.now() - start;
    const againCpu = cpu() - startCpu;
    if (again.duplicates !== LINES)
      throw new Error(
        `second preview: ${again.duplicates} duplicates, first lines not: ${again.preview
          .filter((p) => !p.duplicate)
          .map((p) => p.line)
          .slice(0, 5)
          .join(', ')}`,
      );

    delay.disable();
    clearInterval(probe);
    clearInterval(autosave);
    if (process.env.BENCH_IMPORT_TRACE) console.error('gaps [at, ms, on cpu, waiting]', JSON.stringify(gaps));
    report('imports.timesheets_200k.preview', Math.round(previewMs), 'ms');
    report('imports.timesheets_200k.import', Math.round(importMs), 'ms');
    // CPU time of the process (both threads) over each phase: what the wall-clock figure would be on an idle
    // machine, less I/O; then the main thread's share of it (the rest is the imports worker's).
    report('imports.timesheets_200k.preview_cpu', Math.round(previewCpu), 'ms');
    report('imports.timesheets_200k.import_cpu', Math.round(importCpu), 'ms');
    report('imports.timesheets_200k.preview_main_thread_cpu', Math.round(previewMain), 'ms');
    report('imports.timesheets_200k.import_main_thread_cpu', Math.round(importMain), 'ms');
    report('imports.timesheets_200k.preview_all_duplicates', Math.round(againMs), 'ms');
    report('imports.timesheets_200k.preview_all_duplicates_cpu', Math.round(againCpu), 'ms');
    report('imports.timesheets_200k.max_event_loop_block', Math.round(delay.max / 1e6), 'ms');
    report('imports.timesheets_200k.event_loop_delay_p99', Math.round(delay.percentile(99) / 1e6), 'ms');
    // The longest gap between two 10 ms probes, split (Linux) into the main thread's time on a CPU, which is work
    // of ours, and its time ready but waiting for a CPU, which is the machine's load.
    report('imports.timesheets_200k.longest_gap', Math.round(longest.ms), 'ms');
    report('imports.timesheets_200k.longest_gap_on_cpu', Math.round(longest.onCpuMs), 'ms');
    report('imports.timesheets_200k.longest_gap_waiting_for_cpu', Math.round(longest.waitingMs), 'ms');
    // How busy the machine was: the wall-clock figures above stretch with it, the CPU ones do not.
    report('imports.machine_load_1min', Math.round(os.loadavg()[0]! * 10) / 10, 'load');
    report('imports.timesheets_200k.extra_rss_mb', Math.round((peak - baseline) / 1024 / 1024), 'MB');
    report('imports.timesheets_200k.drafts_saved_during_import', savedDuringImport, 'count');
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invoked) {
  void run((name, value, unit) => console.log(JSON.stringify({ name, value, unit })));
}
