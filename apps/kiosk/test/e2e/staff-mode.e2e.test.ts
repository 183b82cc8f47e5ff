import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import type { MoneyJournal } from '@konbini-kofu/cash-unit';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { KioskSession } from './kiosk-session';

// Staff mode on the touchscreen (Chromium) against the demo runtime with the emulated devices
// behind the real drivers: each staff action through the screen, and its row in the journal.
let s: KioskSession;
let moneyJournal: MoneyJournal;
/** The staff card: a test card whose certificate serial the store registered in staff.cardIds. */
let staffCardSerial: string;

beforeAll(async () => {
  await ensureRendererBuilt('demo');
  const pki = await loadTestPki();
  staffCardSerial = new X509Certificate(pki.cards['sato-kenji']?.certPem ?? '').serialNumber.toUpperCase();
  s = await KioskSession.start('staff', {
    devices: 'emulated',
    alarmTimings: { chimeAfterMs: 300, voiceAfterMs: 600, staffCallAfterMs: 900 },
    staff: { cardIds: [staffCardSerial] },
  });
  if (!s.runtime.rig.moneyJournal) throw new Error('the emulated rig keeps a money journal');
  moneyJournal = s.runtime.rig.moneyJournal;
}, 180_000);

afterAll(async () => {
  await s?.close();
});

const staffDialog = () => s.page.getByRole('dialog', { name: '係員モード' });

/** The discreet way in: hold the top-left corner of the screen for 3 seconds. */
async function holdCorner(ms = 3_300): Promise<void> {
  await s.page.mouse.move(20, 20);
  await s.page.mouse.down();
  await s.page.waitForTimeout(ms);
  await s.page.mouse.up();
}

async function signIn(pin = '999999'): Promise<void> {
  const dialog = staffDialog();
  for (const digit of pin) await dialog.getByRole('button', { name: digit, exact: true }).click();
  await dialog.getByRole('button', { name: '確定' }).click();
}

async function openStaffMode(): Promise<void> {
  await holdCorner();
  await staffDialog().waitFor();
  await signIn();
  await staffDialog().getByText('係員: staff-pin').waitFor();
}

async function closeStaffMode(): Promise<void> {
  await staffDialog().getByRole('button', { name: '係員モードを閉じる' }).click();
  await staffDialog().waitFor({ state: 'detached' });
}

const tab = (name: string) => staffDialog().getByRole('navigation', { name: '係員メニュー' }).getByRole('button', { name });
const journaled = (action: string) => s.runtime.journal.staffActions().filter((a) => a.action === action);

/** A resident gets a 住民票 paid with a 1000-yen note, takes the change and walks off without the certificate. */
async function residentLeavesCertificate(): Promise<void> {
  await s.signInWithCard('yamada-taro', '1234');
  await s.toPayment();
  await s.payAndPrint(1000);
  s.dock({ type: 'TAKE', item: 'change' });
}

describe('staff mode on the touchscreen', { timeout: 120_000 }, () => {
  it('opens only for the corner held 3 s, and refuses a wrong PIN (journaled)', async () => {
    await holdCorner(800);
    await s.page.waitForTimeout(300);
    expect(await staffDialog().count()).toBe(0);
    await holdCorner();
    await staffDialog().waitFor();
    await s.check('01-sign-in');
    await signIn('123456');
    await staffDialog().getByRole('alert').getByText('暗証番号が違います（あと 4 回）').waitFor();
    expect(journaled('staff.unlock-refused').at(-1)).toMatchObject({ ok: false, detail: { reason: 'wrong-pin' } });
    // Keys typed in staff mode never reach the resident's flow underneath.
    await s.page.keyboard.press('Escape');
    await staffDialog().waitFor({ state: 'detached' });
    await s.expectScreen('attract');
  });

  it('signs in with a registered staff card on the reader, and refuses an unregistered one', async () => {
    await holdCorner();
    await staffDialog().waitFor();
    s.dock({ type: 'PLACE_CARD', profileId: 'yamada-hanako' });
    await staffDialog().getByRole('button', { name: '係員カードで開く' }).click();
    await staffDialog().getByText('このカードは係員カードとして登録されていません').waitFor({ timeout: 15_000 });
    s.dock({ type: 'LIFT_CARD' });
    s.dock({ type: 'PLACE_CARD', profileId: 'sato-kenji' });
    await staffDialog().getByRole('button', { name: '係員カードで開く' }).click();
    await staffDialog().getByText(`係員: staff-card:${staffCardSerial}`).waitFor({ timeout: 15_000 });
    s.dock({ type: 'LIFT_CARD' });
    expect(journaled('staff.unlock').at(-1)).toMatchObject({ staffId: `staff-card:${staffCardSerial}`, ok: true, detail: { method: 'card' } });
    await closeStaffMode();
    await s.expectScreen('attract');
  });

  it('opens the sign-in when the maintenance key is turned on the I/O board', async () => {
    s.runtime.rig.setSensor('maintenance-door', true);
    await staffDialog().waitFor();
    s.runtime.rig.setSensor('maintenance-door', false);
    await s.page.keyboard.press('Escape');
    await staffDialog().waitFor({ state: 'detached' });
  });

  it('staff clears a forgotten-output alarm with their id, and the kiosk returns to the attract screen', async () => {
    await residentLeavesCertificate();
    await expect.poll(() => s.runtime.alarm.state().kind, { timeout: 10_000 }).toBe('unclaimed');
    await s.page.getByText('係員を呼びました').first().waitFor();
    await openStaffMode();
    // The sign-in lands on 取り忘れ: what is left, and the button to end the alarm.
    await staffDialog().getByText('残っているもの: 証明書').waitFor();
    await s.check('02-alarm');
    await staffDialog().getByRole('button', { name: '回収して解除する' }).click();
    // Its tray sensor still sees the certificate until staff lift it out: said, and not blocking.
    await staffDialog().getByText('証明書 がまだ検知されています。取り出してセンサーを確認してください').waitFor();
    expect(s.runtime.alarm.state()).toEqual({ kind: 'clear' });
    expect(journaled('staff.clear-forgotten-items').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true, detail: { outcome: { cleared: ['certificate'], stillSensed: ['certificate'] } } });
    expect(s.runtime.alarm.log().at(-1)).toMatchObject({ event: 'staff-cleared', staffId: 'staff-pin' });
    s.dock({ type: 'TAKE', item: 'certificate' });
    await closeStaffMode();
    await s.expectScreen('attract', 15_000);
  });

  it('shows device status and the day’s counters', async () => {
    await openStaffMode();
    await tab('機器・集計').click();
    await staffDialog().locator('[data-device="printer"]').getByText('正常').waitFor();
    expect(await staffDialog().locator('[data-device]').count()).toBe(4);
    await expect.poll(() => staffDialog().locator('[data-counter="transactions"]').innerText()).toBe('1 件');
    expect(await staffDialog().locator('[data-counter="issued"]').innerText()).toBe('1');
    await s.check('03-status');
    await closeStaffMode();
  });

  it('records a hopper refill with the count poured in', async () => {
    const before = moneyJournal.count('hopper', 100);
    await openStaffMode();
    await tab('釣銭・回収').click();
    await staffDialog().locator('[data-coin="100"] strong').getByText(String(before), { exact: true }).waitFor();
    await staffDialog().getByRole('radio', { name: '100円硬貨' }).click();
    await staffDialog().getByRole('button', { name: '10 枚増やす' }).click();
    await staffDialog().getByRole('button', { name: '100円を 60 枚 補充した' }).click();
    await staffDialog().getByText('補充を記録しました').waitFor();
    expect(moneyJournal.count('hopper', 100)).toBe(before + 60);
    await staffDialog().locator('[data-coin="100"] strong').getByText(String(before + 60), { exact: true }).waitFor();
    expect(journaled('staff.refill').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true, detail: { coin: 100, count: 60 } });
    await s.check('04-cash');
    await closeStaffMode();
  });

  it('collects the cashbox and shows what it held (the resident’s 1000-yen note)', async () => {
    await openStaffMode();
    await tab('釣銭・回収').click();
    await staffDialog().getByRole('button', { name: '金庫を回収した' }).click();
    await staffDialog().getByText('回収額 1,000円（紙幣 1 枚、硬貨 0 枚）').waitFor();
    expect(moneyJournal.count('stacker', 1000)).toBe(0);
    expect(journaled('staff.collect-cashbox').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true });
    await closeStaffMode();
  });

  it('settles a refund the hoppers could not pay', async () => {
    // A claim as the cash unit records one when its hoppers run dry mid-change.
    const session = moneyJournal.openSession(300);
    moneyJournal.claim(session, 200, 'hopper empty: change not paid');
    moneyJournal.closeSession(session, 'claimed');
    await openStaffMode();
    await tab('返金待ち').click();
    await staffDialog().getByText('hopper empty: change not paid', { exact: false }).waitFor();
    await s.check('05-claims');
    await staffDialog().getByRole('button', { name: '200円 を手渡しで返金した' }).click();
    await staffDialog().getByText('返金を記録しました').waitFor();
    await staffDialog().getByText('返金待ちはありません').waitFor();
    expect(moneyJournal.openClaims()).toEqual([]);
    expect(journaled('staff.settle-claim').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true, detail: { paid: 200 } });
    await closeStaffMode();
  });

  it('prints a test page', async () => {
    const printed = s.runtime.printedFiles().length;
    await openStaffMode();
    await tab('テスト印刷').click();
    await staffDialog().getByRole('button', { name: 'テストページを印刷する' }).click();
    await staffDialog().getByText(/テストページを印刷しました/).waitFor({ timeout: 15_000 });
    expect(s.runtime.printedFiles()).toHaveLength(printed + 1);
    expect(journaled('staff.self-test.print').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true });
    await closeStaffMode();
  });

  it('reads a card placed on the reader and runs the lamp and buzzer test (device tests tab)', async () => {
    await openStaffMode();
    await tab('機器テスト').click();
    s.dock({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
    await staffDialog().getByRole('button', { name: 'カードリーダーで読み取る' }).click();
    await staffDialog().getByText(/読み取りました（発行者 .+、有効期限 \d{4}-\d{2}-\d{2}）/).waitFor({ timeout: 15_000 });
    s.dock({ type: 'LIFT_CARD' });
    await staffDialog().getByRole('button', { name: 'ランプとブザーを試す' }).click();
    await staffDialog().getByText('各ランプが点滅し、チャイムが鳴ったか確かめてください').waitFor({ timeout: 15_000 });
    await s.check('08-device-tests');
    expect(journaled('staff.self-test.card').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true });
    expect(journaled('staff.self-test.signals').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true });
    await closeStaffMode();
  });

  it('takes the kiosk out of service and back: the attract screen follows', async () => {
    await openStaffMode();
    await tab('休止・再開').click();
    await staffDialog().getByRole('button', { name: '休止する' }).click();
    await staffDialog().getByText(/この端末は休止中です/).waitFor();
    await s.check('06-out-of-service');
    await closeStaffMode();
    await expect.poll(() => s.page.getByRole('button', { name: '証明書を発行する' }).count(), { timeout: 10_000 }).toBe(0);
    await s.check('07-attract-out-of-service');
    await openStaffMode();
    await tab('休止・再開').click();
    await staffDialog().getByRole('button', { name: '再開する' }).click();
    await staffDialog().getByText('この端末は稼働中です').waitFor();
    await closeStaffMode();
    await s.page.getByRole('button', { name: '証明書を発行する' }).first().waitFor({ timeout: 10_000 });
    expect(journaled('staff.out-of-service').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true });
    expect(journaled('staff.in-service').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true });
    expect(journaled('staff.lock').length).toBeGreaterThan(0);
  });

  // Last: the page's clock is faked from here on.
  it('closes and locks by itself after 2 minutes without a touch', async () => {
    await s.page.clock.install();
    s.runtime.rig.setSensor('maintenance-door', true);
    await staffDialog().waitFor();
    s.runtime.rig.setSensor('maintenance-door', false);
    await signIn();
    await staffDialog().getByText('係員: staff-pin').waitFor();
    const locks = journaled('staff.lock').length;
    await s.page.clock.fastForward(60_000);
    expect(await staffDialog().count()).toBe(1);
    await s.page.clock.fastForward(61_000);
    await staffDialog().waitFor({ state: 'detached' });
    await expect.poll(() => journaled('staff.lock').length).toBe(locks + 1);
  });
});
