-- The part of swh-storage's PostgreSQL schema (version 195) that the vault reads and the loader writes,
-- written for swhvault from the published column names and types. Statements are separated by lines holding
-- only ';;'. Lines between '-- default only' and '-- end default only' are run for the default flavour only:
-- a mirror has no foreign keys, so rows may arrive before what they reference.
create domain sha1 as bytea check (length(value) = 20)
;;
create domain sha1_git as bytea check (length(value) = 20)
;;
create domain sha256 as bytea check (length(value) = 32)
;;
create domain blake2s256 as bytea check (length(value) = 32)
;;
create domain unix_path as bytea
;;
create domain file_perms as int
;;
create type content_status as enum ('absent', 'visible', 'hidden')
;;
create type revision_type as enum ('git', 'tar', 'dsc', 'svn', 'hg', 'cvs', 'bzr')
;;
create type object_type as enum ('content', 'directory', 'revision', 'release', 'snapshot')
;;
create type snapshot_target as enum ('content', 'directory', 'revision', 'release', 'snapshot', 'alias')
;;
create type origin_visit_state as enum ('created', 'ongoing', 'full', 'partial', 'not_found', 'failed')
;;
create type database_flavor as enum ('default', 'mirror', 'read_replica')
;;
create table dbflavor (flavor database_flavor, single_row char(1) primary key default 'x', check (single_row = 'x'))
;;
create table dbversion (version int primary key, release timestamptz, description text)
;;
insert into dbversion (version, release, description) values (195, now(), 'swhvault: the tables the vault reads')
;;
create table content (sha1 sha1 not null, sha1_git sha1_git not null, sha256 sha256 not null,
  blake2s256 blake2s256 not null, length bigint not null, ctime timestamptz not null default now(),
  status content_status not null default 'visible', object_id bigserial)
;;
create unique index content_multi_pkey on content(sha256, sha1, sha1_git, blake2s256)
;;
alter table content add primary key using index content_multi_pkey
;;
create unique index on content(sha1)
;;
create index on content(sha1_git)
;;
create table skipped_content (sha1 sha1, sha1_git sha1_git, sha256 sha256, blake2s256 blake2s256,
  length bigint not null, ctime timestamptz not null default now(), status content_status not null default 'absent',
  reason text not null, origin bigint, object_id bigserial)
;;
create index on skipped_content(sha1_git)
;;
create table directory (id sha1_git not null, dir_entries bigint[], file_entries bigint[], rev_entries bigint[],
  object_id bigserial, raw_manifest bytea)
;;
create unique index directory_pkey on directory(id)
;;
alter table directory add primary key using index directory_pkey
;;
create table directory_entry_dir (id bigserial primary key, target sha1_git not null, name unix_path not null,
  perms file_perms not null)
;;
create unique index on directory_entry_dir(target, name, perms)
;;
create table directory_entry_file (id bigserial primary key, target sha1_git not null, name unix_path not null,
  perms file_perms not null)
;;
create unique index on directory_entry_file(target, name, perms)
;;
create table directory_entry_rev (id bigserial primary key, target sha1_git not null, name unix_path not null,
  perms file_perms not null)
;;
create unique index on directory_entry_rev(target, name, perms)
;;
create table person (id bigserial primary key, name bytea, email bytea, fullname bytea not null, displayname bytea)
;;
create unique index on person(fullname)
;;
create table revision (id sha1_git not null, date timestamptz, date_offset smallint, committer_date timestamptz,
  committer_date_offset smallint, type revision_type not null, directory sha1_git, message bytea, author bigint,
  committer bigint, synthetic boolean not null default false, metadata jsonb, object_id bigserial,
  date_neg_utc_offset boolean, committer_date_neg_utc_offset boolean, extra_headers bytea[][] not null,
  date_offset_bytes bytea, committer_date_offset_bytes bytea, raw_manifest bytea)
;;
create unique index revision_pkey on revision(id)
;;
alter table revision add primary key using index revision_pkey
;;
create table revision_history (id sha1_git not null, parent_id sha1_git not null, parent_rank int not null default 0)
;;
create unique index revision_history_pkey on revision_history(id, parent_rank)
;;
alter table revision_history add primary key using index revision_history_pkey
;;
create index on revision_history(parent_id)
;;
create table release (id sha1_git not null, target sha1_git, date timestamptz, date_offset smallint, name bytea,
  comment bytea, author bigint, synthetic boolean not null default false, object_id bigserial,
  target_type object_type not null, date_neg_utc_offset boolean, date_offset_bytes bytea, raw_manifest bytea)
;;
create unique index release_pkey on release(id)
;;
alter table release add primary key using index release_pkey
;;
create table snapshot (object_id bigserial not null, id sha1_git not null)
;;
create unique index snapshot_pkey on snapshot(object_id)
;;
alter table snapshot add primary key using index snapshot_pkey
;;
create unique index on snapshot(id)
;;
create table snapshot_branch (object_id bigserial not null primary key, name bytea not null, target bytea,
  target_type snapshot_target)
;;
create unique index on snapshot_branch(target_type, target, name)
;;
create unique index on snapshot_branch(name) where target_type is null and target is null
;;
create table snapshot_branches (snapshot_id bigint not null, branch_id bigint not null)
;;
create unique index snapshot_branches_pkey on snapshot_branches(snapshot_id, branch_id)
;;
alter table snapshot_branches add primary key using index snapshot_branches_pkey
;;
create table origin (id bigserial primary key, url text not null)
;;
create unique index on origin using btree(url)
;;
create table origin_visit (origin bigint not null, visit bigint not null, date timestamptz not null, type text not null)
;;
create unique index origin_visit_pkey on origin_visit(origin, visit)
;;
alter table origin_visit add primary key using index origin_visit_pkey
;;
create table origin_visit_status (origin bigint not null, visit bigint not null, date timestamptz not null,
  type text not null, status origin_visit_state not null, metadata jsonb, snapshot sha1_git)
;;
create unique index origin_visit_status_pkey on origin_visit_status(origin, visit, date)
;;
alter table origin_visit_status add primary key using index origin_visit_status_pkey
;;
-- default only
alter table revision add constraint revision_author_fkey foreign key (author) references person(id)
;;
alter table revision add constraint revision_committer_fkey foreign key (committer) references person(id)
;;
alter table revision_history add constraint revision_history_id_fkey foreign key (id) references revision(id)
;;
alter table release add constraint release_author_fkey foreign key (author) references person(id)
;;
alter table snapshot_branches add constraint snapshot_branches_snapshot_id_fkey foreign key (snapshot_id)
  references snapshot(object_id)
;;
alter table snapshot_branches add constraint snapshot_branches_branch_id_fkey foreign key (branch_id)
  references snapshot_branch(object_id)
;;
alter table origin_visit add constraint origin_visit_origin_fkey foreign key (origin) references origin(id)
;;
-- end default only
