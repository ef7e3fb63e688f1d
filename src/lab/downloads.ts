/**
 * The downloads of a run: the model (JSON), the metrics or predictions (CSV), the equations on screen
 * (LaTeX), or the same run as a Python + NumPy script or notebook. The export modules are imported on
 * first use (they are not part of the app's initial bundle).
 */
import type { SplitName } from './export';
import type { ExportFile } from './exportSession';
import type { LabSession } from './session';

/** The kinds of download. */
export type DownloadKind = 'model' | 'metrics' | 'predictions' | 'latex' | 'python' | 'notebook';

/**
 * The file of `kind`, made from the session as it is once the export modules have arrived (`session`
 * is asked then); null when there is no session.
 */
export async function download(session: () => LabSession | null, kind: DownloadKind, split?: SplitName): Promise<ExportFile | null> {
  if (!session()) return null;
  // The script retrains the same batches: the schedule says when η, m and λ changed. The data is embedded.
  if (kind === 'python') {
    const { pythonExport } = await import('./exportPython');
    const s = session();
    return s ? pythonExport(s, { changes: s.schedule }) : null;
  }
  if (kind === 'notebook') {
    const { notebookExport } = await import('./exportNotebook');
    const s = session();
    return s ? notebookExport(s, { changes: s.schedule }) : null;
  }
  const { latexExport, metricsExport, modelExport, predictionsExport } = await import('./exportSession');
  const s = session();
  if (!s) return null;
  if (kind === 'model') return modelExport(s);
  if (kind === 'metrics') return metricsExport(s);
  if (kind === 'predictions') return predictionsExport(s, split);
  return latexExport(s);
}
