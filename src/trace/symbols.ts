import { LEAKY_SLOPE } from '../nn';
import type { ActivationName } from '../nn';

/** `name^{[l]}`, a quantity of layer l as on screen (e.g. `W^{[2]}`, `dZ^{[1]}`). */
export function sym(name: string, l: number): string {
  return `${name}^{[${l}]}`;
}

/** `name^{[l]\top}`, the transpose of a layer quantity (one superscript, so KaTeX accepts it). */
export function symT(name: string, l: number): string {
  return `${name}^{[${l}]\\top}`;
}

/** g applied to the KaTeX argument `arg`, e.g. σ(Z^{[1]}), ReLU(Z^{[2]}); linear is the identity. */
export function applyActivation(g: ActivationName, arg: string): string {
  switch (g) {
    case 'sigmoid': return `\\sigma\\!\\left(${arg}\\right)`;
    case 'tanh': return `\\tanh\\!\\left(${arg}\\right)`;
    case 'relu': return `\\operatorname{ReLU}\\!\\left(${arg}\\right)`;
    case 'leakyRelu': return `\\operatorname{LeakyReLU}\\!\\left(${arg}\\right)`;
    case 'linear': return arg;
    case 'softmax': return `\\operatorname{softmax}\\!\\left(${arg}\\right)`;
  }
}

/** How g acts, in words (the note under the shapes line of A[l] = g(Z[l])). */
export function activationNote(g: ActivationName): string {
  switch (g) {
    case 'sigmoid': return 'σ(z) = 1/(1 + e^−z) is applied to every entry; the shape does not change.';
    case 'tanh': return 'tanh is applied to every entry; the shape does not change.';
    case 'relu': return 'ReLU(z) = max(0, z) is applied to every entry; the shape does not change.';
    case 'leakyRelu': return `LeakyReLU(z) = z if z > 0 else ${LEAKY_SLOPE}·z, applied to every entry; the shape does not change.`;
    case 'linear': return 'The output is linear: A equals Z.';
    case 'softmax': return 'softmax turns each column into probabilities that sum to 1: a_k = e^(z_k) / Σ_j e^(z_j).';
  }
}

/**
 * g′(Z^{[l]}) as KaTeX source, written the way it is computed (from A when that is simpler):
 * sigmoid A⊙(1−A), tanh 1−A⊙A, ReLU 𝟙[Z>0]. Softmax has no element-wise derivative (see backward).
 */
export function derivativeTex(g: ActivationName, l: number): string {
  const A = sym('A', l);
  const Z = sym('Z', l);
  switch (g) {
    case 'sigmoid': return `${A} \\odot \\left(1 - ${A}\\right)`;
    case 'tanh': return `1 - ${A} \\odot ${A}`;
    case 'relu': return `\\mathbb{1}\\!\\left[${Z} > 0\\right]`;
    case 'leakyRelu': return `\\mathbb{1}\\!\\left[${Z} > 0\\right] + ${LEAKY_SLOPE}\\,\\mathbb{1}\\!\\left[${Z} \\le 0\\right]`;
    case 'linear': return '1';
    case 'softmax': return `J_{\\operatorname{softmax}}\\!\\left(${Z}\\right)`;
  }
}

/** Optimiser state names: V (momentum), M and S (Adam) of a parameter p ∈ {W, b}, e.g. `V_{dW}^{[2]}`. */
export function stateSym(state: 'V' | 'M' | 'S', p: 'W' | 'b', l: number, hat = false, prev = false): string {
  const base = hat ? `\\hat{${state}}` : state;
  return `${base}_{d${p}${prev ? ',\\,\\text{prev}' : ''}}^{[${l}]}`;
}
