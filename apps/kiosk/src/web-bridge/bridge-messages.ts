import { z } from 'zod';
import { certificateKindSchema, taxCertificateSchema } from '@konbini-kofu/center-client';
import type { DevDockCommand, DevDockState } from '../shared/kiosk-api';
import type { ResidentAction } from '../shared/resident-action';
import type { StaffCall, StaffCalls, StaffOp } from '../shared/staff-api';
import { LANGUAGES, type KioskView } from '../shared/screen';

/**
 * The messages of the browser demo's WebSocket bridge (and the Electron IPC payloads): whatever
 * arrives from the page is parsed before it reaches the flow or the emulated devices.
 */
const languageSchema = z.enum(LANGUAGES as [string, ...string[]]).transform((l) => l as (typeof LANGUAGES)[number]);

/** A resident id as the center listed it (the flow checks it is one of those listed). */
const memberId = z.string().min(1).max(64);

/** Option changes carry only the fields that change: no defaults may fill the others in. */
const juminhyoChange = z
  .strictObject({
    scope: z.enum(['self', 'household', 'members']).optional(),
    memberIds: z.array(memberId).min(1).max(20).optional(),
    includeHonseki: z.boolean().optional(),
    includeRelationship: z.boolean().optional(),
    includeMyNumber: z.boolean().optional(),
    includeForeignResidentItems: z.boolean().optional(),
  })
  .transform(withoutUndefined);
const taxChange = z.strictObject({ certificate: taxCertificateSchema.optional(), fiscalYear: z.number().int().min(1989).max(2200).optional() }).transform(withoutUndefined);
const kosekiChange = z.strictObject({ scope: z.enum(['full', 'individual']).optional(), memberId: memberId.optional() }).transform(withoutUndefined);
const fuhyoChange = z.strictObject({ scope: z.enum(['full', 'partial']).optional(), includeHonseki: z.boolean().optional() }).transform(withoutUndefined);

/** Drops absent fields, so the parsed value fits exact optional property types. */
function withoutUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export const residentActionSchema: z.ZodType<ResidentAction> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('START'), medium: z.enum(['card', 'phone']).optional() }),
  z.object({ type: z.literal('SET_LANGUAGE'), language: languageSchema }),
  z.object({ type: z.literal('ACCEPT_TERMS') }),
  z.object({ type: z.literal('PIN_DIGIT'), digit: z.number().int().min(0).max(9) }),
  z.object({ type: z.literal('PIN_DELETE') }),
  z.object({ type: z.literal('PIN_SUBMIT') }),
  z.object({ type: z.literal('CHOOSE_CERTIFICATE'), kind: certificateKindSchema }),
  z.object({ type: z.literal('SET_COPIES'), copies: z.number().int().min(1).max(99) }),
  z.object({ type: z.literal('SET_OPTIONS'), options: z.strictObject({ juminhyo: juminhyoChange.optional(), tax: taxChange.optional(), koseki: kosekiChange.optional(), fuhyo: fuhyoChange.optional() }).transform(withoutUndefined) }),
  z.object({ type: z.literal('CONFIRM') }),
  z.object({ type: z.literal('BACK') }),
  z.object({ type: z.literal('CANCEL') }),
  z.object({ type: z.literal('STILL_HERE') }),
  z.object({ type: z.literal('PRINT_RECEIPT') }),
]);

const denominationSchema = z.union([z.literal(10), z.literal(50), z.literal(100), z.literal(500), z.literal(1000), z.literal(2000), z.literal(5000), z.literal(10000)]);

export const devDockCommandSchema: z.ZodType<DevDockCommand> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('PLACE_CARD'), profileId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('LIFT_CARD') }),
  z.object({ type: z.literal('INSERT_MONEY'), denomination: denominationSchema }),
  z.object({ type: z.literal('TAKE'), item: z.enum(['certificate', 'change']) }),
  z.object({ type: z.literal('FAULT'), fault: z.enum(['printer-paper-out', 'printer-tray-empty', 'center-down', 'reader-unplugged', 'cash-unit-down', 'clear']) }),
]);

export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('action'), action: residentActionSchema }),
  z.object({ t: z.literal('dock'), command: devDockCommandSchema }),
  z.object({ t: z.literal('staff'), id: z.number().int().min(0), call: z.lazy(() => staffCallSchema) }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { t: 'hello'; devDock: boolean; staff: boolean }
  | { t: 'view'; view: KioskView }
  | { t: 'dock'; state: DevDockState }
  | { t: 'staff-reply'; id: number; reply: StaffCalls[StaffOp]['reply'] }
  | { t: 'staff-open' };

export type ParsedClientMessage = { ok: true; message: ClientMessage } | { ok: false; error: string };

export function parseClientMessage(raw: string): ParsedClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = clientMessageSchema.safeParse(json);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

const noArgs = <K extends string>(op: K) => z.strictObject({ op: z.literal(op) });

/** A staff call from the page: parsed here like every other message before it reaches the console. */
export const staffCallSchema: z.ZodType<StaffCall> = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('unlock-pin'), pin: z.string().regex(/^\d{4,8}$/) }),
  noArgs('unlock-card'),
  noArgs('lock'),
  noArgs('overview'),
  noArgs('clear-forgotten'),
  noArgs('claims'),
  z.strictObject({ op: z.literal('settle-claim'), claimId: z.string().min(1).max(200), paid: z.number().int().min(0).max(1_000_000) }),
  noArgs('hopper-levels'),
  z.strictObject({ op: z.literal('refill'), coin: z.union([z.literal(10), z.literal(50), z.literal(100), z.literal(500)]), count: z.number().int().min(1).max(5000) }),
  noArgs('collect-cashbox'),
  noArgs('test-print'),
  noArgs('test-card'),
  noArgs('test-signals'),
  noArgs('acceptance-test-start'),
  noArgs('acceptance-test-status'),
  noArgs('acceptance-test-finish'),
  noArgs('diagnostics'),
  noArgs('day-counters'),
  noArgs('refusals'),
  z.strictObject({ op: z.literal('set-service'), inService: z.boolean() }),
]) as z.ZodType<StaffCall>;
