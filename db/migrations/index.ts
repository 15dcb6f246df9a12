// Every schema migration, in order. Append new ones at the end with the next
// version number; never edit one that has shipped.
import type { Migration } from './migration';
import { initial } from './001-initial';

export const MIGRATIONS: readonly Migration[] = [initial];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
