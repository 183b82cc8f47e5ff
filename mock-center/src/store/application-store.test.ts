import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationStore } from './application-store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const meta = {
  requestId: '7f1c1a0e-0000-4000-8000-000000000001',
  documentNumber: '992011-2026-000001',
  kind: 'juminhyo' as const,
  municipality: { code: '992011', name: '架空県見本市' },
  fee: 200,
  copies: 1,
  issuedAt: '2026-11-25T01:00:00.000Z',
  pages: 1,
  antiForgery: { documentHash: 'a'.repeat(64), signature: 'AA==', keyId: 'test' },
};
const pdf = Buffer.from('%PDF-1.7 \x00\xff binary bytes');

describe('ApplicationStore documents', () => {
  it('keeps the PDF as bytes beside the rest, and still reads a log written with the PDF in base64 inside the JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-store-'));
    dirs.push(dir);
    const path = join(dir, 'center.sqlite');
    // A log from before: documents(request_id, body) with the whole document as JSON.
    const old = new Database(path);
    old.exec('CREATE TABLE documents (request_id TEXT PRIMARY KEY, body TEXT NOT NULL)');
    old.prepare('INSERT INTO documents VALUES (?, ?)').run('old-request', JSON.stringify({ ...meta, requestId: 'old-request', pdf: pdf.toString('base64') }));
    old.close();

    const store = new ApplicationStore(path);
    store.db.prepare(
      `INSERT INTO applications (request_id, request_hash, resident_id, resident_municipality, issuer_municipality, kiosk_id, kind, copies, fee, status, issued_at, updated_at, document, session_id)
       VALUES ('old-request', 'h', 'r', '992011', '992011', 'kiosk-0001', 'juminhyo', 1, 200, 'issued', 1, 1, '', 's')`,
    ).run();
    expect(store.find('old-request')?.document).toEqual({ document: { ...meta, requestId: 'old-request' }, pdf });

    store.insert({ requestId: meta.requestId, requestHash: 'h', residentId: 'r', residentMunicipality: '992011', issuerMunicipality: '992011', kioskId: 'kiosk-0001', sessionId: 's', kioskMunicipality: null, kind: 'juminhyo', copies: 1, fee: 200, issuedAt: 2, document: meta, pdf });
    expect(store.find(meta.requestId)?.document).toEqual({ document: meta, pdf });
    const row = store.db.prepare('SELECT body, pdf FROM documents WHERE request_id = ?').get(meta.requestId) as { body: string; pdf: Buffer };
    expect(row.pdf.equals(pdf)).toBe(true);
    expect(row.body).not.toContain(pdf.toString('base64'));
    store.close();
  });
});
