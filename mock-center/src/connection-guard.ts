import type { Server } from 'node:net';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface ConnectionLimits {
  /** A TLS handshake (client certificate included) must finish within this. */
  handshakeTimeoutMs: number;
  /** All request headers must arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** A keep-alive connection with no request in flight is closed after this. */
  keepAliveTimeoutMs: number;
  /** Every connection, whatever it is doing (the descriptor budget). */
  maxConnections: number;
  /** Connections still in their TLS handshake, over all addresses: past this, the oldest goes. */
  maxUnauthenticated: number;
  /** Connections still in their TLS handshake from one address. */
  maxUnauthenticatedPerAddress: number;
  /** Established connections of one kiosk certificate from one address (its agent keeps a few). */
  maxPerKiosk: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  handshakeTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 30_000,
  maxConnections: 4_000,
  maxUnauthenticated: 512,
  maxUnauthenticatedPerAddress: 64,
  maxPerKiosk: 16,
};

export interface GuardFigures {
  open: number;
  unauthenticated: number;
  /** Connections closed by a cap (not counting handshake or idle timeouts). */
  refused: number;
  /** TLS handshakes completed so far, and how many of them resumed a session (no certificate exchange). */
  handshakes: number;
  resumed: number;
}

/**
 * Keeps connections from exhausting the center's descriptors and memory. Anyone reachable can
 * open TCP connections before a certificate is checked, so those are capped per address and in
 * total (the busiest address making room for a newcomer, so a flood cannot lock a kiosk out)
 * and timed out by the handshake deadline; once a kiosk certificate is verified, its
 * connections are capped per certificate and address. A TLS socket is matched to the TCP socket it wraps
 * by remote address and port.
 */
export function guardConnections(server: Server, limits: ConnectionLimits, tls: boolean): () => GuardFigures {
  server.maxConnections = limits.maxConnections;
  /** Connections in their handshake, by address, oldest first. */
  const pending = new Map<string, Socket[]>();
  let pendingTotal = 0;
  const perKiosk = new Map<string, number>();
  let open = 0;
  let refused = 0;
  let handshakes = 0;
  let resumed = 0;
  const addressOf = (s: Socket) => s.remoteAddress ?? '?';
  const portOf = (s: Socket) => s.remotePort ?? 0;
  /** No longer pending (handshake done or connection gone); true if it was. */
  const settle = (address: string, port: number): boolean => {
    const list = pending.get(address);
    const i = list ? list.findIndex((s) => portOf(s) === port) : -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    if (list.length === 0) pending.delete(address);
    pendingTotal--;
    return true;
  };
  /** Room for one more: the address holding the most pending connections loses its oldest, so a flood from a few addresses cannot starve a kiosk's single handshake. */
  const evictOne = (): void => {
    let worst: Socket[] | undefined;
    for (const list of pending.values()) if (!worst || list.length > worst.length) worst = list;
    const victim = worst?.[0];
    if (!victim) return;
    settle(addressOf(victim), portOf(victim));
    refused++;
    victim.destroy();
  };

  server.on('connection', (socket: Socket) => {
    open++;
    const address = addressOf(socket);
    const port = portOf(socket);
    socket.once('close', () => {
      open--;
      settle(address, port);
    });
    if (!tls) return;
    const mine = pending.get(address) ?? [];
    if (mine.length >= limits.maxUnauthenticatedPerAddress) {
      refused++;
      return void socket.destroy();
    }
    if (pendingTotal >= limits.maxUnauthenticated) evictOne();
    mine.push(socket);
    pending.set(address, mine);
    pendingTotal++;
  });

  server.on('secureConnection', (socket: TLSSocket) => {
    settle(addressOf(socket), portOf(socket));
    handshakes++;
    if (socket.isSessionReused()) resumed++;
    const cn = (socket.getPeerCertificate() as ReturnType<TLSSocket['getPeerCertificate']> | null)?.subject?.CN;
    // Per certificate and address: the test fleets share a few certificates, real kiosks do not.
    const kiosk = `${typeof cn === 'string' ? cn : '?'}@${addressOf(socket)}`;
    const n = (perKiosk.get(kiosk) ?? 0) + 1;
    if (n > limits.maxPerKiosk) {
      refused++;
      return void socket.destroy();
    }
    perKiosk.set(kiosk, n);
    socket.once('close', () => {
      const left = (perKiosk.get(kiosk) ?? 1) - 1;
      if (left > 0) perKiosk.set(kiosk, left);
      else perKiosk.delete(kiosk);
    });
  });

  return () => ({ open, unauthenticated: pendingTotal, refused, handshakes, resumed });
}
