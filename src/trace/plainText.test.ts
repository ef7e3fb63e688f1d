import { describe, expect, it } from 'vitest';
import { plainText } from './plainText';

describe('plainText', () => {
  it('reads the notation src/trace writes as plain text', () => {
    expect(plainText('W^{[2]}')).toBe('W[2]');
    expect(plainText('A^{[1]\\top}')).toBe('A[1]ᵀ');
    expect(plainText('Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}')).toBe('Z[2] = W[2] A[1] + b[2]');
    expect(plainText('A^{[1]} = \\sigma\\!\\left(Z^{[1]}\\right)')).toBe('A[1] = σ(Z[1])');
    expect(plainText('\\hat{M}')).toBe('M\u0302');
  });
});

