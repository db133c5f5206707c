/**
 * Privacy (issue 14): the audit log names members only by a pseudonym that withdrawal deletes
 * (crypto-shredding: the random pseudonym is the key, the members row its only holder); loans
 * detached from a member keep what the statistics need; retired card numbers are kept only as
 * hashes; the consent text version and time are stored.
 */
export const statements = [
  // A volatile default gives every existing member a pseudonym of their own.
  'alter table members add column audit_pseudonym text default gen_random_uuid()::text',
  "update members set audit_pseudonym = null where status = 'withdrawn'",
  `create unique index members_audit_pseudonym_unique on members (audit_pseudonym)
     where audit_pseudonym is not null`,
  'alter table audit_events add column member_pseudonym text',
  `create index audit_events_member_idx on audit_events (member_pseudonym)
     where member_pseudonym is not null`,
  // The events recorded before this migration named members and cards: rewrite them once.
  'alter table audit_events disable trigger audit_events_append_only',
  `update audit_events a set
     member_pseudonym = (select m.audit_pseudonym from members m where m.id = case
         when a.subject_kind = 'member' then a.subject_id::bigint
         when a.subject_kind = 'card' then (a.details->>'memberId')::bigint
         when a.actor_kind = 'member' and a.subject_kind <> 'loan' then a.actor_id
       end),
     actor_id = case when a.actor_kind = 'member' then null else a.actor_id end,
     subject_id = case when a.subject_kind in ('member', 'card') then null else a.subject_id end,
     details = a.details - 'memberId' - 'card' - 'replaced'
   where a.subject_kind in ('member', 'card') or a.actor_kind = 'member'
      or a.details ?| array['memberId', 'card', 'replaced']`,
  'alter table audit_events enable trigger audit_events_append_only',

  // Statistics of loans that lost their member (history off or deleted, withdrawal).
  'alter table loans add column borrower_home_library_id integer references libraries(id)',
  'alter table loans add column borrower_age_band text',
  `create function loans_keep_statistics() returns trigger language plpgsql as $$
   begin
     if new.member_id is null and old.member_id is not null then
       select m.home_library_id,
              case
                when m.birth_date is null then null
                when extract(year from age(new.loan_day, m.birth_date)) < 14 then '0-13'
                when extract(year from age(new.loan_day, m.birth_date)) < 20 then '14-19'
                when extract(year from age(new.loan_day, m.birth_date)) < 40 then '20-39'
                when extract(year from age(new.loan_day, m.birth_date)) < 65 then '40-64'
                else '65+'
              end
         into new.borrower_home_library_id, new.borrower_age_band
         from members m where m.id = old.member_id;
     end if;
     return new;
   end $$`,
  `create trigger loans_keep_statistics before update of member_id on loans
   for each row execute function loans_keep_statistics()`,

  // A withdrawn member's card numbers stay dead forever without naming anyone.
  'create table retired_card_numbers (number_hash text primary key, retired_on date not null)',

  // Consent: which text was agreed to and when; when it lapsed (processing restricted).
  'alter table members add column consent_version text',
  'alter table members add column consent_given_at timestamptz',
  'alter table members add column consent_lapsed_on date',
];
