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

    store.insert({ requestId: meta.requestId, documentSerial: { municipalityCode: '992011', year: 2026, serial: 1 }, requestHash: 'h', residentId: 'r', residentMunicipality: '992011', issuerMunicipality: '992011', kioskId: 'kiosk-0001', sessionId: 's', kioskMunicipality: null, kind: 'juminhyo', copies: 1, fee: 200, issuedAt: 2, document: meta, pdf });
    expect(store.find(meta.requestId)?.document).toEqual({ document: meta, pdf });
    const row = store.db.prepare('SELECT body, pdf FROM documents WHERE request_id = ?').get(meta.requestId) as { body: string; pdf: Buffer };
    expect(row.pdf.equals(pdf)).toBe(true);
    expect(row.body).not.toContain(pdf.toString('base64'));
    store.close();
  });

  it('makes a document serial durable with its application, in one commit with the validation results waiting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kk-store-'));
    dirs.push(dir);
    const path = join(dir, 'center.sqlite');
    const store = new ApplicationStore(path);
    const application = (serial: number, requestId: string) => ({
      requestId,
      documentSerial: { municipalityCode: '992011', year: 2026, serial },
      requestHash: 'h',
      residentId: 'r',
      residentMunicipality: '992011',
      issuerMunicipality: '992011',
      kioskId: 'kiosk-0001',
      sessionId: 's',
      kioskMunicipality: null,
      kind: 'juminhyo' as const,
      copies: 1,
      fee: 200,
      issuedAt: 1,
      document: { ...meta, requestId },
      pdf,
    });
    expect([store.nextDocumentSerial('992011', 2026), store.nextDocumentSerial('992011', 2026), store.nextDocumentSerial('992012', 2026)]).toEqual([1, 2, 1]);
    store.logValidation({ at: '2026-11-25T01:00:00.000Z', serial: '01', result: 'OK' });
    // Neither the serials handed out nor the validation result is a commit of its own …
    const reader = new Database(path, { readonly: true });
    const written = () => [reader.prepare('SELECT COUNT(*) AS n FROM jpki_validations').get(), reader.prepare("SELECT last FROM document_numbers WHERE scope = '992011-2026'").get()];
    expect(written()).toEqual([{ n: 0 }, undefined]);
    // … they are written with the application that carries serial 2.
    store.insert(application(2, 'request-2'));
    expect(written()).toEqual([{ n: 1 }, { last: 2 }]);
    reader.close();
    store.logValidation({ at: '2026-11-25T01:00:01.000Z', serial: '02', result: 'CERT_REVOKED' });
    store.close();

    // After a restart: the sequence goes on after the last serial an application carried (2),
    // and the validation result written at close is there.
    const again = new ApplicationStore(path);
    expect(again.nextDocumentSerial('992011', 2026)).toBe(3);
    expect(again.nextDocumentSerial('992012', 2026)).toBe(1);
    expect(again.validationCounts()).toEqual({ OK: 1, CERT_REVOKED: 1 });
    again.close();
  });
});
