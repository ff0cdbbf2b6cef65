-- Reports sum the ledger over a day, a month or a year.
--
-- By the time entries were made, per kind and rule (日结, 月结, the balance owed):
-- one short range of this covering index per (kind, rule) pair. Without it every
-- report reads the whole ledger; with it a month of a ten-year ledger reads that
-- month only, and nothing needs sorting to be grouped.
CREATE INDEX entry_kind_at ON entry(kind, rule_id, at, hundredths);

-- By activity date per account (rankings, the grade roster, a resident's grade): one
-- short range of this covering index per account instead of a pass over every entry.
CREATE INDEX entry_earned ON entry(account_id, activity_date, kind, hundredths);
