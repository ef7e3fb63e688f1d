/**
 * The fixed Python source of the exported script (exportPython.ts assembles it with the run's own
 * numbers): the step's maths, the optimisers and the training loop (the CSV reader and the batch order
 * are in pythonInput.ts). Each block is Python 3 + NumPy text, kept apart from the TypeScript that
 * fills in the numbers.
 */
import type { PythonRun } from './replay';

/** The maths of one step in Python: products and column sums in the lab's order of addition, activations, their derivatives, losses and their gradients. */
export const FUNCTIONS = String.raw`def matmul(A, B, plus=None):
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

/** The update rule of each optimiser in Python (SGD, momentum β = 0.9, Adam β1 = 0.9, β2 = 0.999, ε = 1e-8), as the lab applies it. */
export const OPTIMIZER_CODE: Record<PythonRun['optimizer'], string> = {
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

/** The training loop in Python: the (η, m, λ) in force at each update, the steps, and the printed results. */
export const TRAIN = String.raw`def in_force(done):
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
