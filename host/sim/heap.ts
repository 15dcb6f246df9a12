// A simulation's memory settings: heap caps and nursery sizes of its threads, and the
// flags and environment of a large simulation's own process. Left alone, V8 lets a
// heap grow to several times what it holds before collecting it (the pipeline's thread
// at 100k participants: about 90 MB live, 420 MB committed), which alone put the
// 100k-participant simulation over its 1 GB budget.

/**
 * From this many participants `hunt simulate` runs itself again with the settings below
 * (heap cap, flags, environment), which only apply when a process starts. Below it V8's
 * own sizing costs little memory, and a second process is not worth its start-up time.
 */
export const OWN_PROCESS_FROM = 20_000;

/**
 * Old-generation cap (MB) for the pipeline thread of a simulation of `participants`. What
 * it holds grows with the population: each participant's last checkpointed snapshot
 * (kept to rebuild a failed worker), and at the end every participant's result.
 */
export function pipelineHeapMb(participants: number): number {
  // Measured: 100k participants ran to the end under 256 MB (peak RSS 1,032 MB against
  // 1,315 MB uncapped, 3 % more wall time); the margin covers larger hunts.
  return Math.ceil(192 + participants / 1024);
}

/**
 * Old-generation cap (MB) of each participant worker of a simulation: the participants'
 * live size (about 0.5 KB + 0.05 KB a step each, measured 75 MB for 50k on a 20-step
 * hunt) plus a fixed base, tighter than the runtime's default because the generator
 * thread shares the budget. Measured on the 100k simulation: 137 MB a shard ran as fast
 * as uncapped, whose shards grew to 200 MB each.
 */
export function simulationShardHeapMb(participants: number, workers: number, steps: number): number {
  return 64 + Math.ceil((Math.ceil(participants / workers) * (0.5 + 0.05 * steps)) / 1024);
}

/**
 * Environment a large simulation's process starts with (`hunt simulate` sets it when it
 * runs itself again with its heap cap; the benchmark does the same). glibc's malloc
 * raises its mmap threshold each time a large block is freed, up to 32 MB: after the
 * first checkpoint delta or generator chunk goes, every later buffer of that size comes
 * from the threads' malloc arenas, and their freed space stays in the process's RSS. A
 * fixed threshold keeps large buffers in mmap, returned to the system when freed.
 * Measured on the 100k simulation: peak RSS 40–95 MB lower, no change in time. And at
 * most two malloc arenas: glibc gives threads that allocate at once arenas of their own
 * (up to eight per core), each keeping its own freed space; a simulation runs six busy
 * threads (946–968 against 962–994 MiB in A/B runs, same time). A value the user set is kept.
 */
export const SIMULATION_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(64 * 1024), MALLOC_ARENA_MAX: '2' };

/**
 * Young generation (MB) of a simulation's generator and participant workers. Their
 * garbage dies young (lines, events, the shards' replaced snapshots die old), so a
 * smaller nursery costs little; five threads' default nurseries (32–48 MB each) were
 * the largest part of what the 100k simulation's heaps held beyond their live data.
 * Measured on the 100k simulation with the process flags below: peak RSS 971–986 MB
 * against 1,048–1,072 MB with the default nurseries, for 5–10 s more wall time.
 */
export const SIMULATION_YOUNG_GENERATION_MB = 16;

/**
 * V8 flags a large simulation's process starts with, on a machine of `cores` cores.
 * - `--max-semi-space-size=8`: the nursery of the pipeline's thread and the writer's (the
 *   workers above set theirs), 24 instead of 48 MB: 956 MB peak RSS against 989 MB, in
 *   the same time (118 s against 116 s, within the machine's drift).
 * - `--single-threaded-gc`, with four cores or fewer: a simulation keeps at least five
 *   threads busy (pipeline, generator, writer, one worker a core), and V8's parallel and
 *   concurrent collector helpers only compete with them for the same cores. Measured on
 *   2 cores, 100k participants, default nurseries: 209 s of CPU and 111 s against
 *   219–239 s and 116–128 s (but 50–70 MB more peak RSS, which the smaller nurseries take back).
 */
export function simulationProcessFlags(cores: number): string[] {
  return ['--max-semi-space-size=8', ...(cores <= 4 ? ['--single-threaded-gc'] : [])];
}
