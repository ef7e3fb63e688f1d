/**
 * The equations of one training step as a standalone LaTeX document: for each equation, in order, its
 * symbolic form, its shapes and its numbers with this batch's full matrices. The trace's sources are
 * KaTeX; the few KaTeX-only spellings are mapped to amsmath (\mathbb{1} → \mathbf{1}), and every piece
 * of user text that is not already inside the trace's escaped \text{…} goes through escapeText.
 * Wide equations are scaled down to the line width. Compiles with pdflatex (lualatex for column names
 * outside Latin scripts).
 */
import { escapeText } from '../trace';
import type { Equation, EquationPhase } from '../trace';

/** Matrices with more rows or columns than this are written truncated (TeX's dimensions and memory are finite). */
export const LATEX_FULL_LIMIT = 100;

/** What the document's title and heading say about the step. */
export interface LatexStepInfo {
  datasetName: string;
  featureNames: readonly string[];
  targetName: string;
  /** sizes = [n0, …, nL] */
  sizes: readonly number[];
  /** 1-based epoch, batch within the epoch and batches per epoch, update t. */
  epoch: number;
  batch: number;
  batchCount: number;
  update: number;
  /** Batch size m, η, optimiser and λ of the step. */
  m: number;
  learningRate: number;
  optimizer: string;
  l2: number;
}

const PHASE_TITLES: Record<EquationPhase, string> = {
  normalize: 'Normalisation',
  forward: 'Forward pass',
  loss: 'Loss',
  backward: 'Backward pass',
  update: 'Update',
};

/** A KaTeX source as amsmath LaTeX. */
export function katexToLatex(src: string): string {
  return src.replace(/\\mathbb\{1\}/g, '\\mathbf{1}');
}

/** True when every operand of the equation is small enough to be written in full. */
function fitsInFull(equation: Equation): boolean {
  return equation.operands.every(({ matrix }) => matrix.rows <= LATEX_FULL_LIMIT && matrix.cols <= LATEX_FULL_LIMIT);
}

/**
 * The document. `equations` are the step's equations in order (the trace's buildTrace output).
 * amsmath's bmatrix holds MaxMatrixCols columns (10 by default): it is raised to the widest operand.
 */
export function latexDocument(equations: readonly Equation[], info: LatexStepInfo): string {
  const widest = Math.max(10, ...equations.flatMap((e) => e.operands.map(({ matrix }) => Math.max(matrix.rows, matrix.cols) + 2)));
  const text = (s: string) => escapeText(s);
  const list = (names: readonly string[]) => names.map((n) => `\\texttt{${text(n)}}`).join(', ');
  const lines: string[] = [
    '% Backprop Lab: the equations of one training step, with this batch\'s numbers.',
    '% Compile with pdflatex (or lualatex when column names use scripts beyond Latin).',
    '\\documentclass[10pt]{article}',
    '\\usepackage[T1]{fontenc}',
    '\\usepackage[utf8]{inputenc}',
    '\\usepackage[a4paper,landscape,margin=1.5cm]{geometry}',
    '\\usepackage{amsmath,amssymb}',
    '\\usepackage{graphicx}',
    `\\setcounter{MaxMatrixCols}{${Math.min(widest, LATEX_FULL_LIMIT + 2)}}`,
    '\\setlength{\\parindent}{0pt}',
    '% \\fitmath{…}: display-style maths, scaled down to the line width when wider.',
    '\\newsavebox{\\eqbox}',
    '\\newcommand{\\fitmath}[1]{\\savebox{\\eqbox}{$\\displaystyle #1$}%',
    '  \\ifdim\\wd\\eqbox>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox{\\eqbox}}\\else\\usebox{\\eqbox}\\fi}',
    `\\title{Backprop Lab: one training step on ${text(info.datasetName)}}`,
    '\\author{}',
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
    `Epoch ${info.epoch}, batch ${info.batch} of ${info.batchCount}, update $t = ${info.update}$; `
      + `batch size $m = ${info.m}$; network ${info.sizes.join('--')}; `
      + `${text(info.optimizer)} with $\\eta = ${info.learningRate}$` + (info.l2 > 0 ? `, $\\lambda = ${info.l2}$` : '') + '.',
    '',
    `Features (rows of $X$): ${list(info.featureNames)}. Target: \\texttt{${text(info.targetName)}}.`,
  ];
  let phase: EquationPhase | null = null;
  for (const equation of equations) {
    if (equation.phase !== phase) {
      phase = equation.phase;
      lines.push('', `\\section*{${PHASE_TITLES[phase]}}`);
    }
    const full = fitsInFull(equation);
    lines.push(
      '',
      `% ${equation.id}`,
      `\\fitmath{${katexToLatex(equation.symbolic)}}\\\\[2pt]`,
      `{\\small Shapes: \\fitmath{${katexToLatex(equation.shapes)}}}\\\\[2pt]`,
      `\\fitmath{${katexToLatex(full ? equation.numericFull : equation.numeric)}}%`,
    );
    if (!full) lines.push(`\\\\{\\small (A matrix has more than ${LATEX_FULL_LIMIT} rows or columns: shown truncated.)}`);
    lines.push('\\medskip');
  }
  lines.push('', '\\end{document}', '');
  return lines.join('\n');
}
