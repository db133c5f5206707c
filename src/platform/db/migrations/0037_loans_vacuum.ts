/**
 * Loans vacuumed by the number of their dead rows, not by a share of the table. A return writes a
 * new version of the loan's row (the column it sets is indexed), and the old one dies among the
 * open loans, whose partial indexes every checkout and return read. The history — most of the
 * table, returned long ago and never written again — gives vacuum nothing to do. PostgreSQL's
 * default waits until a fifth of the table is dead: a million returns at province scale, ten
 * million at national scale, while every checkout reads the dead entries meanwhile (the lookup of
 * a copy by its barcode cost 0.081 ms instead of 0.045 after 90 s of desk traffic on a province
 * with autovacuum off: docs/performance.md, round 20). After 10,000 dead rows and 0.2% of the
 * table (20,000 at province scale), a vacuum's pass over the table visits only the pages written
 * since the last one (the visibility map skips the history's), and PostgreSQL skips the pass over
 * the indexes while the dead rows sit on under 2% of the pages. The setting takes a lock that
 * neither reads nor writes wait for.
 */
export const statements = [
  `alter table loans set (autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_scale_factor = 0.002)`,
];
