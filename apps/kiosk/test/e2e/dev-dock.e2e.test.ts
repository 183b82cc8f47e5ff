import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { screenshot } from './kiosk-browser';
import { kioskSessionPerTest } from './session-per-test';

const startSession = kioskSessionPerTest();

describe('dev dock (demo builds only)', { timeout: 90_000 }, () => {
  it('drives the emulated devices from the panel and shows the printed PDF', async () => {
    const s = await startSession('dev-dock');
    const dock = s.page.getByRole('complementary', { name: 'Dev dock' });
    await dock.getByRole('button', { name: 'DEV' }).click();
    await s.tap('証明書を発行する');
    await s.tap('同意して進む');
    await dock.getByLabel('Profile').selectOption('yamada-taro');
    await dock.getByRole('button', { name: 'Place card' }).click();
    await s.expectScreen('pin-entry');
    await dock.getByText('On reader: yamada-taro').waitFor();
    for (const d of '1234') await s.page.keyboard.press(d);
    await s.page.keyboard.press('Enter');
    await s.expectScreen('lift-card');
    await dock.getByRole('button', { name: 'Lift card' }).click();
    await s.expectScreen('choose-certificate');
    await s.tap(/住民票の写し/);
    await s.throughOptions();
    await s.tap(/お支払いへ進む/);
    await s.expectScreen('paying');
    await screenshot(s.page, 'dev-dock-open');
    await dock.getByRole('button', { name: '¥500', exact: true }).click();
    await s.expectScreen('take-outputs', 15_000);
    await dock.getByRole('button', { name: 'Take certificate' }).click();
    await dock.getByRole('button', { name: 'Take change' }).click();
    await s.expectScreen('thank-you');

    const link = dock.getByRole('link', { name: 'Open the last printed PDF' });
    const href = await link.getAttribute('href');
    // Through the page's own request context: the PDF is served only with the bridge's token (its cookie).
    const pdf = await s.page.request.get(new URL(href!, s.page.url()).href);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fetch(new URL(href!, s.page.url()))).status).toBe(403);
  });

  it('is absent from the production bundle', async () => {
    const dir = await ensureRendererBuilt('production');
    const assets = readdirSync(join(dir, 'assets'));
    const code = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, 'assets', f), 'utf8'));
    expect(code.length).toBeGreaterThan(0);
    expect(code.join('\n')).not.toMatch(/Dev dock|Place card|INSERT_MONEY/);
    // The shipped font travels inside the bundle; the page carries its CSP.
    expect(assets.some((f) => f.endsWith('.ttf'))).toBe(true);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain("script-src 'self'");
  }, 120_000);
});
