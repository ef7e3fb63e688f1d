/**
 * The exported Python run as a Jupyter notebook (nbformat 4): one markdown heading and one code cell
 * per phase of the script (settings, data, mini-batches, functions, parameters, step, training).
 * In a notebook the CSV, if any, is read from the working directory and the output is the printed
 * report (no --json).
 */
import { pythonCells, pythonRunOf, type CsvSource, type ParameterChange, type PythonRun, type RunSession } from './exportPython';
import type { ExportFile } from './exportSession';

/** The downloaded notebook's file name. */
export const NOTEBOOK_FILE_NAME = 'backprop_lab_run.ipynb';

/** A cell's text as nbformat stores it: a list of lines, each but the last ending in a newline. */
function sourceLines(text: string): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
}

/** The notebook (.ipynb JSON text) of a run: valid nbformat 4.4, no outputs, a Python 3 kernel. */
export function pythonNotebook(run: PythonRun): string {
  const cells = pythonCells(run, { notebook: true }).flatMap((cell) => [
    { cell_type: 'markdown', metadata: {}, source: sourceLines(`## ${cell.title}\n\n${cell.text}`) },
    { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: sourceLines(cell.code) },
  ]);
  const notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 4,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** The notebook of a session as a file to download. */
export function notebookExport(session: RunSession, extra: { changes?: ParameterChange[]; source?: CsvSource | null } = {}): ExportFile {
  return { name: NOTEBOOK_FILE_NAME, text: pythonNotebook(pythonRunOf(session, extra)), mime: 'application/x-ipynb+json' };
}
