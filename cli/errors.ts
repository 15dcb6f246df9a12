// Exit codes shared by every subcommand (spec §4): 0 ok, 1 invalid hunt,
// 2 unusable arguments or a file that cannot be read or parsed.
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** An error the user can act on; its message names the file, line or argument. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
