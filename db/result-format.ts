// Markers a stored result (table results) holds in place of a list kept elsewhere.

/**
 * In place of a result's `rejected` list: the list is exactly the run's rejected
 * rows of the log, so it is read back from there (index events_rejected) instead of being
 * kept twice. On a long run it has millions of entries; writing it out as one JSON value
 * made the end of a 10M-event run peak at 3.4 GB.
 */
export const REJECTED_IN_LOG = 'in-log';

/** In place of a result's `participants` list: they are rows of result_participants (schema 3). */
export const PARTICIPANTS_IN_TABLE = 'in-table';
