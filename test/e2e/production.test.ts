import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';

const e2e = setupE2e({ production: true, browser: false });

describe('production mode', () => {
  it('starts with real passwords and refuses the development login', async () => {
    expect((await e2e.api('/api/health')).status).toBe(200);
    const dev = await e2e.api('/api/auth/dev-login', { method: 'POST', body: { name: 'x' } });
    expect(dev.status).toBe(404);
    expect(await e2e.staffToken('mz_staff')).toMatch(/^ey/);
  });
});
