import { z } from 'zod';
import { certificateKindSchema } from '@konbini-kofu/center-client';

const denomination = z.union([z.literal(10), z.literal(50), z.literal(100), z.literal(500), z.literal(1000), z.literal(2000), z.literal(5000), z.literal(10000)]);

/** One resident's visit, as QA writes it: what they place, type, choose and insert. */
export const scenarioSchema = z.object({
  name: z.string().default('scenario'),
  card: z.string(),
  /** PIN attempts in order; the last one is expected to be right unless the card locks. */
  pins: z.array(z.string().regex(/^\d{4}$/)).min(1),
  certificate: certificateKindSchema,
  copies: z.number().int().min(1).max(10).default(1),
  /** SET_OPTIONS payload for the chosen certificate (世帯全員, 年度, 全部事項 …). */
  options: z
    .object({
      juminhyo: z.record(z.string(), z.union([z.string(), z.boolean()])).optional(),
      tax: z.object({ certificate: z.enum(['income', 'taxation', 'payment']).optional(), fiscalYear: z.number().int().optional() }).optional(),
      koseki: z.object({ scope: z.enum(['full', 'individual']).optional() }).optional(),
    })
    .optional(),
  money: z.array(denomination).default([]),
  /** Press 中止 once this much was inserted (tests cancel with money taken). */
  cancelAfterInserted: z.number().int().optional(),
  takeOutputs: z.boolean().default(true),
});
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
