/** What one training step did, as equations: symbols, LaTeX, shapes and numeric snapshots. */
export { buildTrace, batchSizeOf } from './buildTrace';
export { formatNumber, formatPlain, escapeText, texText, MAX_TEXT_LENGTH } from './format';
export { matrixTex, matrixLatex, matrixCsv, shapeTex, shapeOf, visibleIndices } from './matrixTex';
export type { MatrixTexOptions } from './matrixTex';
export { sym } from './symbols';
export type { Equation, EquationPhase, Operand, Touch, TraceContext, Normalization } from './types';
export { plainText } from './plainText';
