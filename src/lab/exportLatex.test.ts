import { describe, expect, it } from 'vitest';
import { datasetFromSettings, DEFAULT_DATA_SETTINGS } from '../data';
import { katexToLatex, LATEX_FULL_LIMIT, latexDocument, type LatexStepInfo } from './exportLatex';
import { binaryDataset } from './fixtures';
import { equationsOf } from './history';
import { LabSession } from './session';
import { defaultSettings, type LabSettings } from './settings';
import type { LabDataset } from './dataset';

const hostile = ['50% of $x$ & {y}_1 #2', 'C:\\path^~'];

function documentOf(dataset: LabDataset, patch: Partial<LabSettings> = {}) {
  const s = new LabSession(dataset, { ...defaultSettings(), hiddenLayers: [3], batchSize: 10, ...patch });
  s.finishBatch();
  const entry = s.entry!;
  const equations = equationsOf(s.dataset, entry);
  const info: LatexStepInfo = {
    datasetName: dataset.name, featureNames: dataset.featureNames, targetName: dataset.targetName, sizes: s.sizes,
    epoch: entry.epoch + 1, batch: entry.batchIndex + 1, batchCount: entry.batchCount, update: entry.update,
    m: entry.m, learningRate: s.settings.learningRate, optimizer: s.settings.optimizer, l2: s.settings.l2,
  };
  return { tex: latexDocument(equations, info), equations };
}

/** Braces balance once the escaped ones (\{ \}) are taken out, and never close more than opened. */
function bracesBalance(tex: string): boolean {
  let depth = 0;
  for (const ch of tex.replace(/\\[{}]/g, '')) {
    if (ch === '{') depth++;
    if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('latexDocument', () => {
  it('writes every equation in order: symbolic, shapes and the full numbers', () => {
    const { tex, equations } = documentOf(binaryDataset());
    let at = tex.indexOf('\\begin{document}');
    for (const e of equations) {
      const next = tex.indexOf(`% ${e.id}\n`, at);
      expect(next, e.id).toBeGreaterThan(at);
      at = next;
      expect(tex.indexOf(`\\fitmath{${katexToLatex(e.symbolic)}}`, at)).toBeGreaterThan(at);
      expect(tex.indexOf(`\\fitmath{${katexToLatex(e.numericFull)}}`, at)).toBeGreaterThan(at);
    }
    expect(tex).toContain('\\section*{Forward pass}');
    expect(tex).toContain('\\section*{Backward pass}');
    expect(tex.trimEnd().endsWith('\\end{document}')).toBe(true);
    expect(tex).toContain('\\setcounter{MaxMatrixCols}{12}');
  });

  it('escapes column names and the dataset name, and stays balanced', () => {
    const dataset = { ...binaryDataset(), name: 'my_data #1 {x}', featureNames: hostile, targetName: 'y$' };
    const { tex } = documentOf(dataset);
    expect(tex).toContain('\\texttt{50\\% of \\$x\\$ \\& \\{y\\}\\_1 \\#2}');
    expect(tex).toContain('\\texttt{C:\\textbackslash{}path\\textasciicircum{}\\textasciitilde{}}');
    expect(tex).toContain('\\title{Backprop Lab: one training step on my\\_data \\#1 \\{x\\}}');
    expect(tex).toContain('Target: \\texttt{y\\$}');
    expect(tex).not.toContain('$x$');
    expect(bracesBalance(tex)).toBe(true);
    const begins = tex.match(/\\begin\{(\w+)\}/g)?.length;
    expect(tex.match(/\\end\{(\w+)\}/g)?.length).toBe(begins);
  });

  it('maps KaTeX-only spellings to amsmath (the ReLU indicator)', () => {
    const { tex } = documentOf(binaryDataset(), { hiddenActivation: 'relu' });
    expect(tex).not.toContain('\\mathbb{1}');
    expect(tex).toContain('\\mathbf{1}');
  });

  it(`writes matrices larger than ${LATEX_FULL_LIMIT} columns truncated, and says so`, () => {
    const blobs = datasetFromSettings({ ...DEFAULT_DATA_SETTINGS, source: 'builtin:blobs' }, { uploaded: null, test: null }, 1);
    const { tex, equations } = documentOf(blobs, { batchSize: 150 });
    const forward = equations.find((e) => e.id === 'forward-Z-1')!;
    expect(tex).toContain(`\\fitmath{${forward.numeric}}`);
    expect(tex).not.toContain(forward.numericFull);
    expect(tex).toContain(`more than ${LATEX_FULL_LIMIT} rows or columns`);
    expect(tex).toContain(`\\setcounter{MaxMatrixCols}{${LATEX_FULL_LIMIT + 2}}`);
  });
});
