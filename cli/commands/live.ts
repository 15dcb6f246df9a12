// `hunt live HUNT [--port N] [--bind ADDR] [--https] [--db FILE] [--new] [--end]`: runs a hunt live
// for players' phones, stored as a run of kind live. Restarting it with the same hunt
// and database carries on the live run that was interrupted.
import { dirname, resolve } from 'node:path';
import { isIP } from 'node:net';
import { CliError, EXIT } from '../errors';
import { readValidHunt } from '../files';
import { databasePath, parseCommon } from './runs';
import { goLive, unfinishedLiveRun } from '../../host/live/host';
import { LiveRun } from '../../host/live/run';
import { LOOPBACK } from '../../host/web/security';
import { describeBind } from '../../host/live/interfaces';

export const HELP = `Usage: hunt live HUNT [--port N] [--bind ADDR] [--https] [--db FILE] [--new] [--end]

Runs HUNT live: players join from their phones' browsers with the join code, the
host judges every action at once and stores everything as a run of kind live.
Stop it with Ctrl+C: the run stays open, and \`hunt live HUNT\` with the same
database carries on (also after a crash or a power cut of the host).

Options:
  --bind ADDR  the network interface to open: 127.0.0.1 (default: this machine
               only), 0.0.0.0 (every interface) or one of the machine's addresses
  --port N     the port (default 8080; 0 picks a free one)
  --https      serve phones over HTTPS with this machine's own certificate (made
               once, kept in the data folder): browsers allow GPS and the camera
               only on secure pages; each player accepts the browser's warning once
  --db FILE    the database (default: the studio's database in your data folder)
  --new        start a new live run even if one of this hunt can be carried on
  --end        end the open live run of this hunt (it completes with its result) and exit
  -h, --help   show this help

Exit status: 0 stopped; 1 the hunt is invalid; 2 unusable arguments.
`;

export async function run(args: string[]): Promise<number> {
  const fresh = args.includes('--new');
  const end = args.includes('--end');
  const https = args.includes('--https');
  let port = 8080;
  let bind = LOOPBACK;
  const opts = parseCommon(
    args.filter((a) => a !== '--new' && a !== '--end' && a !== '--https'),
    HELP,
    {
      '--port': (v) => {
        port = Number(v);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number (0 to 65535), not "${v}"`);
      },
      '--bind': (v) => {
        if (isIP(v) === 0) throw new CliError(`--bind must be an IP address (127.0.0.1, 0.0.0.0 or one of this machine's), not "${v}"`);
        bind = v;
      },
    },
  );
  if (opts.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (opts.positional.length !== 1) throw new CliError(`needs exactly one hunt file\n\n${HELP}`);
  const hunt = readValidHunt('live', opts.positional[0]);
  if (!hunt) return EXIT.invalid;
  const db = resolve(databasePath(opts.db));
  const dataDir = dirname(db);

  if (end) {
    const open = unfinishedLiveRun(db, hunt.id);
    if (open === null) throw new CliError(`${db}: has no open live run of hunt "${hunt.id}"`, EXIT.usage);
    const r = await LiveRun.reopen({ db, dataDir, runId: open });
    const outcome = await r.stop();
    process.stdout.write(`live run ${outcome.runId} ended (${outcome.status}); \`hunt export ${outcome.runId} --db ${db}\` writes its log\n`);
    return EXIT.ok;
  }

  const host = await goLive({ db, dataDir, hunt, bind, port, fresh, https, onError: (err) => process.stderr.write(`hunt live: ${String(err)}\n`) });
  const { server } = host;
  const where = bind === LOOPBACK ? 'this machine only (use --bind 0.0.0.0 or an address to let phones in)' : describeBind(bind);
  const out = [
    `${host.reopened ? 'carrying on' : 'started'} live run ${host.run.runId} of "${hunt.title}" in ${db}`,
    `listening on ${bind}:${server.port}: ${where}`,
    `join code: ${host.run.code}`,
    ...server.joinUrls.map((u) => `players open: ${u}`),
    ...(server.fingerprint
      ? [`over HTTPS with this machine's certificate (SHA-256 ${server.fingerprint}): each phone shows a warning once; accept it to join`]
      : bind === LOOPBACK
        ? []
        : ['over plain http: phones cannot share GPS or use the camera for scanning (--https allows both)']),
    `organiser's token (console calls, /metrics as Authorization: Bearer): ${host.organiserToken}`,
    'Ctrl+C stops serving (the run stays open; run the same command to carry on); `--end` ends the hunt.',
  ];
  process.stdout.write(out.join('\n') + '\n');
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    host.run.ended.then(stop, stop);
  });
  await host.close();
  process.stdout.write(`stopped serving live run ${host.run.runId}\n`);
  return EXIT.ok;
}
