import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const MAIN_PACKAGE_LIMIT = 1024 * 1024;

export type MainPackageSize = {
  /** Bytes of every file of the build outside the subpackage roots. */
  bytes: number;
  files: number;
  /** The subpackage roots of app.json that were left out. */
  subpackageRoots: string[];
  /** The largest files of the main package, largest first. */
  largest: { path: string; bytes: number }[];
};

/**
 * Size of the mini-program's main package: every file of the weapp build
 * (`miniapp/dist/weapp`) except those under a subpackage root listed in app.json
 * (`subPackages`, or its alias `subpackages`). WeChat refuses a main package over
 * 2 MB; this project keeps it under 1 MB.
 */
export function mainPackageSize(distDir: string): MainPackageSize {
  const app = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/^\/+|\/+$/g, ''));
  const inSubpackage = (rel: string) => roots.some((r) => rel === r || rel.startsWith(`${r}/`));
  const sizes: { path: string; bytes: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      const rel = relative(distDir, abs).split(sep).join('/');
      if (inSubpackage(rel)) continue;
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile()) sizes.push({ path: rel, bytes: statSync(abs).size });
    }
  };
  walk(distDir);
  sizes.sort((a, b) => b.bytes - a.bytes);
  return {
    bytes: sizes.reduce((n, f) => n + f.bytes, 0),
    files: sizes.length,
    subpackageRoots: roots,
    largest: sizes.slice(0, 10),
  };
}
