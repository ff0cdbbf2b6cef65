"""The township's own store, by table: every SQL statement of the township server is here, in
kiosk/township/store.py (the connection, transactions, villages, terminals, records, incidents)
or in kiosk/township/db.py (the two dialects). Each module names the tables it writes:

- anchors: chain_anchor, the chain heads counters show;
- card_lookups: card_lookup, every 积分互认 look-up by card;
- console: console_user, console_session, console_audit, console_draft, township_key;
- cross: cross_redeem and cross_refused, and the reads of another village's records a cross-village redemption needs;
- export: every table, copied to a new PostgreSQL database;
- holds: account_balance, sale_balance, sale_spender, hold_check, hold_accepted, hold_claim, with the rule
  that reads them (an overdraft hold is their sum, so it is kept beside them);
- numbers: terminal.number;
- record_chain: record_chain, the township's link over each terminal's records;
- records: reads of the record table (pushes, pulls, the console's pages);
- terminals: villages, terminals and incidents beyond the Store's own calls.
"""
