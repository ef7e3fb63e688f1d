import { describe, expect, it } from 'vitest';
import { onDemand } from './onDemand';

describe('onDemand', () => {
  it('imports once, on first load, and then gives the module synchronously', async () => {
    let imports = 0;
    const code = onDemand(() => {
      imports += 1;
      return Promise.resolve({ double: (x: number) => 2 * x });
    });
    expect(imports).toBe(0);
    expect(code.get()).toBeNull();
    const [a, b] = await Promise.all([code.load(), code.load()]);
    expect(imports).toBe(1);
    expect(a).toBe(b);
    expect(code.get()?.double(21)).toBe(42);
    await code.load();
    expect(imports).toBe(1);
  });

  it('forgets a failed import, so the next load tries again', async () => {
    let attempt = 0;
    const code = onDemand(() => (++attempt === 1 ? Promise.reject(new Error('chunk fetch failed')) : Promise.resolve('module')));
    await expect(code.load()).rejects.toThrow('chunk fetch failed');
    expect(code.get()).toBeNull();
    await expect(code.load()).resolves.toBe('module');
    expect(attempt).toBe(2);
    expect(code.get()).toBe('module');
  });
});
