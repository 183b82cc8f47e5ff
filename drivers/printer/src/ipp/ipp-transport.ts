import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type IppExchangeFailure = { kind: 'unreachable'; detail: string } | { kind: 'timeout'; detail: string } | { kind: 'http'; detail: string };
export type IppExchangeResult = { ok: true; body: Uint8Array } | { ok: false; failure: IppExchangeFailure };

/** One IPP request/response exchange (RFC 8010 §4: an HTTP POST of application/ipp). */
export interface IppTransport {
  exchange(body: Uint8Array, timeoutMs: number): Promise<IppExchangeResult>;
}

/** Answers larger than this are not IPP status answers the kiosk asked for. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** ipp://host[:port]/path → the http URL it names (RFC 8010 §4: default port 631; ipps → https). */
export function httpUrlOfIppUri(uri: string): URL {
  const parsed = new URL(uri);
  if (parsed.protocol !== 'ipp:' && parsed.protocol !== 'ipps:') throw new RangeError(`not an ipp:// or ipps:// URI: ${uri}`);
  const url = new URL(`${parsed.protocol === 'ipps:' ? 'https' : 'http'}://${parsed.host}${parsed.pathname}${parsed.search}`);
  if (!parsed.port) url.port = '631';
  return url;
}

export class HttpIppTransport implements IppTransport {
  private readonly url: URL;

  constructor(printerUri: string) {
    this.url = httpUrlOfIppUri(printerUri);
  }

  exchange(body: Uint8Array, timeoutMs: number): Promise<IppExchangeResult> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (r: IppExchangeResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/ipp', 'content-length': body.length },
        agent: false,
      });
      // One deadline for connect + send + answer: a stopped printer accepts the TCP connection and then says nothing.
      const timer = setTimeout(() => {
        settle({ ok: false, failure: { kind: 'timeout', detail: `no IPP answer from ${this.url.host} within ${timeoutMs} ms` } });
        req.destroy();
      }, timeoutMs);
      req.on('error', (e: NodeJS.ErrnoException) => settle({ ok: false, failure: { kind: 'unreachable', detail: `${this.url.host}: ${e.code ?? e.message}` } }));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            settle({ ok: false, failure: { kind: 'http', detail: `IPP answer larger than ${MAX_RESPONSE_BYTES} bytes` } });
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (e) => settle({ ok: false, failure: { kind: 'unreachable', detail: `${this.url.host}: ${e.message}` } }));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            settle({ ok: false, failure: { kind: 'http', detail: `HTTP ${res.statusCode ?? '?'} from ${this.url.href}` } });
            return;
          }
          if (!/^application\/ipp\b/i.test(res.headers['content-type'] ?? '')) {
            settle({ ok: false, failure: { kind: 'http', detail: `answer is ${res.headers['content-type'] ?? 'untyped'}, not application/ipp` } });
            return;
          }
          settle({ ok: true, body: new Uint8Array(Buffer.concat(chunks)) });
        });
      });
      req.end(body);
    });
  }
}
