// The sharded runtime's public surface (see docs/runtime.md).
export { ShardedRuntime } from './shardedRuntime';
export { fnv1a32, shardOf } from './shardHash';
export type {
  BatchVerdicts,
  InjectedFault,
  ParticipantSnapshot,
  ParticipantSnapshotInput,
  ParticipantView,
  RestoreOptions,
  RuntimeCheckpoint,
  RuntimeOptions,
  ShardVerdict,
  StatusCounts,
} from './types';
