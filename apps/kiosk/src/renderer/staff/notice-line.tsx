import type { Notice } from './use-staff-call';

/** The outcome of a staff call under its panel's heading; an error is announced at once (role alert). */
export function NoticeLine({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <p className={`staff__message staff__message--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}
