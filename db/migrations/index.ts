// Every schema migration, in order. Append new ones at the end with the next
// version number; never edit one that has shipped.
import type { Migration } from './migration';
import { initial } from './001-initial';
import { noSnapshotParticipantIndex } from './002-no-snapshot-participant-index';
import { resultParticipants } from './003-result-participants';

export const MIGRATIONS: readonly Migration[] = [initial, noSnapshotParticipantIndex, resultParticipants];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
