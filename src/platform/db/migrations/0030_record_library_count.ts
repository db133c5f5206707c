/**
 * The catalogue ranks titles without reading their copies (docs/decisions.md "Catalogue search"):
 * `bib_records.library_count` is the number of participating libraries holding at least one copy
 * of the record, filled here by one grouped update and kept exact from then on by triggers, so
 * that every writer (CSV and MARC imports, adding a copy, the demo seed, a database copy, a later
 * migration) is covered.
 *
 * Exactness under concurrency: a trigger does not add or subtract, it counts again. It first locks
 * the records it touches (`for no key update`, in id order, so two imports cannot deadlock on
 * them, and not blocking the foreign-key checks of copies being inserted), then counts in a new
 * statement, which in READ COMMITTED takes a new snapshot: of two transactions adding copies of
 * one title at two libraries, the second waits for the first to commit and then counts both. A
 * transaction in REPEATABLE READ or SERIALIZABLE fails with a serialization error instead of
 * counting from a stale snapshot. Counting costs one index range of `items_record_holdings` per
 * record touched (a statement-level trigger: once per record per statement, not per copy).
 *
 * A bulk loader that turns triggers off (`session_replication_role = replica`, as the bench
 * generator's COPY does) writes the column itself.
 */
export const statements = [
  'alter table bib_records add column library_count integer not null default 0',
  `update bib_records b set library_count = c.n
   from (
     select i.record_id, count(distinct i.library_id)::int as n
     from items i join libraries l on l.id = i.library_id
     where l.status = 'participating'
     group by i.record_id
   ) c
   where b.id = c.record_id`,
  // Ranking candidates by the number of libraries holding them (the bound keeps the most held).
  'create index bib_records_library_count on bib_records (library_count desc, id)',
  // Titles starting with the query (the first ranks) are candidates however few libraries hold
  // them: the normalised title as the search compares it, searchable by prefix.
  `create index bib_records_title_prefix on bib_records
     (lower(regexp_replace(btrim(title), '\\s+', ' ', 'g')) text_pattern_ops)`,
  `create function bib_records_recount(ids integer[]) returns void language plpgsql as $$
   begin
     if ids is null or cardinality(ids) = 0 then return; end if;
     perform 1 from bib_records where id = any(ids) order by id for no key update;
     update bib_records b set library_count = c.n
     from (
       select r.id, (
         select count(distinct i.library_id)::int
         from items i join libraries l on l.id = i.library_id
         where i.record_id = r.id and l.status = 'participating') as n
       from unnest(ids) as r(id)
     ) c
     where b.id = c.id and b.library_count <> c.n;
   end $$`,
  `create function items_library_count_inserted() returns trigger language plpgsql as $$
   begin
     perform bib_records_recount(array(select distinct record_id from new_items));
     return null;
   end $$`,
  `create function items_library_count_deleted() returns trigger language plpgsql as $$
   begin
     perform bib_records_recount(array(select distinct record_id from old_items));
     return null;
   end $$`,
  `create function items_library_count_updated() returns trigger language plpgsql as $$
   begin
     perform bib_records_recount(array(
       select o.record_id from old_items o join new_items n on n.id = o.id
       where o.record_id <> n.record_id or o.library_id <> n.library_id
       union
       select n.record_id from old_items o join new_items n on n.id = o.id
       where o.record_id <> n.record_id or o.library_id <> n.library_id));
     return null;
   end $$`,
  `create trigger items_library_count_insert after insert on items
   referencing new table as new_items
   for each statement execute function items_library_count_inserted()`,
  `create trigger items_library_count_delete after delete on items
   referencing old table as old_items
   for each statement execute function items_library_count_deleted()`,
  `create trigger items_library_count_update after update on items
   referencing old table as old_items new table as new_items
   for each statement execute function items_library_count_updated()`,
  // A library joining or leaving the network: every record it holds is counted again (rare, and
  // as long as the library has titles).
  `create function libraries_library_count() returns trigger language plpgsql as $$
   begin
     perform bib_records_recount(array(
       select distinct record_id from items where library_id = new.id));
     return null;
   end $$`,
  `create trigger libraries_library_count after update of status on libraries
   for each row when (old.status is distinct from new.status)
   execute function libraries_library_count()`,
];

/**
 * A record's copies, library by library, with what the catalogue counts of each (its id, for its
 * open loan, and whether it is loanable): the holdings of a page are read from this index alone.
 * It replaces items_record_library (same key), built without holding writes to the copies.
 */
export const concurrently = [
  {
    createIndex: 'items_record_holdings',
    sql: 'create index concurrently items_record_holdings on items (record_id, library_id) include (id, loanable)',
  },
  { dropIndex: 'items_record_library' },
];
