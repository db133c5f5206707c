export const statements = [
  'alter table members add column unpaid_damage boolean not null default false',
];
