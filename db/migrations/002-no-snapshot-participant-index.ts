// Drops the index of snapshots by participant. Each checkpoint's snapshots landed all over
// it (a random page write per snapshot), a large share of the writer thread's time
// (docs/performance.md, "Store and generator"). A participant's newest snapshot is found checkpoint by checkpoint through
// the primary key instead (db/checkpoints.ts).
import type { Migration } from './migration';

export const noSnapshotParticipantIndex: Migration = {
  version: 2,
  name: 'no-snapshot-participant-index',
  up(db) {
    db.exec('DROP INDEX IF EXISTS snapshots_by_participant');
  },
};
