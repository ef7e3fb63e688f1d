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

const CSV_READER = String.raw`MISSING = {"", "na", "n/a", "nan", "?", "null"}  # cells that mean "no value" (any case)


def guess_delimiter(lines):
    """',', ';' or tab: the one giving the most consistent field count (≥ 2) over the first 40 lines."""
    best = (",", 0.0, 1)
    sample = [line for line in lines[:40] if line.strip()]
    for delimiter in [",", ";", "\t"]:
        counts = {}
        for row in csv.reader(sample, delimiter=delimiter):
            counts[len(row)] = counts.get(len(row), 0) + 1
        fields, frequency = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        share = frequency / len(sample)
        if fields >= 2 and (share > best[1] + 1e-9 or (abs(share - best[1]) <= 1e-9 and fields > best[2])):
            best = (delimiter, share, fields)
    return best[0]


def number(cell, decimal_comma):
    """A cell as a number (NaN when missing); with ';' or tab as delimiter, 3,5 means 3.5."""
    s = cell.strip()
    if s.lower() in MISSING:
        return float("nan")
    try:
        return float(s.replace(",", ".") if decimal_comma else s)
    except ValueError:
        return float("nan")


def label_of(cell, decimal_comma):
    """A target cell as the lab names its class: the text, or for numbers the shortest form (1.0 → "1")."""
    if not TARGET_NUMERIC:
        return cell.strip()
    x = number(cell, decimal_comma)
    return str(int(x)) if x == x and x == int(x) else repr(x)


def read_training_part(path):
    """Raw X (n0 × M) and Y (nL × M) of the training rows of the CSV at path."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    delimiter = guess_delimiter(lines)
    decimal_comma = delimiter != ","
    rows = [row for row in csv.reader(lines, delimiter=delimiter) if any(cell.strip() for cell in row)]
    header, body = [name.strip() for name in rows[0]], rows[1:]
    if body and all(len(row) == len(header) + 1 for row in body):
        header = ["(row)"] + header  # the header names one field fewer than each row has: the first is a row number
    column = {name: j for j, name in enumerate(header)}
    cells = lambda name: [body[i][column[name]] if column[name] < len(body[i]) else "" for i in TRAIN_ROWS]
    raw = []
    for name, kind, *rest in FEATURES:
        if kind == "number":
            fill = rest[0]
            raw.append([v if v == v else fill for v in (number(c, decimal_comma) for c in cells(name))])
        else:
            labels, fill = rest
            codes = [labels.index(c.strip()) if c.strip() in labels else (fill if c.strip().lower() in MISSING else -1) for c in cells(name)]
            raw.extend([[1.0 if code == k else 0.0 for code in codes] for k in range(len(labels))])
    raw_X = np.array(raw, dtype=float)
    if raw_X.shape[1] != len(TRAIN_ROWS) or list(raw_X[:, 0]) != FIRST_SAMPLE or list(raw_X[:, -1]) != LAST_SAMPLE:
        sys.exit(f"{path} is not the file the lab trained on: its first or last training sample differs.")
    ys = cells(TARGET)
    if TASK == "regression":
        mean, std = TARGET_SCALE
        Y = np.array([[(number(c, decimal_comma) - mean) / std for c in ys]])
    else:
        k = [CLASSES.index(label_of(c, decimal_comma)) for c in ys]
        Y = np.array([[1.0 if ki == 1 else 0.0 for ki in k]]) if TASK == "binary" else np.array([[1.0 if ki == c else 0.0 for ki in k] for c in range(len(CLASSES))])
    return raw_X, Y
`;

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

const BATCHES = String.raw`M32 = 0xFFFFFFFF


def imul(a, b):
    """32-bit multiplication, as JavaScript's Math.imul (kept unsigned here)."""
    return (a * b) & M32


def mulberry32(seed):
    """The lab's PRNG: uniform numbers in [0, 1), each a multiple of 2⁻³²."""
    state = seed & M32

    def random():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        x = imul(state ^ (state >> 15), state | 1)
        x ^= (x + imul(x ^ (x >> 7), x | 61)) & M32
        return ((x ^ (x >> 14)) & M32) / 4294967296

    return random


def derive_seed(seed, stream):
    """The seed of epoch stream's shuffle, mixed from the base seed."""
    h = (seed & M32) ^ imul((stream + 1) & M32, 0x9E3779B9)
    h = imul(h ^ (h >> 16), 0x85EBCA6B)
    h = imul(h ^ (h >> 13), 0xC2B2AE35)
    return (h ^ (h >> 16)) & M32


class Batcher:
    """Mini-batches of the M samples: at the start of epoch e the order 0…M−1 is shuffled by Fisher–Yates
    with mulberry32(derive_seed(SEED, e)) and cut into batches; the last partial batch is a batch of its own."""

    def __init__(self, M, seed):
        self.M, self.seed, self.epoch = M, seed, 0
        self.start_epoch()

    def start_epoch(self):
        self.order = list(range(self.M))
        random = mulberry32(derive_seed(self.seed, self.epoch))
        for i in range(self.M - 1, 0, -1):
            j = int(random() * (i + 1))
            self.order[i], self.order[j] = self.order[j], self.order[i]
        self.position, self.index = 0, 0

    def next(self, batch_size):
        """(epoch, index in the epoch, batches in the epoch, sample indices) of the next batch."""
        size = min(batch_size, self.M - self.position)
        count = self.index - (-(self.M - self.position) // batch_size)
        batch = (self.epoch, self.index, count, self.order[self.position:self.position + size])
        self.position += size
        self.index += 1
        if self.position >= self.M:
            self.epoch += 1
            self.start_epoch()
        return batch
`;

const FUNCTIONS = String.raw`def matmul(A, B, plus=None):
    """A @ B (+ plus, an n × 1 column added to every column), (n × k)·(k × m) → (n × m), summed in the lab's
    order: the result starts as plus (or 0), then the terms A[:, p]·B[p] are added four at a time
    (((t0 + t1) + t2) + t3 for p = 0…3, then 4…7, …) and the last k mod 4 one by one."""
    n, k = A.shape
    out = np.zeros((n, B.shape[1])) if plus is None else np.repeat(plus, B.shape[1], axis=1)
    p = 0
    while p + 4 <= k:
        out += A[:, [p]] * B[p] + A[:, [p + 1]] * B[p + 1] + A[:, [p + 2]] * B[p + 2] + A[:, [p + 3]] * B[p + 3]
        p += 4
    for p in range(p, k):
        out += A[:, [p]] * B[p]
    return out


def matmul_t(D, A, scale):
    """scale · D @ A.T, (n × m)·(m × k) → (n × k), summed over the m samples in the lab's order. Its kernel
    computes 2 × 4 blocks of the result with one running sum each (samples in order), and the rows and
    columns left over (the last n mod 2 rows, the last k mod 4 columns) with four sums over samples
    j ≡ 0, 1, 2, 3 (mod 4), added at the end."""
    n, m = D.shape
    k = A.shape[0]
    running = np.zeros((n, k))
    for j in range(m):
        running += np.outer(D[:, j], A[:, j])
    four = [np.zeros((n, k)) for _ in range(4)]
    for j in range(m - m % 4):
        four[j % 4] += np.outer(D[:, j], A[:, j])
    for j in range(m - m % 4, m):
        four[0] += np.outer(D[:, j], A[:, j])
    blocks = np.zeros((n, k), dtype=bool)
    blocks[: n - n % 2, : k - k % 4] = True
    return scale * np.where(blocks, running, four[0] + four[1] + four[2] + four[3])


def sum_columns(D, scale):
    """scale · Σ_columns D, (n × m) → (n × 1), the samples added in order."""
    total = np.zeros((D.shape[0], 1))
    for j in range(D.shape[1]):
        total += D[:, [j]]
    return scale * total


# e^x and tanh as the lab's JavaScript engine computes them, so that σ, tanh and softmax give the lab's
# numbers to the last bit: MATH says which the engine uses (probed when the script was exported).
#   "fdlibm": fdlibm's algorithms (V8 in Node 20), written out below with NumPy;
#   "glibc": the GNU C library's (V8 in Chromium 156), which Python's math module calls on Linux.
# np.exp and np.tanh agree with both to about one unit in the last place (~1e-14 after many batches).
def c_exp(x):
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def exp(x):
    if MATH == "fdlibm":
        return fdlibm_exp(x)
    return np.vectorize(c_exp, otypes=[float])(x) if MATH == "glibc" else np.exp(x)


def tanh(Z):
    if MATH == "fdlibm":
        return fdlibm_tanh(Z)
    return np.vectorize(math.tanh, otypes=[float])(Z) if MATH == "glibc" else np.tanh(Z)


def high_word(x):
    """The upper 32 bits of |x|'s float64 bit pattern: fdlibm picks its branch by these."""
    return (np.abs(x).view(np.uint64) >> np.uint64(32)).astype(np.int64)


LN2_HI, LN2_LO, INV_LN2 = 6.93147180369123816490e-01, 1.90821492927058770002e-10, 1.44269504088896338700e+00


def reduce_ln2(x):
    """x = k·ln2 + (hi − lo) with |hi − lo| ≤ ½ln2 (k = 0 where |x| ≤ ½ln2 already)."""
    hx, neg = high_word(x), x < 0
    k = np.trunc(INV_LN2 * x + np.where(neg, -0.5, 0.5))
    near = hx < 0x3FF0A2B2  # |x| < 1.5·ln2: k = ±1
    k = np.where(hx <= 0x3FD62E42, 0.0, np.where(near, np.where(neg, -1.0, 1.0), k))
    hi = np.where(near, np.where(neg, x + LN2_HI, x - LN2_HI), x - k * LN2_HI)
    lo = np.where(near, np.where(neg, -LN2_LO, LN2_LO), k * LN2_LO)
    return hx, k, np.where(k == 0, x, hi), np.where(k == 0, 0.0, lo)


def fdlibm_exp(x):
    """e^x: e^r by a rational approximation on the reduced argument r, times 2^k."""
    hx, k, hi, lo = reduce_ln2(np.asarray(x, dtype=float))
    r = hi - lo
    t = r * r
    c = r - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (6.61375632143793436117e-05
                 + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))))
    y = np.where(k == 0, 1.0 - ((r * c) / (c - 2.0) - r), np.ldexp(1.0 - ((lo - (r * c) / (2.0 - c)) - hi), k.astype(np.int64)))
    y = np.where(hx < 0x3E300000, 1.0 + x, np.where(x == 1.0, 2.718281828459045, y))  # V8 returns e itself for e^1
    return np.where(x > 7.09782712893383973096e+02, np.inf, np.where(x < -7.45133219101941108420e+02, 0.0, y))


def fdlibm_expm1(x):
    """e^x − 1, accurate near 0 (tanh needs it)."""
    x = np.asarray(x, dtype=float)
    hx, k, hi, lo = reduce_ln2(x)
    r = hi - lo
    c = (hi - r) - lo
    hfx = 0.5 * r
    hxs = r * hfx
    r1 = 1.0 + hxs * (-3.33333333333331316428e-02 + hxs * (1.58730158725481460165e-03 + hxs * (-7.93650757867487942473e-05
                      + hxs * (4.00821782732936239552e-06 + hxs * -2.01099218183624371326e-07))))
    t = 3.0 - r1 * hfx
    e = hxs * ((r1 - t) / (6.0 - r * t))
    e2 = (r * (e - c) - c) - hxs
    ki = k.astype(np.int64)
    two_k = np.ldexp(1.0, -np.clip(ki, 0, 1023))
    y = np.where(ki < 20, np.ldexp((1.0 - two_k) - (e2 - r), ki), np.ldexp((r - (e2 + two_k)) + 1.0, ki))
    y = np.where((ki <= -2) | (ki > 56), np.ldexp(1.0 - (e2 - r), ki) - 1.0, y)
    y = np.where(ki == 1, np.where(r < -0.25, -2.0 * (e2 - (r + 0.5)), 1.0 + 2.0 * (r - e2)), y)
    y = np.where(ki == -1, 0.5 * (r - e2) - 0.5, y)
    y = np.where(ki == 0, r - (r * e - hxs), y)
    y = np.where(hx < 0x3C900000, x, np.where((hx >= 0x4043687A) & (x < 0), -1.0, y))
    return np.where(x > 7.09782712893383973096e+02, np.inf, y)


def fdlibm_tanh(Z):
    """tanh z = 1 − 2/(e^(2|z|) + 1) for |z| ≥ 1, −t/(t + 2) with t = e^(−2|z|) − 1 below, ±1 past 22."""
    hx, az = high_word(Z), np.abs(Z)
    t = fdlibm_expm1(-2.0 * az)
    a = np.where(hx >= 0x3FF00000, 1.0 - 2.0 / (fdlibm_expm1(2.0 * az) + 2.0), -t / (t + 2.0))
    a = np.where(hx >= 0x40360000, 1.0, a)
    return np.where(hx < 0x3E300000, Z, np.where(Z < 0, -a, a))


# Activations g and what their derivatives need
def sigmoid(Z):
    return 1 / (1 + exp(-Z))


def tanh_prime(A):
    return 1 - A * A


def relu(Z):
    return np.where(Z > 0, Z, 0.0)


def relu_prime(Z):
    return np.where(Z > 0, 1.0, 0.0)


def leaky_relu(Z):
    return np.where(Z > 0, Z, 0.01 * Z)


def leaky_relu_prime(Z):
    return np.where(Z > 0, 1.0, 0.01)


def softmax(Z):
    """a_i = e^(z_i − max z) / Σ_k e^(z_k − max z), per column."""
    E = exp(Z - Z.max(axis=0))
    total = np.zeros(Z.shape[1])
    for row in E:
        total += row
    return E / total


def softmax_backward(A, dA):
    dot = np.zeros(A.shape[1])
    for k in range(A.shape[0]):
        dot += A[k] * dA[k]
    return A * (dA - dot)


# Losses: the sum of ℓᵢ over the batch (the caller divides by m), and dA[L] = ∂ℓ/∂A[L]
def softplus(Z):
    return np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z)))


def mse_total(Z, A, Y):  # ℓ = ½‖a − y‖²
    return np.sum((A - Y) ** 2) / 2


def mse_gradient(Z, A, Y):  # ∂ℓ/∂a = a − y
    return A - Y


def bce_total(Z, A, Y):  # ℓ = −[y ln a + (1 − y) ln(1 − a)] = softplus(z) − y·z, with a = σ(z)
    return np.sum(softplus(Z) - Y * Z)


def bce_gradient(Z, A, Y):  # ∂ℓ/∂a = −y/a + (1 − y)/(1 − a), with 1/a = 1 + e^(−z), 1/(1 − a) = 1 + e^z
    inv_a, inv_1_a = 1 + np.exp(np.minimum(-Z, 700)), 1 + np.exp(np.minimum(Z, 700))
    return np.where(Y == 0, 0.0, -Y * inv_a) + np.where(Y == 1, 0.0, (1 - Y) * inv_1_a)


def log_sum_exp(Z):
    top = Z.max(axis=0)
    return top + np.log(np.sum(np.exp(Z - top), axis=0))


def cce_total(Z, A, Y):  # ℓ = −Σ_k y_k ln a_k = Σ_k y_k (lse(z) − z_k)
    return np.sum(np.where(Y != 0, Y * (log_sum_exp(Z) - Z), 0.0))


def cce_gradient(Z, A, Y):  # ∂ℓ/∂a_k = −y_k/a_k, with 1/a_k = e^(lse − z_k)
    return np.where(Y == 0, 0.0, -Y * np.exp(np.minimum(log_sum_exp(Z) - Z, 700)))
`;

const OPTIMIZER_CODE: Record<PythonRun['optimizer'], string> = {
  sgd: String.raw`def update(name, grad, learning_rate, t):
    """SGD: P ← P − η·dP."""
    P[name] -= learning_rate * grad
`,
  momentum: String.raw`MOMENTUM_BETA = 0.9
V = {name: np.zeros_like(value) for name, value in P.items()}  # velocities, 0 at the start


def update(name, grad, learning_rate, t):
    """Momentum: V ← β·V + dP, P ← P − η·V."""
    V[name] = MOMENTUM_BETA * V[name] + grad
    P[name] -= learning_rate * V[name]
`,
  adam: String.raw`BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8
MOMENT = {name: np.zeros_like(value) for name, value in P.items()}  # M, 0 at the start
SECOND = {name: np.zeros_like(value) for name, value in P.items()}  # S, 0 at the start


def power(base, t):
    """base^t by repeated squaring, as the lab computes it."""
    result = 1.0
    while t > 0:
        if t % 2 == 1:
            result *= base
        base *= base
        t //= 2
    return result


def update(name, grad, learning_rate, t):
    """Adam: M ← β1·M + (1−β1)·dP, S ← β2·S + (1−β2)·dP², P ← P − η·M̂/(√Ŝ + ε), M̂ = M/(1−β1ᵗ), Ŝ = S/(1−β2ᵗ)."""
    MOMENT[name] = BETA1 * MOMENT[name] + (1 - BETA1) * grad
    SECOND[name] = BETA2 * SECOND[name] + (1 - BETA2) * grad * grad
    P[name] -= (learning_rate * (MOMENT[name] / (1 - power(BETA1, t)))) / (np.sqrt(SECOND[name] / (1 - power(BETA2, t))) + EPSILON)
`,
};

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

const TRAIN = String.raw`def in_force(done):
    """(η, m, λ) for the batch after done updates: the last change made at or before it."""
    current = CHANGES[0]
    for change in CHANGES:
        if change[0] <= done:
            current = change
    return current[1:]


def show(step):
    np.set_printoptions(precision=6, suppress=True, linewidth=150, threshold=10**6)
    for name, value in step.items():
        print(f"\n{name}   ({value.shape[0]} × {value.shape[1]})\n{value}")
    print()


batcher = Batcher(M, SEED)
batch_losses = []
for update_count in range(1, UPDATES + 1):
    learning_rate, batch_size, l2 = in_force(update_count - 1)
    epoch, index, count, indices = batcher.next(batch_size)
    loss, step = train_step(X_ALL[:, indices], Y_ALL[:, indices], learning_rate, l2, update_count)
    batch_losses.append(float(loss))
    if not JSON_ONLY:
        print(f"batch {update_count}: epoch {epoch + 1}, batch {index + 1}/{count}, m = {len(indices)}, η = {learning_rate}, λ = {l2}, L = {float(loss)!r}")
        if update_count == SHOW:
            print(f"--- every matrix of batch {SHOW}, the one on screen in the lab ---")
            show(step)

L = len(SIZES) - 1
if JSON_ONLY:
    layers = [{"layer": l, "W": P[f"W{l}"].tolist(), "b": P[f"b{l}"][:, 0].tolist()} for l in range(1, L + 1)]
    print(json.dumps({"batchLosses": batch_losses, "layers": layers}))
else:
    print(f"\nParameters after {UPDATES} batches:")
    show({f"{kind}{l}": P[f"{kind}{l}"] for l in range(1, L + 1) for kind in ("W", "b")})
`;

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
