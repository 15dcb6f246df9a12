// Splitting a command line into positional arguments, `--name value` (or
// `--name=value`) options and flags, with the errors every command gives the same way.
import { CliError } from './errors';

export type ParsedArgs = { positional: string[]; values: Map<string, string[]>; flags: Set<string>; help: boolean };

export type ArgSpec = {
  /** Options that take a value. */
  values: string[];
  /** Of those, the ones that may be given more than once. */
  repeatable?: string[];
  flags?: string[];
  help: string;
};

export function splitArgs(args: string[], spec: ArgSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') return { positional, values, flags, help: true };
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (spec.flags?.includes(a)) flags.add(a);
    else if (spec.values.includes(name)) {
      const value = name === a ? args[++i] : a.slice(eq + 1);
      if (value === undefined) throw new CliError(`${name} needs a value\n\n${spec.help}`);
      const list = values.get(name) ?? [];
      if (list.length > 0 && !spec.repeatable?.includes(name)) throw new CliError(`${name} is given twice`);
      values.set(name, [...list, value]);
    } else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option "${a}"\n\n${spec.help}`);
    else positional.push(a);
  }
  return { positional, values, flags, help: false };
}

/** The single value of an option, or undefined. */
export function valueOf(p: ParsedArgs, name: string): string | undefined {
  return p.values.get(name)?.[0];
}
