/**
 * The lab's run as a standalone Python 3 + NumPy script (or notebook cells): the same data,
 * normalisation, initial weights, batch order (the lab's PRNG re-implemented), activations, loss,
 * optimiser and L2, trained for as many batches as the lab has. The step is written with the lab's
 * symbols, one column per sample: Z1 = W1 @ A0 + b1, dZ2 = dA2 * g_prime(Z2), a comment per equation.
 *
 * Products and column sums are written out in the order the lab's kernels add their terms (see the
 * helpers' docstrings), so that the script's numbers are the lab's to the last bit wherever no
 * transcendental function (exp, tanh, log) enters; NumPy's own `@` (BLAS) adds in another order.
 */
import type { ActivationName } from '../nn';
import type { ExportFile } from './exportSession';
import { BATCHES, CSV_READER } from './pythonInput';
import { FUNCTIONS, OPTIMIZER_CODE, TRAIN } from './pythonSource';
import { pythonRunOf, type CsvData, type CsvSource, type EmbeddedData, type ParameterChange, type PythonRun, type RunSession } from './replay';

export { changesFromHistory, engineMath, pythonRunFromPieces, pythonRunOf, type ParameterChange, type RunSession, type PythonRun, type RunPieces, type CsvSource, type EngineMath } from './replay';

/** The downloaded script's file name. */
export const PYTHON_FILE_NAME = 'backprop_lab_run.py';

/** One phase of the script: a heading (a notebook's markdown cell) and its code. */
export interface PythonCell { title: string; text: string; code: string }

/** A Python float literal that reads back as exactly x (JavaScript's shortest round-trip digits). */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

const pyList = (xs: readonly number[]): string => `[${xs.map(pyFloat).join(', ')}]`;
const pyStr = (s: string): string => JSON.stringify(s);
const pyRows = (rows: readonly (readonly number[])[], indent: string): string =>
  `[\n${rows.map((r) => `${indent}    ${pyList(r)},`).join('\n')}\n${indent}]`;

/** [start, stop) runs of consecutive integers: 0,1,2,5,6 → [[0, 3], [5, 7]]. */
function runsOf(values: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last[1] === v) last[1] = v + 1;
    else out.push([v, v + 1]);
  }
  return out;
}

const FORWARD: Record<ActivationName, { call: (z: string) => string; text: string }> = {
  sigmoid: { call: (z) => `sigmoid(${z})`, text: 'σ' },
  tanh: { call: (z) => `tanh(${z})`, text: 'tanh' },
  relu: { call: (z) => `relu(${z})`, text: 'relu' },
  leakyRelu: { call: (z) => `leaky_relu(${z})`, text: 'leaky relu' },
  linear: { call: (z) => `${z}.copy()`, text: 'the identity' },
  softmax: { call: (z) => `softmax(${z})`, text: 'softmax, per column' },
};

/** dZ = dA ⊙ g′(Z), in the order the lab multiplies (σ: (dA·a)·(1 − a)). */
function backwardLine(g: ActivationName, l: number): string {
  const dZ = `dZ${l}`, dA = `dA${l}`, Z = `Z${l}`, A = `A${l}`;
  switch (g) {
    case 'sigmoid': return `    # ${dZ} = ${dA} * g_prime(${Z}), σ′(Z) = A ⊙ (1 − A)\n    ${dZ} = ${dA} * ${A} * (1 - ${A})`;
    case 'tanh': return `    # ${dZ} = ${dA} * g_prime(${Z}), tanh′(Z) = 1 − A²\n    ${dZ} = ${dA} * tanh_prime(${A})`;
    case 'relu': return `    # ${dZ} = ${dA} * g_prime(${Z}), relu′(z) = 1 if z > 0 else 0\n    ${dZ} = ${dA} * relu_prime(${Z})`;
    case 'leakyRelu': return `    # ${dZ} = ${dA} * g_prime(${Z}), leaky relu′(z) = 1 if z > 0 else 0.01\n    ${dZ} = ${dA} * leaky_relu_prime(${Z})`;
    case 'linear': return `    # ${dZ} = ${dA} * g_prime(${Z}), g′ = 1\n    ${dZ} = ${dA}.copy()`;
    case 'softmax': return `    # ${dZ} = Jᵀ·${dA} per column: dz_i = a_i·(da_i − Σ_k a_k·da_k)\n    ${dZ} = softmax_backward(${A}, ${dA})`;
  }
}

function headerCell(run: PythonRun, notebook: boolean): PythonCell {
  const arch = `${run.sizes.join('-')} network (${run.hidden} hidden layers, ${run.output} output, ${run.loss} loss, ${run.optimizer})`;
  const source = run.data.kind === 'csv'
    ? `It reads ${run.data.fileName} from beside this ${notebook ? 'notebook' : 'script (or the CSV given as the first argument)'}.`
    : 'The training data is embedded below.';
  const usage = notebook ? '' : `\nRun:  python3 ${PYTHON_FILE_NAME}${run.data.kind === 'csv' ? ' [file.csv]' : ''} [--json]\n`;
  const doc = [
    `Backprop Lab run: ${run.datasetName.replace(/"""|\\/g, ' ')}, a ${arch},`,
    `trained for ${run.updates} mini-batches exactly as in the lab. Needs Python 3 and NumPy only. ${source}`,
    usage,
    'It prints the loss of every batch and every matrix of the batch that was on screen in the lab.',
    'With --json it prints only {"batchLosses": [...], "layers": [{"layer": 1, "W": [[...], ...], "b": [...]}, ...]}.',
    '',
    'One column per sample, as on screen: a batch X is n0 × m, Z[l] = W[l] @ A[l-1] + b[l], A[0] = X.',
  ].join('\n');
  const argv = notebook ? 'JSON_ONLY = False\nARGS = []' : 'JSON_ONLY = "--json" in sys.argv[1:]\nARGS = [a for a in sys.argv[1:] if not a.startswith("--")]';
  const code = `${notebook ? '' : '#!/usr/bin/env python3\n'}"""${doc}\n"""\nimport csv\nimport json\nimport math\nimport os\nimport sys\n\nimport numpy as np\n\n` +
    `# σ(z) = 1/(1 + e^(−z)) takes e^(−z) = inf for z ≪ 0 and gives 0 exactly, as in the lab; exp and expm1
# below compute every branch and keep one, so overflow in the others is expected: no warnings.\nnp.seterr(over="ignore", invalid="ignore")\n${argv}\n\n` +
    `SIZES = ${JSON.stringify(run.sizes)}  # n0, n1, …, nL\nHIDDEN, OUTPUT, LOSS, OPTIMIZER = ${pyStr(run.hidden)}, ${pyStr(run.output)}, ${pyStr(run.loss)}, ${pyStr(run.optimizer)}\n` +
    `MATH = ${pyStr(run.math)}  # whose e^x and tanh the lab's JavaScript engine uses (see exp below)\n` +
    `SEED = ${run.seed}  # the seed of the batch order\nUPDATES = ${run.updates}  # batches the lab has trained\nSHOW = ${run.shownUpdate}  # the batch on screen in the lab: its matrices are printed\n` +
    `# η, m and λ as they were set in the lab: (after this many updates, learning rate η, batch size m, L2 λ)\n` +
    `CHANGES = [\n${run.changes.map((c) => `    (${c.update}, ${pyFloat(c.learningRate)}, ${c.batchSize}, ${pyFloat(c.l2)}),`).join('\n')}\n]\n`;
  return { title: 'Settings', text: 'The run, as the lab had it: architecture, optimiser, seed, and every change of η, m and λ.', code };
}

function embeddedCode(data: EmbeddedData, run: PythonRun): string {
  return `# The training part as the lab has it: raw X (n0 × M, one column per sample; rows ${run.featureNames.map(pyStr).join(', ')})\n` +
    `RAW_X = np.array(${pyRows(data.rawX, '')})\n# Y (nL × M): ${run.task === 'regression' ? 'the standardised target' : run.task === 'binary' ? `1 for class ${pyStr(run.classes[1] ?? '')}` : `one-hot over the classes ${run.classes.map(pyStr).join(', ')}`}\n` +
    `Y_ALL = np.array(${pyRows(data.Y, '')})\n`;
}

function csvCode(data: CsvData, notebook: boolean): string {
  const features = data.features.map((p) => (p.type === 'number'
    ? `    (${pyStr(p.column)}, "number", ${pyFloat(p.fill)}),`
    : `    (${pyStr(p.column)}, "onehot", [${p.categories.map(pyStr).join(', ')}], ${p.fill}),`)).join('\n');
  const { target } = data;
  const here = notebook ? 'FILE_NAME' : 'os.path.join(os.path.dirname(os.path.abspath(__file__)), FILE_NAME)';
  return `FILE_NAME = ${pyStr(data.fileName)}\n` +
    `# The file's data rows (0-based, header not counted) that the lab trains on, as [start, stop) runs\n` +
    `TRAIN_ROWS = [i for start, stop in ${JSON.stringify(runsOf(data.rows))} for i in range(start, stop)]\n` +
    `# Each feature column → rows of raw X: a number (a missing cell takes the fill value), or one-hot labels (a missing cell takes label number fill)\nFEATURES = [\n${features}\n]\n` +
    `TARGET, TASK, CLASSES, TARGET_NUMERIC = ${pyStr(target.column)}, ${pyStr(target.task)}, [${target.classes.map(pyStr).join(', ')}], ${target.numeric ? 'True' : 'False'}\n` +
    `TARGET_SCALE = ${target.scale ? `(${pyFloat(target.scale.mean)}, ${pyFloat(target.scale.std)})  # regression: Y = (y − μ)/σ` : 'None'}\n` +
    `# Raw X of the first and last training sample in the lab, to tell another file from this one\nFIRST_SAMPLE = ${pyList(data.firstSample)}\nLAST_SAMPLE = ${pyList(data.lastSample)}\n\n` +
    CSV_READER + `\npath = ARGS[0] if ARGS else ${here}\nRAW_X, Y_ALL = read_training_part(path)\n`;
}

function dataCell(run: PythonRun, notebook: boolean): PythonCell {
  const { kind, stats } = run.normalization;
  const rows = stats.map((s) => `    (${pyStr(s.name)}, ${pyFloat(s.mean)}, ${pyFloat(s.std)}, ${pyFloat(s.min)}, ${pyFloat(s.max)}),`).join('\n');
  const formula = kind === 'zscore' ? "x' = (x − μ)/σ (σ = 0: divide by 1)" : kind === 'minmax' ? "x' = (x − min)/(max − min) (max = min: divide by 1)" : "x' = x";
  const code = (run.data.kind === 'csv' ? csvCode(run.data, notebook) : embeddedCode(run.data, run)) +
    `\n# Normalisation ${kind}, fitted by the lab on the training rows: ${formula}\nNORMALIZATION = ${pyStr(kind)}\n` +
    `STATS = [  # (feature, μ, σ, min, max)\n${rows}\n]\n\n` + String.raw`
def normalise(raw_X):
    X = raw_X.copy()
    for f, (_, mean, std, low, high) in enumerate(STATS):
        shift, scale = {"zscore": (mean, std if std > 0 else 1.0), "minmax": (low, high - low if high > low else 1.0)}.get(NORMALIZATION, (0.0, 1.0))
        X[f] = (raw_X[f] - shift) / scale
    return X

X_ALL = normalise(RAW_X)  # (n0 × M)
M = X_ALL.shape[1]
`;
  return { title: 'Data', text: 'The training part with the lab’s feature choice, missing values, encoding and normalisation.', code };
}

function parametersCell(run: PythonRun): PythonCell {
  const layers = run.initial.map((p, i) => `    "W${i + 1}": np.array(${pyRows(p.W, '    ')}),\n    "b${i + 1}": np.array(${pyList(p.b)}).reshape(-1, 1),`).join('\n');
  const code = `# W[l] (n[l] × n[l-1]) and b[l] (n[l] × 1) before any training, exactly as the lab drew them\nP = {\n${layers}\n}\n\n${OPTIMIZER_CODE[run.optimizer]}`;
  return { title: 'Parameters and optimiser', text: `The initial weights (embedded) and the ${run.optimizer} update rule.`, code };
}

function stepCell(run: PythonRun): PythonCell {
  const L = run.sizes.length - 1;
  const n = run.sizes;
  const g = (l: number): ActivationName => (l === L ? run.output : run.hidden);
  const lines: string[] = [
    'def train_step(A0, Y, learning_rate, l2, t):',
    '    """One step of mini-batch gradient descent on A0 = X (n0 × m), Y (nL × m): forward, loss, backward, update.',
    '    Every gradient comes from the parameters before the step. Returns the loss and every matrix of the step."""',
    '    m = A0.shape[1]',
    `    ${Array.from({ length: L }, (_, i) => `W${i + 1}, b${i + 1}`).join(', ')} = ${Array.from({ length: L }, (_, i) => `P["W${i + 1}"], P["b${i + 1}"]`).join(', ')}`,
    '    step = {"A0": A0, "Y": Y}',
    '',
    '    # Forward pass',
  ];
  for (let l = 1; l <= L; l++) {
    lines.push(
      `    # Z${l} = W${l} @ A${l - 1} + b${l}   (${n[l]} × m), b${l} added to every column`,
      `    Z${l} = matmul(W${l}, A${l - 1}, plus=b${l})`,
      `    # A${l} = g(Z${l}), g = ${FORWARD[g(l)].text}   (${n[l]} × m)`,
      `    A${l} = ${FORWARD[g(l)].call(`Z${l}`)}`,
    );
  }
  const squares = Array.from({ length: L }, (_, i) => `np.sum(W${i + 1} * W${i + 1})`).join(' + ');
  lines.push(
    '',
    '    # L = (1/m)·Σᵢ ℓᵢ + λ/(2m)·Σ_l ‖W[l]‖²   (biases are not decayed)',
    `    loss = ${run.loss}_total(Z${L}, A${L}, Y) / m + ((l2 / (2 * m)) * (${squares}) if l2 != 0 else 0.0)`,
    '',
    '    # Backward pass: per-sample errors; the 1/m average happens in dW and db',
    `    # dA${L} = ∂ℓ/∂A${L}   (${n[L]} × m)`,
    `    dA${L} = ${run.loss}_gradient(Z${L}, A${L}, Y)`,
  );
  const simplified = (run.output === 'sigmoid' && run.loss === 'bce') || (run.output === 'softmax' && run.loss === 'cce');
  if (simplified) lines.push(`    # dZ${L} = A${L} − Y   (${n[L]} × m): with ${run.output} and ${run.loss}, g′ cancels the loss derivative's denominator`, `    dZ${L} = A${L} - Y`);
  else lines.push(backwardLine(run.output, L));
  for (let l = L; l >= 1; l--) {
    lines.push(
      `    # dW${l} = (1/m)·dZ${l} @ A${l - 1}.T + (λ/m)·W${l}   (${n[l]} × ${n[l - 1]})`,
      `    dW${l} = matmul_t(dZ${l}, A${l - 1}, scale=1 / m)`,
      `    if l2 != 0:`,
      `        dW${l} += (l2 / m) * W${l}`,
      `    # db${l} = (1/m)·Σ_columns dZ${l}   (${n[l]} × 1)`,
      `    db${l} = sum_columns(dZ${l}, scale=1 / m)`,
    );
    if (l > 1) {
      lines.push(`    # dA${l - 1} = W${l}.T @ dZ${l}   (${n[l - 1]} × m)`, `    dA${l - 1} = matmul(W${l}.T, dZ${l})`, backwardLine(g(l - 1), l - 1));
    }
  }
  const names: string[] = [];
  for (let l = 1; l <= L; l++) names.push(`Z${l}=Z${l}`, `A${l}=A${l}`);
  for (let l = L; l >= 1; l--) names.push(`dA${l}=dA${l}`, `dZ${l}=dZ${l}`, `dW${l}=dW${l}`, `db${l}=db${l}`);
  lines.push(
    '',
    '    for l in range(1, ' + (L + 1) + '):',
    '        step[f"W{l} before"], step[f"b{l} before"] = P[f"W{l}"].copy(), P[f"b{l}"].copy()',
    `    step.update(${names.join(', ')})`,
    '    # Update, every layer: W ← W − η·dW, b ← b − η·db (or the momentum / Adam rule above)',
  );
  for (let l = 1; l <= L; l++) lines.push(`    update("W${l}", dW${l}, learning_rate, t)`, `    update("b${l}", db${l}, learning_rate, t)`);
  lines.push('    for l in range(1, ' + (L + 1) + '):', '        step[f"W{l} after"], step[f"b{l} after"] = P[f"W{l}"], P[f"b{l}"]', '    return loss, step', '');
  return { title: 'One training step', text: 'Forward pass, loss, backward pass and update, equation by equation, with the lab’s symbols.', code: lines.join('\n') };
}

/** The phases of the script, in order: settings, data, batches, functions, parameters, step, training. */
export function pythonCells(run: PythonRun, options: { notebook?: boolean } = {}): PythonCell[] {
  const notebook = options.notebook ?? false;
  return [
    headerCell(run, notebook),
    dataCell(run, notebook),
    { title: 'Mini-batches', text: 'The lab’s PRNG and batcher, re-implemented: the same batch order from the seed.', code: BATCHES },
    { title: 'Matrix products, activations and losses', text: 'Written in the order the lab adds its terms, so the numbers match.', code: FUNCTIONS },
    parametersCell(run),
    stepCell(run),
    { title: 'Training', text: `${run.updates} batches as in the lab; the loss of each, and every matrix of batch ${run.shownUpdate}.`, code: TRAIN },
  ];
}

/** The standalone script (Python 3 + NumPy) of a run. */
export function pythonScript(run: PythonRun): string {
  return pythonCells(run)
    .map((cell, i) => `${i === 0 ? '' : `# === ${cell.title} ${'='.repeat(Math.max(3, 90 - cell.title.length))}\n`}${cell.code.trimEnd()}\n`)
    .join('\n\n');
}

/** The script of a session as a file to download (see pythonRunOf for where η, m and λ come from). */
export function pythonExport(session: RunSession, extra: { changes?: ParameterChange[]; source?: CsvSource | null } = {}): ExportFile {
  return { name: PYTHON_FILE_NAME, text: pythonScript(pythonRunOf(session, extra)), mime: 'text/x-python' };
}
