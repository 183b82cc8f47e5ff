import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { screenshot } from './kiosk-browser';
import { KioskSession } from './kiosk-session';
import { badBreaks, collectLayout, STAFF_CONSOLE } from './layout-findings';
import { openStaffMode, staffDialog as staffDialogOf, staffTab } from './staff-console';

// The coin and note acceptance test in staff mode (Chromium, demo runtime with the emulated cash
// unit behind the real serial drivers): staff insert a coin of each kind and a note, see each
// counted on the screen, end the test and get all of it back; both ends are journaled.
let s: KioskSession;

beforeAll(async () => {
  await ensureRendererBuilt('demo');
  s = await KioskSession.start('staff-acceptance', { devices: 'emulated' });
}, 180_000);

afterAll(async () => {
  await s?.close();
});

const staffDialog = () => staffDialogOf(s);
const tab = (name: string) => staffTab(s, name);
const journaled = (action: string) => s.runtime.journal.staffActions().filter((a) => a.action === action);

/**
 * The console on the small copier panel (1024×600): every box inside the screen, and no text cut
 * inside a phrase, an amount or a count (each count box keeps its line).
 */
async function expectFitsSmallPanel(step: string): Promise<void> {
  const before = s.page.viewportSize();
  await s.page.setViewportSize({ width: 1024, height: 600 });
  try {
    await s.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { outside, wrapped } = await collectLayout(s.page, STAFF_CONSOLE);
    const found = [...outside, ...badBreaks(wrapped)];
    await screenshot(s.page, `staff-acceptance-small-${step}`);
    expect(found).toEqual([]);
  } finally {
    if (before) await s.page.setViewportSize(before);
  }
}

describe('the coin and note acceptance test (device tests tab)', { timeout: 120_000 }, () => {
  it('counts each coin and note staff insert, and gives all of it back at the end', async () => {
    await openStaffMode(s);
    await tab('機器テスト').click();
    const counted = staffDialog().getByRole('list', { name: '数えた硬貨と紙幣' });
    await staffDialog().getByRole('button', { name: '受け入れテストを始める' }).click();
    await staffDialog().getByText('硬貨と紙幣を1枚ずつ入れてください。数えた金種が下に表示されます。').waitFor();
    expect(journaled('staff.self-test.acceptance')).toHaveLength(1);

    s.dock({ type: 'INSERT_MONEY', denomination: 100 });
    await counted.getByText('100円 × 1').waitFor({ timeout: 15_000 });
    s.dock({ type: 'INSERT_MONEY', denomination: 500 });
    await counted.getByText('500円 × 1').waitFor({ timeout: 15_000 });
    s.dock({ type: 'INSERT_MONEY', denomination: 100 });
    await counted.getByText('100円 × 2').waitFor({ timeout: 15_000 });
    s.dock({ type: 'INSERT_MONEY', denomination: 1000 });
    await counted.getByText('1,000円 × 1').waitFor({ timeout: 20_000 });
    await staffDialog().getByText('合計 1,700円（4 枚）').waitFor();
    await s.check('01-counted');
    await expectFitsSmallPanel('01-counted');

    await staffDialog().getByRole('button', { name: 'テストを終えて返却する' }).click();
    await staffDialog().getByText('1,700円を返却しました。釣銭口と紙幣口から取り出してください').waitFor({ timeout: 30_000 });
    await s.check('02-returned');
    expect(journaled('staff.self-test.acceptance-end').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true, detail: { accepted: [100, 500, 100, 1000], returned: 1700, claim: 0 } });
    // The unit is closed again: the start button is back, and a coin dropped now is not counted.
    await staffDialog().getByRole('button', { name: '受け入れテストを始める' }).waitFor();

    await staffDialog().getByRole('button', { name: '係員モードを閉じる' }).click();
    await staffDialog().waitFor({ state: 'detached' });
    await s.expectScreen('attract');
  });
});
