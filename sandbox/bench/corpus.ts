// Made-up but plausible help desk text for the search benchmark: subjects, descriptions and
// replies from templates over an office-IT vocabulary, with order numbers, names and places that
// make some words rare. Seeded, so every run fills the same database.

/** A small fast seeded generator (mulberry32): the same seed, the same corpus. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THINGS = [
  'printer', 'laptop', 'monitor', 'keyboard', 'mouse', 'docking station', 'headset', 'webcam', 'phone', 'tablet',
  'router', 'VPN', 'email', 'calendar', 'password', 'account', 'invoice', 'badge', 'projector', 'scanner',
  'shared drive', 'backup', 'license', 'browser', 'spreadsheet', 'database', 'server', 'firewall', 'Wi-Fi', 'charger',
  'battery', 'screen', 'microphone', 'speaker', 'desk phone', 'payroll', 'expense report', 'order', 'delivery', 'subscription',
];
const PROBLEMS = [
  'does not turn on', 'keeps crashing', 'is very slow', 'shows an error', 'stopped working', 'will not connect',
  'keeps disconnecting', 'is missing', 'was charged twice', 'cannot be found', 'is locked', 'makes a strange noise',
  'jams on every page', 'freezes after an update', 'asks for a password again and again', 'has a cracked screen',
  'is not syncing', 'prints blank pages', 'overheats', 'drops the line',
];
const PLACES = [
  'on the third floor', 'in the kitchen', 'in meeting room B', 'at the front desk', 'in the warehouse', 'at home',
  'in the Berlin office', 'in the Lisbon office', 'in the Osaka office', 'in the lab', 'near the elevators', 'in the basement',
];
const WHEN = ['since Monday', 'since this morning', 'after the update', 'every afternoon', 'since last week', 'twice today', 'since the move', 'after lunch'];
const TRIED = [
  'I restarted it twice', 'I already reinstalled the driver', 'I checked the cables', 'I logged out and in again',
  'I cleared the cache', 'a colleague has the same problem', 'I tried another socket', 'I updated everything',
];
const AGENT = [
  'Thanks for reporting this. We are looking into it.',
  'Could you send us a photo of the error message?',
  'We have ordered a replacement; it should arrive within three working days.',
  'Please try again now: we reset the settings on our side.',
  'A technician will come by tomorrow morning.',
  'This is a known issue and a fix is planned for the next release.',
  'Could you tell us the serial number on the back of the device?',
  'We have credited the duplicate charge to your account.',
];
const CUSTOMER = [
  'Thanks, that fixed it.',
  'It is still happening today, unfortunately.',
  'Here is the serial number you asked for.',
  'Any news on this? It is blocking my work.',
  'The technician came by but the problem is back.',
  'I attached the error message as text below.',
];
const INTERNAL = [
  'Internal: vendor contract covers this, escalate to facilities.',
  'Internal: customer is on the priority list, do not promise a date.',
  'Internal: duplicate of an older ticket, merge later.',
];
const FIRST = ['Anna', 'Ben', 'Chloé', 'Dmitri', 'Emeka', 'Fatima', 'Goran', 'Hiro', 'Ines', 'Jonas', 'Keiko', 'Lars', 'Maya', 'Nils', 'Olga', 'Pedro'];
const LAST = ['Andersen', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Müller', 'Nakamura'];

export interface CorpusTicket {
  subject: string;
  description: string;
  /** Follow-up comments after the description: who wrote each, public or not. */
  comments: { by: 'agent' | 'requester'; text: string; isPublic: boolean }[];
}

export function corpus(random: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const orderNumber = () => `ORD-${String(Math.floor(random() * 900_000) + 100_000)}`;
  return {
    name: () => `${pick(FIRST)} ${pick(LAST)}`,
    ticket(): CorpusTicket {
      const thing = pick(THINGS);
      const problem = pick(PROBLEMS);
      const subject = random() < 0.5 ? `${thing[0]!.toUpperCase()}${thing.slice(1)} ${problem}` : `My ${thing} ${pick(PLACES)} ${problem}`;
      const description = [
        `The ${thing} ${pick(PLACES)} ${problem} ${pick(WHEN)}.`,
        `${pick(TRIED)[0]!.toUpperCase()}${pick(TRIED).slice(1)}.`,
        random() < 0.4 ? `It is about order ${orderNumber()}.` : `It also affects the ${pick(THINGS)}.`,
      ].join(' ');
      const comments: CorpusTicket['comments'] = [];
      const replies = Math.floor(random() * 4);
      for (let i = 0; i < replies; i++) {
        if (i % 2 === 0) comments.push({ by: 'agent', text: pick(AGENT), isPublic: true });
        else comments.push({ by: 'requester', text: pick(CUSTOMER), isPublic: true });
      }
      if (random() < 0.2) comments.push({ by: 'agent', text: pick(INTERNAL), isPublic: false });
      return { subject, description, comments };
    },
  };
}
