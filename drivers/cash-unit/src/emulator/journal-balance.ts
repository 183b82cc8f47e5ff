import type { MoneyJournal, SessionBalance } from '../journal/money-journal';

/** Every session in the journal whose money does not add up (taken ≠ kept + paid out + claim). */
export function unbalancedSessions(journal: MoneyJournal): Array<{ session: string } & SessionBalance> {
  return journal
    .sessions()
    .map((session) => ({ session, ...journal.balance(session) }))
    .filter((b) => !b.balanced);
}
