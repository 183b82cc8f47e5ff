import { describe, expect, it } from 'vitest';
import { kioskSessionPerTest } from './session-per-test';
import { openStaffMode, staffDialog, staffTab } from './staff-console';

const startSession = kioskSessionPerTest();

/**
 * A resident under DV support measures: the public screen says only 「窓口へ」 and R-COUNTER;
 * the reason is in the journal and on staff's 機器・集計 view, without the resident's name.
 */
describe('discreet refusals: the reason for staff only (Chromium, demo runtime)', { timeout: 90_000 }, () => {
  it('shows R-COUNTER to the resident and the reason with its time to staff', async () => {
    const s = await startSession('discreet-refusal');
    await s.tap('証明書を発行する');
    await s.tap('同意して進む');
    s.dock({ type: 'PLACE_CARD', profileId: 'kobayashi-mai' });
    await s.expectScreen('pin-entry', 15_000);
    for (const d of '1234') await s.tap(new RegExp(`^${d}$`));
    await s.tap('確定');
    await s.expectScreen('error', 15_000);
    const publicText = await s.page.locator('.kiosk').innerText();
    expect(publicText).toContain('R-COUNTER');
    expect(publicText).not.toMatch(/DV|支援措置|PROTECTED/);

    const journaled = await s.runtime.journal.recentRefusals(5);
    expect(journaled).toEqual([{ at: expect.any(String) as string, staffCode: 'R-COUNTER', reason: 'R-DV_PROTECTED' }]);

    // Staff: hold the top-left corner, sign in with the demo PIN, open 機器・集計.
    await openStaffMode(s);
    const staff = staffDialog(s);
    await staffTab(s, '機器・集計').click();
    const row = staff.locator('.staff__refusals tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const cells = await row.first().locator('td').allInnerTexts();
    expect(cells.slice(1)).toEqual(['R-COUNTER', 'DV等支援措置の対象（R-DV_PROTECTED）']);
    expect(cells[0]).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/);
    expect(await staff.innerText()).not.toContain('小林');
    expect(s.runtime.journal.staffActions().some((a) => a.action === 'staff.refusals' && a.ok)).toBe(true);
    await s.check('01-staff-refusals');
  });
});
