import { describe, expect, it } from 'vitest';
import { asciiDigits, isMissing, parseDate, parseGrouped, parseNumber } from './values';

describe('isMissing', () => {
  it('knows "", NA, N/A, NaN, ?, null in any case and with spaces', () => {
    for (const cell of ['', '  ', 'NA', 'na', ' N/A ', 'NaN', 'nan', '?', 'null', 'NULL', '            ']) expect(isMissing(cell)).toBe(true);
  });
  it('keeps values, including 0 and words that contain a token', () => {
    for (const cell of ['0', 'nap', 'none?', 'NAME', 'nullify', '-']) expect(isMissing(cell)).toBe(false);
  });
});

describe('parseNumber', () => {
  it('reads plain, signed, exponent and leading-dot numbers', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber(' -3.5 ')).toBe(-3.5);
    expect(parseNumber('+2')).toBe(2);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('0.00479298817650529')).toBe(0.00479298817650529);
    expect(parseNumber('1e999')).toBe(Infinity);
  });
  it('reads a decimal comma only when allowed', () => {
    expect(parseNumber('3,5')).toBeNaN();
    expect(parseNumber('3,5', true)).toBe(3.5);
    expect(parseNumber('-,25', true)).toBe(-0.25);
    expect(parseNumber('1.5', true)).toBe(1.5);
  });
  it('refuses words, units, thousands separators and empty cells', () => {
    for (const cell of ['', 'abc', '12kg', '1,234.5', '1.234,5', 'Infinit', '0x10', '1 000', '--1', '١٢a']) expect(parseNumber(cell, true)).toBeNaN();
  });
  it('reads Infinity, inf and ∞ as ±Infinity (refused later, with the line)', () => {
    expect(parseNumber('Infinity')).toBe(Infinity);
    expect(parseNumber(' -inf ')).toBe(-Infinity);
    expect(parseNumber('∞')).toBe(Infinity);
  });
  it('reads the decimal digits of other scripts', () => {
    expect(parseNumber('١٢٣')).toBe(123); // Arabic-Indic
    expect(parseNumber('۱۲۳٫۵')).toBe(123.5); // Eastern Arabic-Indic, Arabic decimal separator
    expect(parseNumber('−٤')).toBe(-4); // minus sign
    expect(parseNumber('१०')).toBe(10); // Devanagari
    expect(parseNumber('৯')).toBe(9); // Bengali
    expect(parseNumber('１２')).toBe(12); // full-width
    expect(parseNumber('𝟗𝟖')).toBe(98); // mathematical bold (outside the BMP)
    expect(parseNumber('٣,٥', true)).toBe(3.5);
    expect(asciiDigits('٣٬٥٠٠')).toBe('3,500');
  });
});

describe('parseGrouped', () => {
  it('reads thousands separators in the given style only', () => {
    expect(parseGrouped('1,234.5', 'dot')).toBe(1234.5);
    expect(parseGrouped('1,234,567', 'dot')).toBe(1234567);
    expect(parseGrouped("1'234.5", 'dot')).toBe(1234.5);
    expect(parseGrouped('1.234,5', 'comma')).toBe(1234.5);
    expect(parseGrouped('1 234,5', 'comma')).toBe(1234.5);
    expect(parseGrouped('12,5', 'comma')).toBe(12.5);
    expect(parseGrouped('-٣٬٥٠٠', 'dot')).toBe(-3500);
    for (const [cell, style] of [['1,234.5', 'comma'], ['1.234,5', 'dot'], ['12,34.5', 'dot'], ['1,2345', 'dot'], ['1e3', 'dot'], ['', 'dot']] as const) {
      expect(parseGrouped(cell, style)).toBeNaN();
    }
  });
});

describe('parseDate', () => {
  it('reads ISO dates and date-times as UTC milliseconds', () => {
    expect(parseDate('2015-02-04 17:51:00')).toBe(Date.UTC(2015, 1, 4, 17, 51, 0));
    expect(parseDate('2015-02-04T17:51:59.5Z')).toBe(Date.UTC(2015, 1, 4, 17, 51, 59, 500));
    expect(parseDate('2015/02/04')).toBe(Date.UTC(2015, 1, 4));
  });
  it('applies an explicit offset', () => {
    expect(parseDate('2015-02-04T18:00+01:00')).toBe(Date.UTC(2015, 1, 4, 17, 0));
  });
  it('reads day-first dates, swapping when the month would be impossible', () => {
    expect(parseDate('04.02.2015')).toBe(Date.UTC(2015, 1, 4));
    expect(parseDate('02/25/2015')).toBe(Date.UTC(2015, 1, 25));
  });
  it('reads times of day from midnight', () => {
    expect(parseDate('08:15')).toBe((8 * 60 + 15) * 60_000);
    expect(parseDate('23:59:59')).toBe(((23 * 60 + 59) * 60 + 59) * 1000);
  });
  it('refuses numbers, words and impossible dates', () => {
    for (const cell of ['2015', '12.5', 'monday', '2015-13-01', '25:00', '2015-02-04 17']) expect(parseDate(cell)).toBeNaN();
  });
});
