/**
 * `pnpm screenshots`: copies the screenshots of the last e2e run (test/.output/screenshots,
 * ignored by git) into test/screenshots, the committed folder reviewers look at.
 * Test runs never write there themselves, so running the tests leaves the tree clean.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './server';
import { committedShots, shots } from './shoot';

const pngs = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.png')) : []);

const written = pngs(shots).sort();
if (written.length === 0) {
  process.stderr.write(`No screenshots in ${relative(root, shots)}: run the e2e tests first (pnpm test).\n`);
  process.exit(1);
}
mkdirSync(committedShots, { recursive: true });
for (const name of written) copyFileSync(join(shots, name), join(committedShots, name));
process.stdout.write(`Copied ${written.length} screenshots from ${relative(root, shots)} to ${relative(root, committedShots)}.\n`);

const notWritten = pngs(committedShots).filter((f) => !written.includes(f));
if (notWritten.length > 0) {
  process.stdout.write(`Not written by the last run, left as they are (delete them if their test is gone): ${notWritten.join(', ')}\n`);
}
