import { Icon } from '../pictures/icons';
import type { Step } from '../../shared/screen';
import type { Translate } from '../i18n/translate';

const STEPS: readonly Step[] = ['card', 'pin', 'certificate', 'confirm', 'payment', 'print'];

/** カード → 暗証番号 → 証明書 → 確認 → お支払い → 印刷: number, text and marker, never colour alone. */
export function StepBar({ step, t }: { step: Step | null; t: Translate }) {
  const current = step ? STEPS.indexOf(step) : -1;
  return (
    <nav className="step-bar" aria-label={t('step.label')}>
      <ol>
        {STEPS.map((s, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'todo';
          return (
            <li key={s} className={`step step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step__number" aria-hidden="true">
                {state === 'done' ? <Icon name="check" /> : i + 1}
              </span>
              <span className="step__name">{t(`step.${s}`)}</span>
              {state === 'done' ? <span className="visually-hidden">（{t('step.done')}）</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
