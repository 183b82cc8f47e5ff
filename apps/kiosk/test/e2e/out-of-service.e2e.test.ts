import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { KioskSession } from './kiosk-session';

// The first build of the renderer (a fresh checkout) happens here, not inside a timed test.
beforeAll(() => ensureRendererBuilt('demo'), 180_000);

let session: KioskSession | undefined;
afterAll(async () => {
  await session?.close();
});

/** Each device (or the center) down while the kiosk waits, with what the attract screen must say. */
const faults = [
  { fault: 'printer-tray-empty', says: 'プリンターの用紙がありません', code: 'P-PAPER' },
  { fault: 'reader-unplugged', says: 'カードリーダーがつながっていません', code: 'D-READER' },
  { fault: 'center-down', says: '証明書発行センターにつながりません', code: 'N-DOWN' },
  { fault: 'cash-unit-down', says: 'お金の投入口・おつりの機械が使えません', code: 'M-DOWN' },
] as const;

describe('pre-flight and live device health on the attract screen (real UI, Chromium)', { timeout: 120_000 }, () => {
  it.each(faults)('$fault: shows out of service with the reason before any card is read, and takes no money', async ({ fault, says, code }) => {
    const s = (session ??= await KioskSession.start('out-of-service'));
    s.dock({ type: 'FAULT', fault: 'clear' });
    await s.page.getByText('住民票などの証明書を発行できます').waitFor({ timeout: 15_000 });
    s.dock({ type: 'FAULT', fault });
    await s.page.getByText(says).waitFor({ timeout: 15_000 });
    await s.expectStillOn('attract');
    // Closed is the headline: never 「発行できます」 above the notice.
    await expect.poll(() => s.page.locator('main h1').innerText()).toBe('ただいま証明書を発行できません');
    expect(await s.page.getByText('住民票などの証明書を発行できます').count()).toBe(0);
    expect(await s.page.getByText(`係員の方へ：${code}`).count()).toBe(1);
    await s.check(fault);
    // A touch does not start a visit; a card put down is not read; coins find no open acceptor.
    await s.page.locator('main').click();
    s.dock({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
    s.dock({ type: 'INSERT_MONEY', denomination: 100 });
    await s.page.waitForTimeout(1_000);
    await s.expectStillOn('attract');
    expect(s.runtime.flow.inspect()).toMatchObject({ state: 'attract', cardHeld: false, money: { taken: 0, kept: 0, returned: 0, claim: 0 } });
    expect(s.runtime.journal.all()).toEqual([]);
    s.dock({ type: 'LIFT_CARD' });
    // Fixed: the kiosk serves again without a restart.
    s.dock({ type: 'FAULT', fault: 'clear' });
    await s.page.getByText('住民票などの証明書を発行できます').waitFor({ timeout: 15_000 });
  });
});
