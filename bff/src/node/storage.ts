import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { FileStorage } from '../lib/ports';

/** Photos in a local folder, one file per key plus its media type. Keys never come from users. */
export function localStorage(dir: string): FileStorage {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    if (!/^[a-z0-9/_-]+$/i.test(key)) throw new Error(`invalid storage key ${key}`);
    const p = resolve(join(root, key));
    if (!p.startsWith(root + sep)) throw new Error('storage key escapes the folder');
    return p;
  };
  return {
    async put(key, bytes, mime) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, bytes);
      await writeFile(`${p}.type`, mime);
    },
    async get(key) {
      const p = pathOf(key);
      try {
        const [bytes, mime] = await Promise.all([readFile(p), readFile(`${p}.type`, 'utf8')]);
        return { bytes: new Uint8Array(bytes), mime };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      const p = pathOf(key);
      await Promise.all([rm(p, { force: true }), rm(`${p}.type`, { force: true })]);
    },
  };
}
