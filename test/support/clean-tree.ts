/**
 * Vitest global setup: a test run must leave the git working tree as it found it
 * (`git status --porcelain` shows nothing new). Screenshots, databases and uploads
 * belong in ignored or temporary folders. Outside a git checkout it checks nothing.
 */
import { execFileSync } from 'node:child_process';
import { root } from './server';

function status(): Set<string> | null {
  try {
    const out = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return new Set(out.split('\n').filter(Boolean));
  } catch {
    return null;
  }
}

export default function setup() {
  const before = status();
  if (before === null) return;
  return () => {
    const changed = [...(status() ?? [])].filter((line) => !before.has(line));
    if (changed.length > 0) {
      // Vitest reports an error thrown here but keeps exit code 0: set it, so `pnpm test` fails.
      process.exitCode = 1;
      process.stderr.write(
        `\nThe test run changed the working tree (git status --porcelain):\n${changed.join('\n')}\n` +
          'Tests must write into ignored folders (test/.output/, temporary directories). ' +
          'If you edited these files yourself during the run, run the tests again.\n',
      );
    }
  };
}
