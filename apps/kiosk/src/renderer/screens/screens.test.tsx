import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type KioskView } from '../../shared/screen';
import { translatorFor } from '../i18n/translate';
import { KioskFrame } from '../shell/kiosk-frame';
import { sampleViews } from '../testing/sample-views';
import { ScreenBody } from './screen-body';

function render(view: KioskView): string {
  const { t, yen } = translatorFor(view.language);
  const send = () => undefined;
  return renderToStaticMarkup(
    <KioskFrame view={view} t={t} send={send} voice toggleVoice={send} openLanguage={send} caption={t(view.guidanceKey)} overlays={null} devDock={null}>
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
    expect(html).toContain(t(view.guidanceKey).replace(/"/g, '&quot;'));
    expect(html).toContain('Language');
    expect(text(html)).not.toMatch(/\b(guidance|error|refusal|payment|pin|cert|step|ui)\.[a-zA-Z-]+/);
  });
});

describe('screen details', () => {
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

  it('pictures each thing left to take', () => {
    const html = render(sampleViews['take-outputs']);
    for (const label of ['カード', '証明書', 'おつり']) expect(html).toContain(`<span class="output__name">${label}</span>`);
  });

  it('shows 中止 during a transaction and greys it out where the flow forbids it', () => {
    expect(render(sampleViews.paying)).toMatch(/<button type="button" class="button button--cancel">/);
    expect(render(sampleViews.printing)).toMatch(/<button type="button" class="button button--cancel" disabled="">/);
    expect(render(sampleViews.attract)).not.toContain('button--cancel');
  });

  it('names why an offering is unavailable (out of hours)', () => {
    expect(render(sampleViews['choose-certificate'])).toContain('発行できる時間外です');
  });
});
