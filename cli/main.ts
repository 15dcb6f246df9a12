// Entry point of the `hunt` command line: picks the subcommand and maps
// failures to the exit codes of the spec (0 ok, 1 invalid hunt, 2 unusable input).
import { CliError, EXIT } from './errors';

type Command = {
  summary: string;
  run: (args: string[]) => Promise<number>;
};

// Each subcommand lives in its own module, loaded only when it is used so that
// `hunt validate` does not pay for SQLite or worker threads.
const COMMANDS: Record<string, Command> = {
  validate: {
    summary: 'validate FILE... [--json]            check hunt files',
    run: async (a) => (await import('./commands/validate')).run(a),
  },
  replay: {
    summary: 'replay HUNT LOG [--json] [--until T] replay an event log',
    run: async (a) => (await import('./commands/replay')).run(a),
  },
  simulate: {
    summary: 'simulate HUNT --participants N --seed S [--profiles FILE] [--runs K] [--json]  simulate players',
    run: async (a) => (await import('./commands/simulate')).run(a),
  },
  compare: {
    summary: 'compare A B --participants N --runs K --seed S [--json]  two designs, the same players',
    run: async (a) => (await import('./commands/compare')).run(a),
  },
  sweep: {
    summary: 'sweep HUNT --vary PATH=FROM..TO:STEP [--vary ...] --runs K [--json]  vary one or two parameters',
    run: async (a) => (await import('./commands/sweep')).run(a),
  },
  rescore: {
    summary: 'rescore OLD NEW LOG [--json] | rescore [OLD] NEW --run RUN  re-score a recorded event',
    run: async (a) => (await import('./commands/rescore')).run(a),
  },
  fork: {
    summary: 'fork RUN --at S [--hunt FILE] [--profiles P] --runs K [--json]  continue a simulation differently',
    run: async (a) => (await import('./commands/fork')).run(a),
  },
  runs: {
    summary: 'runs [--db FILE] [--json]            list stored runs',
    run: async (a) => (await import('./commands/runs')).run(a),
  },
  export: {
    summary: 'export RUN [--db FILE] > log.jsonl   write a stored run\'s event log',
    run: async (a) => (await import('./commands/export')).run(a),
  },
  inspect: {
    summary: 'inspect RUN --at SEQ [--participant P] [--json] [--db FILE]  state of a run at an event',
    run: async (a) => (await import('./commands/inspect')).run(a),
  },
  live: {
    summary: 'live HUNT [--port N] [--bind ADDR] [--db FILE] [--new] [--end]  run a hunt live for players\' phones',
    run: async (a) => (await import('./commands/live')).run(a),
  },
  resume: {
    summary: 'resume RUN [--db FILE] [--workers W] [--json]  finish an interrupted run',
    run: async (a) => (await import('./commands/resume')).run(a),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  hunt ${c.summary}`);
  return ['Usage:', ...lines, '', 'Run `hunt COMMAND --help` for details.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`hunt: unknown command "${name}"\n\n${usage()}\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`hunt ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
