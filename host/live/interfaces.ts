// The network addresses a live hunt can be served on, and what opening one means, in
// the organiser's words. IPv4 only: phones on a venue's Wi-Fi or a laptop's hotspot get
// IPv4 addresses, and the join address must be one a person can type.
import { networkInterfaces } from 'node:os';
import type { NetworkChoice } from '../../api/liveConsole';
import { LOOPBACK } from '../web/security';

export const EVERY_INTERFACE = '0.0.0.0';

/** Every IPv4 address of this machine, the network ones first, then "every interface". */
export function networkChoices(): NetworkChoice[] {
  const out: NetworkChoice[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const i of list ?? []) if (i.family === 'IPv4') out.push({ address: i.address, name, internal: i.internal });
  }
  out.sort((a, b) => Number(a.internal) - Number(b.internal) || a.name.localeCompare(b.name));
  out.push({ address: EVERY_INTERFACE, name: 'every interface', internal: false });
  return out;
}

/** Which interface a bind address opens, and who can then connect. */
export function describeBind(bind: string): string {
  if (bind === LOOPBACK || bind.startsWith('127.')) return 'this machine only (phones cannot connect: choose a network interface to let them in)';
  if (bind === EVERY_INTERFACE) return 'every network interface of this machine';
  const found = networkChoices().find((c) => c.address === bind);
  return found ? `the interface ${found.name} (${bind})` : `the interface ${bind}`;
}
