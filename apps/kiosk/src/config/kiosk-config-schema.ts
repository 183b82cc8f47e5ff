import { z } from 'zod';
import { LANGUAGES, type Language } from '../shared/screen';
import { centerConfigSchema, devicesConfigSchema } from './device-config-schema';

const seconds = (min: number, max: number) =>
  z
    .number({ error: 'must be a number of seconds (no quotes)' })
    .int({ error: 'must be whole seconds' })
    .min(min, { error: `must be at least ${min} s` })
    .max(max, { error: `must be at most ${max} s` });

const yen = (max: number) =>
  z
    .number({ error: 'must be an amount in yen (a number, no quotes or ¥)' })
    .int({ error: 'must be whole yen' })
    .min(0, { error: 'must not be negative' })
    .max(max, { error: `must be at most ¥${max}` })
    .refine((v) => v % 10 === 0, { error: 'must be a multiple of ¥10 (the smallest coin accepted)' });

const language = z.enum(LANGUAGES as [Language, ...Language[]], { error: `must be one of ${LANGUAGES.join(', ')}` });

const brandingSchema = z
  .object({
    /** Accent colour of buttons and the step bar. */
    primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like "#007a3d"' }).default('#007a3d'),
    /** PNG or SVG shown on the attract screen; absent → the store name in text. */
    logoPath: z.string().regex(/\.(png|svg)$/i, { error: 'must be a .png or .svg file' }).optional(),
  })
  .strict()
  .prefault({});

const storeSchema = z
  .object({
    name: z.string().min(1, { error: 'must not be empty: the store name shown on receipts and to staff' }).default('デモ店舗 Demo Store'),
    operator: z.string().min(1, { error: 'must not be empty: the operator (chain) name' }).default('konbini-kofu demo'),
    branding: brandingSchema,
  })
  .strict()
  .prefault({});

const languagesSchema = z
  .object({
    default: language.default('ja'),
    offered: z.array(language).min(1, { error: 'must list at least one language, e.g. ["ja", "en"]' }).default([...LANGUAGES]),
  })
  .strict()
  .refine((l) => l.offered.includes(l.default), { error: 'languages.default must be one of languages.offered — add it to offered', path: ['default'] })
  .prefault({});

const timeoutsSchema = z
  .object({
    /** Idle time on a screen before 「まだ操作中ですか？」 appears. */
    stillThereAfter: seconds(10, 600).default(60),
    /** Countdown of that prompt before the session is cancelled. */
    stillThereCountdown: seconds(5, 120).default(20),
    /** Time to insert the money before the payment is cancelled and refunded. */
    payment: seconds(30, 900).default(180),
    /** Each call to the center. */
    centerRequest: seconds(1, 120).default(15),
  })
  .strict()
  .prefault({});

/** Escalation when the card, certificate or change are left behind (取り忘れ). */
const alarmsSchema = z
  .object({
    chimeAfter: seconds(1, 300).default(8),
    voiceAfter: seconds(1, 300).default(20),
    staffCallAfter: seconds(1, 900).default(45),
  })
  .strict()
  .refine((a) => a.chimeAfter < a.voiceAfter && a.voiceAfter < a.staffCallAfter, {
    error: 'alarms must escalate: chimeAfter < voiceAfter < staffCallAfter — raise the later ones',
    path: ['voiceAfter'],
  })
  .prefault({});

const cashSchema = z
  .object({
    acceptedNotes: z
      .array(z.union([z.literal(1000), z.literal(2000), z.literal(5000), z.literal(10000)], { error: 'must be 1000, 2000, 5000 or 10000' }))
      .default([1000]),
    /** More than this inserted in one session is returned (a guard against fishing). */
    maxInserted: yen(100_000).default(10_000),
    /** Notes that would need more change than this are returned instead of taken. */
    maxChange: yen(20_000).default(9_990),
    /** A hopper at or under this many coins raises the hopper-low alarm for staff. */
    hopperLowCoins: z.number().int().min(0).max(5000).default(20),
  })
  .strict()
  .prefault({});

/** scrypt of the demo staff PIN "999999": fine for emulated devices, refused by check-config for real ones. */
export const DEMO_STAFF_PIN_HASH = 'scrypt$6b6f6e62696e692d6b6f66752d64656d$44162213dd6ded2b593c940c430651408f0d99e18410ea1d60958686771416bf';

const staffSchema = z
  .object({
    /**
     * scrypt hash of the staff PIN, "scrypt$<salt hex>$<key hex>" as `hashStaffPin` makes it.
     * The default is the demo's PIN 999999.
     */
    pinHash: z
      .string()
      .regex(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/, { error: 'must be "scrypt$<salt>$<hash>": make one with `npx tsx apps/kiosk/src/staff/hash-staff-pin-cli.ts`' })
      .default(DEMO_STAFF_PIN_HASH),
    /** Card profile ids (or staff card serials) that open staff mode without the PIN. */
    cardIds: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .prefault({});

const monitoringSchema = z
  .object({
    /** Prometheus text endpoint, always on 127.0.0.1 (a fleet agent on the PC scrapes it). */
    metricsPort: z.number().int().min(1024, { error: 'must be 1024–65535 (the kiosk does not run as root)' }).max(65535).default(9464),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug'], { error: 'must be fatal, error, warn, info or debug' }).default('info'),
  })
  .strict()
  .prefault({});

export const kioskConfigSchema = z
  .object({
    kioskId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, { error: 'must be 3–64 lower-case letters, digits or "-", e.g. "tokyo-chiyoda-0001"' })
      .default('demo-kiosk-0001'),
    center: centerConfigSchema,
    store: storeSchema,
    devices: devicesConfigSchema,
    languages: languagesSchema,
    timeouts: timeoutsSchema,
    alarms: alarmsSchema,
    cash: cashSchema,
    staff: staffSchema,
    monitoring: monitoringSchema,
  })
  .strict();

export type KioskConfig = z.infer<typeof kioskConfigSchema>;
/** What a config file may contain: every field optional where a demo default exists. */
export type KioskConfigInput = z.input<typeof kioskConfigSchema>;

/** The embedded defaults: the demo (mock center, emulated devices). */
export function demoConfig(): KioskConfig {
  return kioskConfigSchema.parse({});
}
