/**
 * The browser shell (title bar, retry of a page's code, offline copy): see shell.h5.ts,
 * which Taro's multi-platform resolution picks for the H5 build. In WeChat the host
 * already gives a title bar with back/home, retries loading and keeps the package, so
 * there is nothing to start.
 */
export function startShell(): void {}

/** WeChat draws its own title bar. */
export function markElderly(_on: boolean): void {}

/** WeChat draws its own first screen. */
export function hideSkeleton(): void {}
