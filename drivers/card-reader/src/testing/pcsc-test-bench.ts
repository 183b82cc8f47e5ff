import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCardProfile, loadTestPki, type TestPki } from '@konbini-kofu/fixtures';
import type { ReaderStatus } from '../card-reader';
import { virtualCardFromProfile } from '../emulator/card-from-profile';
import type { VirtualCardBehaviour, VirtualJpkiCard } from '../emulator/virtual-jpki-card';

/** Where tests, the CLI and the bench keep pcscd's config, socket and log: the package's .tmp/. */
export function scratchDir(prefix: string): string {
  const base = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

let pki: TestPki | undefined;

/** The profile's user-authentication PIN, so tests follow the fixtures. */
export function pinOf(profileId: string): string {
  const profile = findCardProfile(profileId);
  if (!profile) throw new Error(`no card profile ${profileId}`);
  return profile.pin;
}

export async function cardOf(profileId: string, behaviour: VirtualCardBehaviour = {}): Promise<VirtualJpkiCard> {
  const profile = findCardProfile(profileId);
  if (!profile) throw new Error(`no card profile ${profileId}`);
  pki ??= await loadTestPki();
  return virtualCardFromProfile(profile, pki, behaviour);
}

/** Resolves when the reader reports a status of that kind (or rejects after timeoutMs). */
export function statusReached(reader: { status(): ReaderStatus; onStatusChange(l: (s: ReaderStatus) => void): () => void }, kind: ReaderStatus['kind'], timeoutMs = 10_000): Promise<ReaderStatus> {
  if (reader.status().kind === kind) return Promise.resolve(reader.status());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`reader did not reach ${kind} within ${timeoutMs} ms (now ${JSON.stringify(reader.status())})`));
    }, timeoutMs);
    const off = reader.onStatusChange((s) => {
      if (s.kind !== kind) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}
