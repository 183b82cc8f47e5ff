// QA / demo console for the cash unit: the real drivers (SerialCashUnit over serialport) against the
// ID-003 and ccTalk emulators on socat ptys. Usage (see drivers/cash-unit/README.md):
//   npx tsx drivers/cash-unit/src/emulator/qa-cli.ts                       interactive
//   npx tsx drivers/cash-unit/src/emulator/qa-cli.ts --script "pay 300; note 1000; wait 1; hoppers"
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Coin, Note, PaymentEvent, PaymentSession } from '../cash-unit';
import { sleep } from '../devices/device-connection';
import { journalCashMaintenance, type CashboxContents, type JournalCashMaintenance } from '../journal/cash-maintenance';
import { HOPPER_ADDRESSES, startEmulatedCashUnit, type EmulatedCashUnit } from './emulated-cash-unit';

const COINS: readonly number[] = [10, 50, 100, 500];
const NOTES: readonly number[] = [1000, 2000, 5000, 10000];

const HELP = `commands:
  pay <fee>                 start a payment session (events are printed)
  coin <10|50|100|500>      insert a coin            note <1000|2000|5000|10000>  insert a note
  cancel                    cancel the session       refund <yen>                 pay back a kept fee
  hoppers                   hopper levels (emulator vs journal), change tray, return cup, stacker
  status                    cash unit status         claims                       open claims
  empty <coin> | level <coin> <n>                    set an emulated hopper's coins
  refill <coin> <n>         maintenance: journal a refill (and fill the emulated hopper)
  cashbox | collect         maintenance: stacker + coin cashbox contents / empty them
  jam | stacker-full | stacker-open | cheat | clear  bill validator faults
  jam-stack | lose-ack <n>  jam the next stacked note / lose the next n VEND VALID ACKs
  inflight <coin>           a coin that passes the gate whatever the inhibits say
  garbage <validator|bus> <n>   next n replies are garbage
  power <validator|bus>     power-cycle a device     unplug | replug              the validator's cable
  wait <seconds>            pause (scripts)          help | quit`;

function describe(event: PaymentEvent): string {
  switch (event.kind) {
    case 'credited':
      return `credited ¥${event.denomination} (inserted ¥${event.inserted}, remaining ¥${event.remaining})`;
    case 'note-escrowed':
      return `note ¥${event.denomination} held in escrow (remaining ¥${event.remaining})`;
    case 'note-returned':
      return `note ¥${event.denomination} returned: ${event.reason}`;
    case 'paying-change':
      return `paying change ¥${event.amount}`;
    case 'claim-recorded':
      return `CLAIM ¥${event.amount}: could not be paid, recorded for staff`;
    case 'fault':
    case 'rejected':
      return `${event.kind} (${event.device}): ${event.detail}`;
  }
}

function describeCashbox(contents: CashboxContents): string {
  const list = (m: ReadonlyMap<number, number>): string => [...m].map(([v, n]) => `¥${v}×${n}`).join(' ') || '-';
  return `notes ${list(contents.notes)}, coins ${list(contents.coins)}, total ¥${contents.total}`;
}

class QaConsole {
  private session: PaymentSession | undefined;
  private readonly maintenance: JournalCashMaintenance;

  constructor(
    private readonly rig: EmulatedCashUnit,
    private readonly print: (line: string) => void,
  ) {
    this.maintenance = journalCashMaintenance(rig.journal, HOPPER_ADDRESSES.map((h) => h.coin));
  }

  async run(line: string): Promise<boolean> {
    const [command = '', ...args] = line.trim().split(/\s+/);
    const n = (i: number): number => Number(args[i]);
    const { rig } = this;
    switch (command) {
      case '':
        return true;
      case 'pay': {
        if (this.session) return this.say('a session is already open');
        const session = rig.unit.collect(n(0), (e) => this.print(`  · ${describe(e)}`));
        this.session = session;
        void session.outcome.then((outcome) => {
          this.print(`  = ${JSON.stringify(outcome)}`);
          if (this.session === session) this.session = undefined;
        });
        return this.say(`session for ¥${n(0)} open`);
      }
      case 'coin':
        if (!COINS.includes(n(0))) return this.say('coins: 10 50 100 500');
        return this.say(`coin ¥${n(0)}: ${rig.bus.insertCoin(n(0) as Coin)}`);
      case 'note':
        if (!NOTES.includes(n(0))) return this.say('notes: 1000 2000 5000 10000');
        return this.say(`note ¥${n(0)}: ${rig.validator.insertNote(n(0) as Note)}`);
      case 'cancel':
        await this.session?.cancel('resident');
        return true;
      case 'refund':
        return this.say(JSON.stringify(await rig.unit.refund(n(0))));
      case 'hoppers':
        for (const h of rig.bus.hoppers.values()) {
          this.say(`hopper ${h.address} ¥${h.coin}: emulator ${h.level}, journal ${rig.journal.count('hopper', h.coin)}${h.level < h.lowLevel ? ' (LOW)' : ''}`);
        }
        this.say(`change tray: ${rig.bus.tray.join(' ') || '-'}   return cup: ${rig.bus.returnCup.join(' ') || '-'}`);
        return this.say(`stacker: ${rig.validator.stacked.join(' ') || '-'}   notes returned: ${rig.validator.returned.join(' ') || '-'}`);
      case 'status':
        return this.say(JSON.stringify(rig.unit.status()));
      case 'claims':
        return this.say(JSON.stringify(rig.journal.openClaims()));
      case 'empty':
        rig.bus.emptyHopper(n(0) as Coin);
        return true;
      case 'level':
        rig.bus.setHopperLevel(n(0) as Coin, n(1));
        return true;
      case 'refill':
        if (!COINS.includes(n(0))) return this.say('coins: 10 50 100 500');
        await this.maintenance.refillHopper(n(0) as Coin, n(1));
        rig.bus.setHopperLevel(n(0) as Coin, rig.bus.hopperLevel(n(0) as Coin) + n(1));
        return true;
      case 'cashbox':
        return this.say(describeCashbox(await this.maintenance.cashboxContents()));
      case 'collect':
        return this.say(`collected ${describeCashbox(await this.maintenance.collectCashbox())}`);
      case 'jam':
        rig.validator.fault('jam-in-acceptor');
        return true;
      case 'stacker-full':
      case 'stacker-open':
        rig.validator.fault(command);
        return true;
      case 'cheat':
        rig.validator.fault('cheated');
        return true;
      case 'jam-stack':
        rig.validator.jamNextStack = true;
        return true;
      case 'lose-ack':
        rig.validator.loseAcks = n(0) || 1;
        return true;
      case 'inflight':
        if (!COINS.includes(n(0))) return this.say('coins: 10 50 100 500');
        rig.bus.coinInFlight(n(0) as Coin);
        return true;
      case 'clear':
        rig.validator.clearFault();
        return true;
      case 'garbage':
        (args[0] === 'bus' ? rig.bus : rig.validator).mangle.garbageNext(n(1) || 1);
        return true;
      case 'power':
        (args[0] === 'bus' ? rig.bus : rig.validator).powerCycle();
        return true;
      case 'unplug':
        await rig.unplugValidator();
        return true;
      case 'replug':
        await rig.replugValidator();
        return true;
      case 'wait':
        await sleep((n(0) || 1) * 1000);
        return true;
      case 'help':
        return this.say(HELP);
      case 'quit':
      case 'exit':
        return false;
      default:
        return this.say(`unknown command "${command}" (try help)`);
    }
  }

  private say(line: string): true {
    this.print(line);
    return true;
  }
}

async function main(): Promise<void> {
  const dir = resolve(process.env.CASH_QA_DIR ?? join(import.meta.dirname, '../../.tmp/qa'));
  mkdirSync(dir, { recursive: true });
  const scriptIndex = process.argv.indexOf('--script');
  const script = scriptIndex > 0 ? process.argv[scriptIndex + 1] : undefined;
  const rig = await startEmulatedCashUnit({ dir, journalPath: join(dir, 'money.sqlite'), hopperLevels: { 10: 50, 50: 20, 100: 50, 500: 20 } });
  await rig.unit.whenReady();
  console.log(`cash unit up. ID-003 line ${rig.validatorLine.hostPath}, ccTalk bus ${rig.busLine.hostPath}, journal ${dir}/money.sqlite`);
  const qa = new QaConsole(rig, (line) => console.log(line));
  try {
    if (script !== undefined) {
      for (const line of script.split(';')) {
        console.log(`> ${line.trim()}`);
        if (!(await qa.run(line))) break;
        await sleep(100);
      }
    } else {
      console.log(HELP);
      const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'cash> ' });
      rl.prompt();
      for await (const line of rl) {
        if (!(await qa.run(line))) break;
        rl.prompt();
      }
      rl.close();
    }
  } finally {
    await rig.close();
  }
}

await main();
