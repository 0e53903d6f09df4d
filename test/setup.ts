import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';

// findBy*/waitFor wait for data, not for time: a screen that answers through the real handlers (a worker thread
// for imports, SQLite, pdfkit) can take seconds on a loaded 2-core CI machine. The bound only decides how long a
// test that will fail keeps waiting before it says so.
configure({ asyncUtilTimeout: 15_000 });
