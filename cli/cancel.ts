// Ctrl-C for the in-memory commands: the first press cancels the work (the command
// then exits with 130), a second one quits at once.
export type SigintCancel = { signal: AbortSignal; dispose(): void };

export function cancelOnSigint(command: string): SigintCancel {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\nhunt ${command}: cancelling (Ctrl-C again to quit at once)…\n`);
    controller.abort(new Error('cancelled'));
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
