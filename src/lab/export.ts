/**
 * What the lab can export, as pure text builders (the UI turns the text into a download):
 * the trained model as JSON, the metrics history and the predictions as CSV, and the equations of the
 * step on screen as a LaTeX document. See each module for the format.
 */
export { MODEL_FORMAT, MODEL_VERSION, matrixRows, modelFile, modelJson, readModelJson, type ModelFile, type ModelLayer } from './exportModel';
export { FORMULA_START, defaultSplit, metricsCsv, predictionsCsv, toCsv, type SplitName } from './exportCsv';
export { LATEX_FULL_LIMIT, katexToLatex, latexDocument, type LatexStepInfo } from './exportLatex';

/**
 * A file name from user text: `backprop-lab-<stem>-<what>.<ext>` where the stem keeps letters, digits,
 * dots and dashes of the dataset name (at most 40), so no name can reach another folder or a device.
 */
export function exportFileName(datasetName: string, what: string, ext: string): string {
  const stem = datasetName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 40)
    .replace(/[-.]+$/g, '');
  return `backprop-lab-${stem || 'data'}-${what}.${ext}`;
}
