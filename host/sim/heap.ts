// How much JavaScript heap the thread running a simulation's pipeline may use. Left
// alone, V8 lets that thread's old generation grow to four times what it holds before
// collecting it (measured at 100k participants: about 90 MB live, 420 MB committed),
// which alone put the 100k-participant simulation over its 1 GB budget. What it holds
// grows with the population: each participant's last checkpointed snapshot (kept to
// rebuild a failed worker), and at the end every participant's result.

/** Old-generation cap (MB) for the pipeline thread of a simulation of `participants`. */
export function pipelineHeapMb(participants: number): number {
  // Measured: 100k participants ran to the end under 256 MB (peak RSS 1,032 MB against
  // 1,315 MB uncapped, 3 % more wall time); the margin covers larger hunts.
  return Math.ceil(192 + participants / 1024);
}
