/**
 * Small typed codecs: each turns one setting into a plain, URL-safe value and back, validating on the
 * way in. A decode never throws; a bad value comes back as a message that says what was expected.
 */

/** The result of decoding one value: the value, or why it was refused. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Encodes T to a plain string (URL-safe) and decodes an unknown plain value back to T. */
export interface Codec<T> {
  encode(value: T): string;
  decode(raw: unknown): Decoded<T>;
}

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = <T>(error: string): Decoded<T> => ({ ok: false, error });

/** A number given as a number or a numeric string; anything else is NaN. */
function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw.trim() !== '') return Number(raw);
  return Number.NaN;
}

/** One of a fixed list of names, e.g. 'sgd' | 'momentum' | 'adam'. */
export function enumCodec<T extends string>(names: readonly T[]): Codec<T> {
  return {
    encode: (value) => value,
    decode: (raw) =>
      typeof raw === 'string' && (names as readonly string[]).includes(raw)
        ? ok(raw as T)
        : fail(`expected one of ${names.join(', ')}, got ${JSON.stringify(raw)}`),
  };
}

/** An integer in [min, max]. */
export function intCodec(min: number, max: number): Codec<number> {
  return {
    encode: (value) => String(value),
    decode: (raw) => {
      const n = toNumber(raw);
      if (!Number.isInteger(n) || n < min || n > max) return fail(`expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return ok(n);
    },
  };
}

/** A finite real number in [min, max]; encoded with up to 6 significant digits, which is what sliders give. */
export function realCodec(min: number, max: number): Codec<number> {
  return {
    encode: (value) => String(Number(value.toPrecision(6))),
    decode: (raw) => {
      const n = toNumber(raw);
      if (!Number.isFinite(n) || n < min || n > max) return fail(`expected a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return ok(n);
    },
  };
}

/** A list of integers in [min, max] with minLength … maxLength items, encoded as '16-16' ('' for none). */
export function intListCodec(min: number, max: number, minLength: number, maxLength: number): Codec<number[]> {
  const item = intCodec(min, max);
  return {
    encode: (value) => value.join('-'),
    decode: (raw) => {
      let parts: unknown[];
      if (Array.isArray(raw)) parts = raw;
      else if (typeof raw === 'string') parts = raw === '' ? [] : raw.split('-');
      else return fail(`expected a list like 16-16, got ${JSON.stringify(raw)}`);
      if (parts.length < minLength || parts.length > maxLength) {
        return fail(`expected ${minLength} to ${maxLength} numbers, got ${parts.length}`);
      }
      const out: number[] = [];
      for (const part of parts) {
        const d = item.decode(part);
        if (!d.ok) return fail(`each item: ${d.error}`);
        out.push(d.value);
      }
      return ok(out);
    },
  };
}
