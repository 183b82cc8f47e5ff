import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type KioskView } from '../../shared/screen';
import { translatorFor } from '../i18n/translate';
import { captionOf } from '../shell/guidance-caption';
import { KioskFrame } from '../shell/kiosk-frame';
import { optionSampleViews, sampleViews } from '../testing/sample-views';
import { ScreenBody } from './screen-body';

function render(view: KioskView): string {
  const { t, yen } = translatorFor(view.language);
  const send = () => undefined;
  return renderToStaticMarkup(
    <KioskFrame view={view} t={t} send={send} voice toggleVoice={send} openLanguage={send} caption={captionOf(view, t)} overlays={null}>
      <ScreenBody screen={view.screen} t={t} yen={yen} send={send} />
    </KioskFrame>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ');

describe('every screen in every language', () => {
  const cases = LANGUAGES.flatMap((language) => Object.values(sampleViews).map((v) => [language, v.screen.name, { ...v, language }] as const));

  it.each(cases)('%s %s: renders its guidance, the language button and no raw message key', (language, _name, view) => {
    const html = render(view);
    const { t } = translatorFor(language);
    expect(html).toContain(captionOf(view, t).replace(/"/g, '&quot;'));
    expect(html).toContain('Language');
    expect(text(html)).not.toMatch(/\b(guidance|error|refusal|payment|pin|cert|step|ui)\.[a-zA-Z-]+/);
  });
});

describe('screen details', () => {
  it('greys a kind out of hours with the hours it can be issued', () => {
    const html = text(render(sampleViews['choose-certificate']));
    expect(html).toMatch(/ただいま発行できません\s*（発行できる時間外です。）\s*発行時間 08:30–17:15/);
  });

  it('masks the PIN: one ● per entered digit, and never a digit in the display', () => {
    const html = render(sampleViews['pin-entry']);
    const display = /<div class="pin-display"[^>]*>(.*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(display.match(/●/g)).toHaveLength(2);
    expect(display).not.toMatch(/[0-9]/);
    expect(html).toContain('次にまちがえると、カードがロックされます');
  });

  it('shows the fee huge, the remaining amount and the accepted money on the payment screen', () => {
    const html = render(sampleViews.paying);
    expect(html).toMatch(/amount--huge">400円</);
    expect(html).toContain('300円');
    expect(html).toContain('1,000円札');
    expect(html).toContain('500円玉');
  });

  it('shows the staff code and the refunded and unpaid amounts on the error screen', () => {
    const html = render(sampleViews.error);
    expect(html).toContain('P-PAPER');
    expect(html).toContain('400円 をお返ししました');
    expect(html).toContain('お返しできなかった 100円');
  });

  it('pictures each thing left to take, where it comes out and the change amount', () => {
    const html = render(sampleViews['take-outputs']);
    for (const label of ['カード', '証明書', 'おつり']) expect(html).toContain(`<span class="output__name">${label}</span>`);
    for (const place of ['カード読み取り台', '証明書の取り出し口', 'おつりの取り出し口']) expect(html).toContain(place);
    expect(html).toContain('800円');
    expect(html).toContain('カード、証明書、おつりをお取りください。');
  });

  it('after a locked card: no print step claimed, only the card named, no apology for the resident\'s own lock', () => {
    const html = render(optionSampleViews[0]!);
    expect(html).not.toContain('step--current');
    expect(html).not.toContain('step--done');
    expect(html).toContain('カードをお取りください。');
    expect(html).not.toContain('証明書とおつり');
    const locked = render(optionSampleViews[1]!);
    expect(locked).not.toContain('ご迷惑');
    expect(locked).toContain('ロックを解除できます');
  });

  it('lists every choice and the fee breakdown on the confirm screen, counted in 通', () => {
    const html = text(render(sampleViews['confirm-fee']));
    for (const shown of ['世帯全員', '続柄', '2通', '1通 200円 × 2通', '400円']) expect(html).toContain(shown);
    expect(html).not.toMatch(/[0-9]部/);
  });

  it('offers 本人のみ/世帯全員 as radio buttons, one decision on the page', () => {
    const { t, yen } = translatorFor('ja');
    const html = renderToStaticMarkup(<ScreenBody screen={sampleViews['certificate-options'].screen} t={t} yen={yen} send={() => undefined} optionsPage={0} />);
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).not.toContain('type="checkbox"');
    const items = renderToStaticMarkup(<ScreenBody screen={sampleViews['certificate-options'].screen} t={t} yen={yen} send={() => undefined} optionsPage={1} />);
    expect(items.match(/type="checkbox"/g)).toHaveLength(3);
    expect(items).not.toContain('国籍');
  });

  it('offers the four tax certificates, 所得・課税 combined on one sheet among them, as one radio group', () => {
    const { t, yen } = translatorFor('ja');
    const tax = optionSampleViews.find((v) => v.screen.name === 'certificate-options' && v.screen.kind === 'tax')!;
    const html = text(renderToStaticMarkup(<ScreenBody screen={tax.screen} t={t} yen={yen} send={() => undefined} optionsPage={0} />));
    for (const name of ['所得証明書', '課税・非課税証明書', '所得・課税証明書（1枚に両方）', '納税証明書']) expect(html).toContain(name);
    expect(renderToStaticMarkup(<ScreenBody screen={tax.screen} t={t} yen={yen} send={() => undefined} optionsPage={0} />).match(/type="radio"/g)).toHaveLength(4);
  });

  it('asks 全部/一部 of the 附票 (radio), then 本籍・筆頭者 only on request (one checkbox, off), and lists both on the confirm screen', () => {
    const { t, yen } = translatorFor('ja');
    const fuhyo = optionSampleViews.find((v) => v.screen.name === 'certificate-options' && v.screen.kind === 'koseki-fuhyo')!;
    const scope = renderToStaticMarkup(<ScreenBody screen={fuhyo.screen} t={t} yen={yen} send={() => undefined} optionsPage={0} />);
    expect(scope.match(/type="radio"/g)).toHaveLength(2);
    for (const name of ['全部（戸籍の全員）', '一部（本人のみ）']) expect(text(scope)).toContain(name);
    const items = renderToStaticMarkup(<ScreenBody screen={fuhyo.screen} t={t} yen={yen} send={() => undefined} optionsPage={1} />);
    expect(items.match(/type="checkbox"/g)).toHaveLength(1);
    expect(items).not.toMatch(/checked=""/);
    expect(text(items)).toContain('本籍・筆頭者を記載するか選んでください');
    expect(text(items)).toContain('不要なら');
    const confirm = text(
      render({ ...sampleViews['confirm-fee'], screen: { name: 'confirm-fee', kind: 'koseki-fuhyo', municipalityName: '北杜市', copies: 1, fee: 300, feeEach: 300, options: { fuhyo: { scope: 'partial', includeHonseki: true } } } }),
    );
    for (const shown of ['戸籍の附票の写し', '一部（本人のみ）', '本籍・筆頭者', '300円']) expect(confirm).toContain(shown);
  });

  it('shows 中止 during a transaction and greys it out where the flow forbids it', () => {
    expect(render(sampleViews.paying)).toMatch(/<button type="button" class="button button--cancel">/);
    expect(render(sampleViews.printing)).toMatch(/<button type="button" class="button button--cancel" disabled="">/);
    expect(render(sampleViews.attract)).not.toContain('button--cancel');
  });

  it('closed, the attract screen says so as its headline: no 「発行できます」 above the notice; out of service lists what is wrong and the staff codes', () => {
    const closed = render({ ...sampleViews.attract, screen: { name: 'attract', open: false, closedReasonKey: 'attract.closed.outOfHours' } });
    expect(closed).toContain('ただいま証明書を発行できません');
    expect(closed).toContain('発行できる時間外です');
    expect(closed).not.toContain('発行できます<');
    const down = text(
      render({
        ...sampleViews.attract,
        screen: { name: 'attract', open: false, closedReasonKey: 'attract.closed.outOfService', problems: [{ reasonKey: 'attract.problem.printerPaper', staffCode: 'P-PAPER' }, { reasonKey: 'attract.problem.centerDown', staffCode: 'N-DOWN' }] },
      }),
    );
    expect(down).toContain('プリンターの用紙がありません');
    expect(down).toContain('証明書発行センターにつながりません');
    expect(down).toContain('係員の方へ：P-PAPER N-DOWN');
    expect(down).not.toContain('証明書を発行できます');
  });

  it('names why an offering is unavailable (out of hours)', () => {
    expect(render(sampleViews['choose-certificate'])).toContain('発行できる時間外です');
  });
});
