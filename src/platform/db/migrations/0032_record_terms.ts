/**
 * The catalogue's postings in popularity order (docs/decisions.md "Catalogue search", issue 18 at
 * country scale): one row per search token of every record held somewhere, with the record's
 * `library_count`, under the primary key (term, library_count, record_id). The most held titles
 * with a token are then the last entries of that token's range, read backwards: a search reads
 * about as many index entries as the candidates it ranks, however common the word — where the
 * GIN index gives every match unordered and the `library_count` index walks every title until
 * enough match.
 *
 * The table is derived from `bib_records` and kept in step by row triggers on it: a record's
 * postings are deleted by their key (its old tokens, old count, id) and inserted again whenever
 * its tokens or its count change (the count changes by the triggers of migration 0030). A record
 * held by no participating library has no postings (a search never shows it). No foreign key: the
 * delete trigger removes a record's postings by their key, where a cascade would need a second
 * index on record_id. A bulk loader that turns triggers off (the bench generator) fills the table
 * itself with one INSERT … SELECT like the one below; `copy-database` leaves the table to the
 * target's triggers.
 */
export const statements = [
  `create table bib_record_terms (
    term text not null,
    library_count integer not null,
    record_id integer not null
  )`,
  `insert into bib_record_terms (term, library_count, record_id)
   select t.term, b.library_count, b.id
   from bib_records b cross join lateral (select distinct unnest(b.search_tokens) as term) t
   where b.library_count > 0`,
  // Built after the rows are in: one sort instead of an insert per entry.
  'alter table bib_record_terms add primary key (term, library_count, record_id)',
  `create function bib_record_terms_add(tokens text[], n integer, id integer) returns void
   language sql as $$
     insert into bib_record_terms (term, library_count, record_id)
     select distinct t.term, $2, $3 from unnest($1) as t(term) where $2 > 0
   $$`,
  `create function bib_record_terms_remove(tokens text[], n integer, id integer) returns void
   language sql as $$
     delete from bib_record_terms p
     where p.term = any($1) and p.library_count = $2 and p.record_id = $3
   $$`,
  `create function bib_records_terms_inserted() returns trigger language plpgsql as $$
   begin
     perform bib_record_terms_add(new.search_tokens, new.library_count, new.id);
     return null;
   end $$`,
  `create function bib_records_terms_deleted() returns trigger language plpgsql as $$
   begin
     perform bib_record_terms_remove(old.search_tokens, old.library_count, old.id);
     return null;
   end $$`,
  `create function bib_records_terms_updated() returns trigger language plpgsql as $$
   begin
     perform bib_record_terms_remove(old.search_tokens, old.library_count, old.id);
     perform bib_record_terms_add(new.search_tokens, new.library_count, new.id);
     return null;
   end $$`,
  `create trigger bib_records_terms_insert after insert on bib_records
   for each row execute function bib_records_terms_inserted()`,
  `create trigger bib_records_terms_delete after delete on bib_records
   for each row execute function bib_records_terms_deleted()`,
  `create trigger bib_records_terms_update after update of search_tokens, library_count, id
   on bib_records for each row
   when (old.search_tokens is distinct from new.search_tokens
     or old.library_count is distinct from new.library_count or old.id is distinct from new.id)
   execute function bib_records_terms_updated()`,
];
