-- Chain rows a write found written outside the program are named by an audit row
-- (kiosk/store/chain_outside.py) that `kiosk check` looks for every time: a partial index
-- finds those few rows without reading the whole audit trail, and costs other audit rows
-- nothing but the test of its WHERE.
CREATE INDEX audit_books_written_outside ON audit(seq) WHERE action = 'books_written_outside';
