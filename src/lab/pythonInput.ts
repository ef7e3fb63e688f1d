/**
 * The fixed Python source of the exported script's input (exportPython.ts assembles it with the run's
 * own numbers): the CSV reader and the batch order, the lab's own rules (src/data, src/nn/rng) in
 * Python 3. The step's maths, the optimisers and the training loop are in pythonSource.ts.
 */

/** The reader of the training part from the original CSV: delimiter, decimal comma, missing cells, one-hot labels — the lab's own rules (src/data) in Python. */
export const CSV_READER = String.raw`MISSING = {"", "na", "n/a", "nan", "?", "null"}  # cells that mean "no value" (any case)


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

/** The lab's PRNG (mulberry32-style 32-bit arithmetic) and shuffled mini-batch order, in Python, so the script trains on the same batches in the same order. */
export const BATCHES = String.raw`M32 = 0xFFFFFFFF


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
