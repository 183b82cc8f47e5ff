import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { startDemoUi } from '../../src/demo/demo-ui';
import { createDemoRuntime, type DemoRuntime, type DemoRuntimeOptions } from '../../src/runtime/create-demo-runtime';
import type { DevDockCommand } from '../../src/shared/kiosk-api';
import { axeViolations, currentScreen, openKioskBrowser, screenshot, waitForScreen, type KioskBrowser } from './kiosk-browser';

/**
 * The real demo runtime (mock center, emulated devices, the flow) behind the real UI served by
 * startDemoUi, in Debian's Chromium. Devices are driven through the dev dock API, as a tester
 * at the kiosk would with the dock panel.
 */
export class KioskSession {
  private constructor(
    readonly runtime: DemoRuntime,
    readonly browser: KioskBrowser,
    private readonly closeUi: () => Promise<void>,
    private readonly prefix: string,
  ) {}

  static async start(prefix: string, options: Partial<DemoRuntimeOptions> = {}, viewport?: { width: number; height: number }, initScript?: string): Promise<KioskSession> {
    const runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kiosk-e2e-')), timings: { farewellMs: 3_000 }, ...options });
    const ui = await startDemoUi(runtime, { browserOnly: true });
    const browser = await openKioskBrowser(ui.url, viewport, initScript);
    const session = new KioskSession(runtime, browser, ui.close, prefix);
    await session.expectScreen('attract');
    return session;
  }

  get page(): Page {
    return this.browser.page;
  }

  dock(command: DevDockCommand): void {
    this.runtime.devDock.command(command);
  }

  async expectScreen(name: string, timeout?: number): Promise<void> {
    try {
      await waitForScreen(this.page, name, timeout);
    } catch (e) {
      throw new Error(`expected screen ${name}, still on ${await currentScreen(this.page)}`, { cause: e });
    }
  }

  /**
   * The kiosk shows this screen now (no waiting): a 100 ms wait for it failed under load while the
   * screen was there all along — the locator's first look came later than that.
   */
  async expectStillOn(name: string): Promise<void> {
    const now = await currentScreen(this.page);
    if (now !== name) throw new Error(`expected to still be on screen ${name}, now on ${now}`);
  }

  /** Taps a button by its visible name, as a finger would. */
  async tap(name: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name }).first().click();
  }

  /**
   * Through every page of the options screen (one decision per page) with 次へ, keeping the
   * defaults, until the confirm screen shows.
   */
  async throughOptions(): Promise<void> {
    await this.expectScreen('certificate-options');
    for (let i = 0; i < 6 && (await currentScreen(this.page)) === 'certificate-options'; i++) {
      const before = await this.page.locator('main h1').innerText();
      await this.page.locator('.footer__primary').click();
      await this.page.waitForFunction((title) => document.querySelector('.kiosk')?.getAttribute('data-screen') !== 'certificate-options' || document.querySelector('main h1')?.textContent !== title, before);
    }
    await this.expectScreen('confirm-fee');
  }

  /**
   * From the attract screen with a card: terms, the card on the reader, the PIN tapped on the
   * pad, the card lifted — until the list of certificates shows.
   */
  async signInWithCard(profileId = 'yamada-taro', pin = '1234'): Promise<void> {
    await this.tap('証明書を発行する');
    await this.tap('同意して進む');
    this.dock({ type: 'PLACE_CARD', profileId });
    await this.expectScreen('pin-entry', 15_000);
    for (const d of pin) await this.tap(new RegExp(`^${d}$`));
    await this.tap('確定');
    await this.afterAuthentication();
  }

  /** The card (or phone) leaves the reader after authentication; the list of certificates shows. */
  async afterAuthentication(): Promise<void> {
    await this.expectScreen('lift-card', 15_000);
    this.dock({ type: 'LIFT_CARD' });
    await this.expectScreen('choose-certificate', 15_000);
  }

  /** From the list: one 住民票の写し with the default options, up to the payment screen; returns the fee. */
  async toPayment(): Promise<number> {
    await this.tap(/住民票の写し/);
    await this.throughOptions();
    const fee = Number((await this.page.locator('.amount--huge').innerText()).replace(/[^0-9]/g, ''));
    await this.tap(/お支払いへ進む/);
    await this.expectScreen('paying');
    return fee;
  }

  /** Pays with one coin or note and waits for the printed certificate and the take-outputs screen. */
  async payAndPrint(denomination: 500 | 1000): Promise<void> {
    this.dock({ type: 'INSERT_MONEY', denomination });
    await this.expectScreen('take-outputs', 20_000);
  }

  /** Saves a screenshot and checks the screen with axe-core: no violations allowed. */
  async check(step: string): Promise<void> {
    await this.page.waitForTimeout(50);
    await screenshot(this.page, `${this.prefix}-${step}`);
    const violations = await axeViolations(this.page);
    expect(violations, `${this.prefix}-${step}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.closeUi();
    await this.runtime.stop();
  }
}
