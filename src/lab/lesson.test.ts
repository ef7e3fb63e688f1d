import { describe, expect, it } from 'vitest';
import { LabController } from './controller';
import { lessonToJson, readLesson, type Lesson } from './lesson';

function lessonOf(): Lesson {
  let t = 0;
  const c = new LabController({ now: () => (t += 1) });
  c.start();
  c.finishBatch();
  c.stepEquation();
  return { title: 'Week 3: the chain rule', notes: 'Stop at dZ[1] and ask.', state: c.state(), files: {}, runs: [] };
}

describe('lesson files', () => {
  it('round-trips the state, title and notes', () => {
    const lesson = lessonOf();
    const read = readLesson(lessonToJson(lesson));
    expect(read).toEqual({ ok: true, lesson, problems: [] });
  });

  it('keeps an embedded file only when it is the one the state names', () => {
    const lesson = lessonOf();
    const sha = 'ab'.repeat(32);
    const withFile: Lesson = {
      ...lesson,
      state: { ...lesson.state, data: { ...lesson.state.data, source: 'file:x.csv' }, files: { training: { name: 'x.csv', rows: 2, sha256: sha }, test: null } },
      files: { training: { name: 'x.csv', rows: 2, sha256: sha, base64: 'YSxiCjEsMgoz' } },
    };
    const read = readLesson(lessonToJson(withFile));
    expect(read.ok && read.lesson.files.training?.base64).toBe('YSxiCjEsMgoz');
    const wrong = JSON.parse(lessonToJson(withFile));
    wrong.files.training.sha256 = 'cd'.repeat(32);
    expect(readLesson(JSON.stringify(wrong))).toEqual({ ok: false, error: 'This lesson file is damaged: its training file is not the one its lab uses.' });
  });

  it('refuses wrong types, missing fields, newer versions and hostile files with a message, never a throw', () => {
    const good = JSON.parse(lessonToJson(lessonOf()));
    const cases: [unknown, RegExp][] = [
      ['not json', /not JSON/],
      [[], /holds no object/],
      [{ ...good, format: 'backprop-lab-model' }, /not a lesson file/],
      [{ ...good, version: 2 }, /newer Backprop Lab/],
      [{ ...good, version: '1' }, /no valid version/],
      [{ ...good, state: 'x' }, /no lab state/],
      [{ ...good, state: { ...good.state, v: '9' } }, /cannot be opened: it was made by a newer/],
      [{ ...good, files: { training: { name: 'a', rows: 1, sha256: 'zz', base64: '' } } }, /no SHA-256/],
      [{ ...good, files: { training: { name: 'a', rows: 1, sha256: 'ab'.repeat(32), base64: '<script>' } } }, /contents are damaged/],
    ];
    for (const [value, message] of cases) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const read = readLesson(text);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error).toMatch(message);
    }
    const { ok } = readLesson(JSON.stringify({ ...good, title: 'x'.repeat(10_000), notes: 42 }));
    expect(ok).toBe(true);
  });
});
