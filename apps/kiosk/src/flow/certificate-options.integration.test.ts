import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoRuntime, type DemoRuntime } from '../runtime/create-demo-runtime';
import { authenticateAndLiftCard, runScenario, waitForScreen } from '../headless/run-scenario';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

async function toOptions(rt: DemoRuntime, card: string, kind: 'juminhyo' | 'koseki' | 'tax' | 'koseki-fuhyo') {
  await authenticateAndLiftCard(rt.api, rt.devDock, card);
  rt.api.send({ type: 'CHOOSE_CERTIFICATE', kind });
  return waitForScreen(rt.api, ['certificate-options']);
}

describe('certificate options', () => {
  it('shows the 本籍地 that issues a 戸籍証明書 when it is not the 住所地, and issues 個人事項', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-opt-')), timings: { farewellMs: 60_000 } });
    const options = await toOptions(runtime, 'sato-kenji', 'koseki');
    expect(options.screen).toMatchObject({ name: 'certificate-options', kind: 'koseki', issuerName: '架空県試験市', options: { koseki: { scope: 'full' } } });
    runtime.api.send({ type: 'SET_OPTIONS', options: { koseki: { scope: 'individual' } } });
    const changed = await waitForScreen(runtime.api, ['certificate-options'], 2_000, (v) => v.screen.name === 'certificate-options' && v.screen.options?.koseki?.scope === 'individual');
    expect(changed.screen).toMatchObject({ options: { koseki: { scope: 'individual' } } });
    runtime.api.send({ type: 'CONFIRM' });
    const fee = await waitForScreen(runtime.api, ['confirm-fee', 'error']);
    expect(fee.screen).toMatchObject({ name: 'confirm-fee', kind: 'koseki', municipalityName: '架空県試験市' });
  });

  it('offers the fiscal years of a tax certificate and refuses one that is not offered', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-opt-')), timings: { farewellMs: 60_000 } });
    const options = await toOptions(runtime, 'yamada-taro', 'tax');
    if (options.screen.name !== 'certificate-options') throw new Error('not on the options screen');
    const years = options.screen.taxYears ?? [];
    expect(years.length).toBeGreaterThan(0);
    runtime.api.send({ type: 'SET_OPTIONS', options: { tax: { fiscalYear: 1990 } } });
    runtime.api.send({ type: 'SET_OPTIONS', options: { tax: { certificate: 'taxation', fiscalYear: years.at(-1)! } } });
    const chosen = await waitForScreen(runtime.api, ['certificate-options'], 2_000, (v) => v.screen.name === 'certificate-options' && v.screen.options?.tax?.certificate === 'taxation');
    expect(chosen.screen).toMatchObject({ options: { tax: { certificate: 'taxation', fiscalYear: years.at(-1) } } });
    runtime.api.send({ type: 'CONFIRM' });
    await waitForScreen(runtime.api, ['confirm-fee']);
  });

  it('issues a 戸籍の附票 一部 with 本籍・筆頭者 on request: the signed terms carry the choice the kiosk showed', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-opt-')), timings: { farewellMs: 60_000 } });
    const options = await toOptions(runtime, 'sato-kenji', 'koseki-fuhyo');
    expect(options.screen).toMatchObject({ name: 'certificate-options', kind: 'koseki-fuhyo', options: { fuhyo: { scope: 'full', includeHonseki: false } } });
    runtime.api.send({ type: 'SET_OPTIONS', options: { fuhyo: { scope: 'partial' } } });
    runtime.api.send({ type: 'SET_OPTIONS', options: { fuhyo: { includeHonseki: true } } });
    await waitForScreen(runtime.api, ['certificate-options'], 2_000, (v) => v.screen.name === 'certificate-options' && v.screen.options?.fuhyo?.includeHonseki === true);
    runtime.api.send({ type: 'CONFIRM' });
    const fee = await waitForScreen(runtime.api, ['confirm-fee', 'error']);
    expect(fee.screen).toMatchObject({ name: 'confirm-fee', kind: 'koseki-fuhyo', options: { fuhyo: { scope: 'partial', includeHonseki: true } } });
  });

  it('lists the household for 世帯の一部 with the applicant first, preselects her, and names the chosen members on the confirm screen', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-opt-')), timings: { farewellMs: 60_000 } });
    const options = await toOptions(runtime, 'yamada-hanako', 'juminhyo');
    if (options.screen.name !== 'certificate-options') throw new Error('not on the options screen');
    expect(options.screen.members?.map((m) => m.name)).toEqual(['山田　花子', '山田　太郎', '山田　健太', '山田　美咲', '山田　空']);
    runtime.api.send({ type: 'SET_OPTIONS', options: { juminhyo: { scope: 'members' } } });
    const members = await waitForScreen(runtime.api, ['certificate-options'], 2_000, (v) => v.screen.name === 'certificate-options' && v.screen.options?.juminhyo?.scope === 'members');
    expect(members.screen).toMatchObject({ options: { juminhyo: { scope: 'members', memberIds: ['yamada-hanako'] } } });
    runtime.api.send({ type: 'SET_OPTIONS', options: { juminhyo: { memberIds: ['yamada-hanako', 'yamada-sora'] } } });
    await waitForScreen(runtime.api, ['certificate-options'], 2_000, (v) => v.screen.name === 'certificate-options' && v.screen.options?.juminhyo?.memberIds?.length === 2);
    runtime.api.send({ type: 'CONFIRM' });
    const fee = await waitForScreen(runtime.api, ['confirm-fee', 'error']);
    expect(fee.screen).toMatchObject({ name: 'confirm-fee', memberNames: ['山田　花子', '山田　空'] });
  });

  it('issues a 住民票 for the whole household with a scenario file', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-opt-')), timings: { farewellMs: 60_000 } });
    const run = await runScenario(runtime.api, runtime.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', options: { juminhyo: { scope: 'household', includeRelationship: true } }, money: [500] });
    expect(run.finalScreen.screen.name).toBe('thank-you');
    expect(runtime.flow.inspect().money).toMatchObject({ taken: 500, kept: 200, returned: 300 });
  });
});
