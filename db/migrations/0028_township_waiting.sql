-- Township-published changes apply from their effective date (issue 20): a rule, product,
-- price or 同值化 mapping pulled before its day is kept in sync_remote unapplied, and each
-- sync applies those whose day has come. This small index finds the waiting ones (and the
-- records retried after every page) without reading every record ever received.
CREATE INDEX sync_remote_waiting ON sync_remote(terminal_id) WHERE applied = 0;
