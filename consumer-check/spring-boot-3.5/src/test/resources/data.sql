insert into orders (id, item) values (7, 'pencil');
insert into orders (id, item) values (42, 'notebook');
