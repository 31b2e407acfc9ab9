/**
 * A query that keeps the local cluster busy for a long time (minutes on two cores) without
 * overflowing: the cancel journeys need it still running when they press Cancel, whatever the
 * machine's load. If a cancel is lost, the test times out instead of passing by accident.
 */
export const SLOW_QUERY = 'range x from 1 to 20000000000 step 1 | summarize s = sum(x % 7)';
