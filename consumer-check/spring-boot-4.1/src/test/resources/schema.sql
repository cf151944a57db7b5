create table orders (id bigint primary key, item varchar(64) not null);
