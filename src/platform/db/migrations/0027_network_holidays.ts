/**
 * One network calendar of public holidays (issue 17). Until now every library held its own copy of
 * the public holidays of 2026–2027 in library_holidays. The network admin now keeps them in
 * network_holidays; a library lists only its own closed days, and the public holidays it is open
 * on (library_holiday_exceptions).
 *
 * The upgrade keeps every library's closed dates exactly: the official list of 2026–2027 (the
 * reference file the seed read) becomes the network calendar; a library's row that copies a public
 * holiday (same date and Korean name) is removed; a library that did not close on a public holiday
 * gets an exception for it (unless its weekly closed day falls on that date anyway); its own rows
 * (정기 휴관일, renamed or extra days) stay as they are.
 */
export const statements = [
  `create table network_holidays (
    date date primary key,
    name_ko text not null check (length(name_ko) between 1 and 100),
    name_en text not null default '' check (length(name_en) <= 100)
  )`,
  `create table library_holiday_exceptions (
    library_id integer not null references libraries(id),
    date date not null references network_holidays(date) on delete cascade,
    primary key (library_id, date)
  )`,
  `insert into network_holidays (date, name_ko, name_en) values
      ('2026-01-01', '신정', 'New Year''s Day'),
      ('2026-02-16', '설날 연휴', 'Seollal holiday'),
      ('2026-02-17', '설날', 'Seollal (Lunar New Year)'),
      ('2026-02-18', '설날 연휴', 'Seollal holiday'),
      ('2026-03-01', '삼일절', 'Independence Movement Day'),
      ('2026-03-02', '대체공휴일(삼일절)', 'Substitute holiday'),
      ('2026-05-05', '어린이날', 'Children''s Day'),
      ('2026-05-24', '부처님오신날', 'Buddha''s Birthday'),
      ('2026-05-25', '대체공휴일(부처님오신날)', 'Substitute holiday'),
      ('2026-06-03', '전국동시지방선거일', 'Local elections day'),
      ('2026-06-06', '현충일', 'Memorial Day'),
      ('2026-07-17', '제헌절', 'Constitution Day'),
      ('2026-08-15', '광복절', 'Liberation Day'),
      ('2026-08-17', '대체공휴일(광복절)', 'Substitute holiday'),
      ('2026-09-24', '추석 연휴', 'Chuseok holiday'),
      ('2026-09-25', '추석', 'Chuseok'),
      ('2026-09-26', '추석 연휴', 'Chuseok holiday'),
      ('2026-10-03', '개천절', 'National Foundation Day'),
      ('2026-10-05', '대체공휴일(개천절)', 'Substitute holiday'),
      ('2026-10-09', '한글날', 'Hangul Day'),
      ('2026-12-25', '기독탄신일', 'Christmas Day'),
      ('2027-01-01', '신정', 'New Year''s Day'),
      ('2027-02-06', '설날 연휴', 'Seollal holiday'),
      ('2027-02-07', '설날', 'Seollal (Lunar New Year)'),
      ('2027-02-08', '설날 연휴', 'Seollal holiday'),
      ('2027-02-09', '대체공휴일(설날)', 'Substitute holiday'),
      ('2027-03-01', '삼일절', 'Independence Movement Day'),
      ('2027-05-05', '어린이날', 'Children''s Day'),
      ('2027-05-13', '부처님오신날', 'Buddha''s Birthday'),
      ('2027-06-06', '현충일', 'Memorial Day'),
      ('2027-07-17', '제헌절', 'Constitution Day'),
      ('2027-08-15', '광복절', 'Liberation Day'),
      ('2027-08-16', '대체공휴일(광복절)', 'Substitute holiday'),
      ('2027-09-14', '추석 연휴', 'Chuseok holiday'),
      ('2027-09-15', '추석', 'Chuseok'),
      ('2027-09-16', '추석 연휴', 'Chuseok holiday'),
      ('2027-10-03', '개천절', 'National Foundation Day'),
      ('2027-10-04', '대체공휴일(개천절)', 'Substitute holiday'),
      ('2027-10-09', '한글날', 'Hangul Day'),
      ('2027-10-11', '대체공휴일(한글날)', 'Substitute holiday'),
      ('2027-12-25', '기독탄신일', 'Christmas Day'),
      ('2027-12-27', '대체공휴일(기독탄신일)', 'Substitute holiday')`,
  `insert into library_holiday_exceptions (library_id, date)
    select l.id, n.date
    from libraries l
    join library_loan_rules r on r.library_id = l.id
    cross join network_holidays n
    where not exists (
        select 1 from library_holidays h where h.library_id = l.id and h.date = n.date
      )
      and not (extract(isodow from n.date)::smallint = any(r.closed_weekdays))`,
  `delete from library_holidays h
    using network_holidays n
    where h.date = n.date and h.name_ko = n.name_ko`,
];
