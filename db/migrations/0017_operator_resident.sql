-- 回避: an operator is a person of the village. The resident record an operator is (NULL:
-- not linked yet). Points touching that resident's household need a second manager's PIN.
ALTER TABLE operator ADD COLUMN resident_id TEXT REFERENCES resident(id);
