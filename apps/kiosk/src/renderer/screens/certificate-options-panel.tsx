import { Icon } from '../pictures/icons';
import type { Translate } from '../i18n/translate';
import { PAGE_LEGEND, choiceKindOf, isPeoplePage, type OptionsPage, type PageChoice, type SetOptions } from './options-pages';

interface Props {
  page: OptionsPage;
  choices: PageChoice[];
  t: Translate;
  set: (options: SetOptions) => void;
}

/**
 * One decision as native radio buttons (either/or) or checkboxes (items to include): the
 * state is in the control, in a mark and in words, never in colour alone. Each choice carries
 * its number, which the keypad's number keys choose.
 */
export function CertificateOptionsPanel({ page, choices, t, set }: Props) {
  const kind = choiceKindOf(page);
  if (!kind) return null;
  const people = isPeoplePage(page);
  const firstFocus = Math.max(
    choices.findIndex((c) => c.selected && kind === 'radio'),
    0,
  );
  return (
    <fieldset className={people ? 'option-group option-group--people' : 'option-group'}>
      {/* The page's title already names the group of people: the legend is for screen readers there. */}
      <legend className={people ? 'option-group__legend visually-hidden' : 'option-group__legend'}>{t(PAGE_LEGEND[page])}</legend>
      {choices.map((choice, i) => (
        <label key={choice.labelKey + JSON.stringify(choice.labelParams ?? {})} className={choice.selected ? 'option option--on' : 'option'}>
          <input
            className="option__input"
            type={kind}
            name={page}
            checked={choice.selected}
            data-autofocus={i === firstFocus ? true : undefined}
            aria-disabled={choice.locked ? true : undefined}
            onChange={() => (choice.locked ? undefined : set(choice.change))}
          />
          <span className="option__number" aria-hidden="true">
            {i + 1}
          </span>
          <span className={`option__mark option__mark--${kind}`} aria-hidden="true">
            {choice.selected ? <Icon name="check" /> : null}
          </span>
          <span className="option__label">{t(choice.labelKey, choice.labelParams)}</span>
          {kind === 'checkbox' ? <span className="option__state">{choice.selected ? t('options.on') : t('options.off')}</span> : null}
        </label>
      ))}
    </fieldset>
  );
}
