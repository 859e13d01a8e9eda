/**
 * The `Headers` hono/client builds before it calls our fetch. WeChat has no
 * Headers (nor fetch, nor Response), so the weapp build gets this one instead
 * (webpack's ProvidePlugin, config/index.ts); H5 and the tests use the real one.
 * Only what hc and taroFetch use: set / append / get / has / delete / forEach.
 */
export class Headers {
  private readonly map = new Map<string, string>();

  constructor(init?: Headers | Record<string, string> | Array<[string, string]>) {
    if (init instanceof Headers) init.forEach((value, name) => this.append(name, value));
    else for (const [name, value] of Array.isArray(init) ? init : Object.entries(init ?? {})) this.append(name, value);
  }
  set(name: string, value: string) {
    this.map.set(name.toLowerCase(), String(value));
  }
  append(name: string, value: string) {
    const key = name.toLowerCase();
    const had = this.map.get(key);
    this.map.set(key, had === undefined ? String(value) : `${had}, ${value}`);
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  delete(name: string) {
    this.map.delete(name.toLowerCase());
  }
  forEach(fn: (value: string, name: string, headers: Headers) => void) {
    for (const [name, value] of this.map) fn(value, name, this);
  }
}
