-- 回避's sock puppets made before 0035 (invariant 11): 0035 gave every operator it found an empty
-- pin_known_to, so a manager who had added a manager with a PIN he chose, or reset another
-- manager's PIN, could still use that one as his "second manager". The books' own history says
-- who set each PIN: the audit rows operator.add and operator.reset_pin, replayed here in their
-- order with the program's rules (kiosk/services/people/operators.py): an operator made, or its
-- PIN reset by another, is known to that actor and to whoever was known to know the actor's PIN
-- then (chains of puppets followed); one's own change keeps the list and marks the PIN one's own.
-- Nobody made by the setup (no actor) or never set by another is known to anyone: such villages
-- are left as they were.
--
-- Only knowers are added, never taken away, except by the township's clerk: a list he emptied
-- (the books' chain holds the same PIN stamp with others who may know it, then nobody: only his
-- confirmation does that, kiosk/store/operators.py confirmed) stays empty. An empty list is
-- nothing else: 0035 gave one to every operator it found, and one's own PIN change keeps it, so a
-- puppet from before whose PIN its maker changed "in its name" on a counter at 0035 is his still.
-- On a counter that ran 0035 before, a chain through a confirmed manager may now name one knower
-- too many: that manager's own PIN change and the clerk's confirmation settle it.
--
-- An operator whose PIN is still the one from before 0035 (pin_set_id '') takes pin_own from the
-- history; when that PIN is its own change and others are now known to have known an earlier
-- one, it gets a random stamp (pin_set_id) too, so the clerk can confirm that very PIN without
-- the manager changing it once more: the stamp names this PIN only (an older backup upgraded
-- again gets another). Its PIN count (pin_version) stays.
--
-- Each manager whose list grew, and each manager named in such a list, goes to the township as a
-- 'manager' record (never the PIN), so the clerk's page shows who may know whose PIN by name.
-- Every row changed here is chained (the operator trigger, the journal's), and the start seals it.
CREATE TEMP TABLE pin_event (
    n       INTEGER PRIMARY KEY,
    actor   TEXT,
    target  TEXT NOT NULL,
    own     INTEGER NOT NULL
);
INSERT INTO pin_event (n, actor, target, own)
SELECT row_number() OVER (ORDER BY seq), operator_id, target_id,
       action = 'operator.reset_pin' AND operator_id IS target_id
FROM audit
WHERE target_type = 'operator' AND action IN ('operator.add', 'operator.reset_pin')
ORDER BY seq;

-- The replay's state: {operator id: {"k": [who may know its PIN, sorted], "o": 1 if its own}}.
CREATE TEMP TABLE pin_replayed (
    id        TEXT PRIMARY KEY,
    known_to  TEXT NOT NULL,
    own       INTEGER NOT NULL
);
INSERT INTO pin_replayed (id, known_to, own)
WITH RECURSIVE replay (n, state) AS (
    SELECT 0, '{}'
    UNION ALL
    SELECT e.n, json_patch(r.state, json_object(e.target, CASE WHEN e.own THEN json_object('o', 1)
        ELSE json_object('o', 0, 'k', json((SELECT json_group_array(v) FROM (
            SELECT e.actor AS v WHERE e.actor IS NOT NULL
            UNION
            SELECT k.value FROM json_each(r.state) AS s, json_each(s.value, '$.k') AS k WHERE s.key = e.actor
            ORDER BY v))))
        END))
    FROM replay AS r JOIN pin_event AS e ON e.n = r.n + 1
)
SELECT s.key, COALESCE(json_extract(s.value, '$.k'), '[]'), json_extract(s.value, '$.o')
FROM (SELECT state FROM replay ORDER BY n DESC LIMIT 1) AS f, json_each(f.state) AS s;

CREATE TEMP TABLE pin_filled (
    id        TEXT PRIMARY KEY,
    known_to  TEXT NOT NULL,
    own       INTEGER NOT NULL
);
INSERT INTO pin_filled (id, known_to, own)
SELECT o.id, (SELECT json_group_array(v) FROM (
           SELECT value AS v FROM json_each(o.pin_known_to) UNION SELECT value FROM json_each(p.known_to)
           ORDER BY v)),
       p.own
FROM operator AS o JOIN pin_replayed AS p ON p.id = o.id
WHERE NOT EXISTS (SELECT 1 FROM chain AS c      -- a list the township's clerk emptied: kept so
                  WHERE c.record_type <> 'audit' AND c.record_type = 'operator' AND c.record_id = o.id
                    AND o.pin_known_to = '[]' AND o.pin_set_id <> ''
                    AND json_extract(c.body, '$.pin_set_id') = o.pin_set_id
                    AND json_extract(c.body, '$.pin_known_to') <> '[]')
  AND EXISTS (SELECT 1 FROM json_each(p.known_to) AS k
              WHERE k.value NOT IN (SELECT value FROM json_each(o.pin_known_to)));

-- SET reads the row as it was: pin_set_id below is the old one.
UPDATE operator SET
    pin_known_to = (SELECT replace(f.known_to, '","', '", "') FROM pin_filled AS f WHERE f.id = operator.id),
    pin_own = CASE WHEN pin_set_id = '' THEN (SELECT f.own FROM pin_filled AS f WHERE f.id = operator.id)
                   ELSE pin_own END,
    pin_set_id = CASE WHEN pin_set_id = '' AND (SELECT f.own FROM pin_filled AS f WHERE f.id = operator.id) = 1
                      THEN lower(hex(randomblob(16))) ELSE pin_set_id END
WHERE id IN (SELECT id FROM pin_filled);

INSERT INTO journal (terminal_id, seq, record_type, record_id)
SELECT m.value, (SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = m.value)
                + row_number() OVER (ORDER BY o.created_at, o.id) AS seq, 'manager', o.id
FROM operator AS o JOIN meta AS m ON m.key = 'terminal_id'
WHERE o.role = 'manager'
  AND (o.id IN (SELECT id FROM pin_filled)
       OR o.id IN (SELECT k.value FROM pin_filled AS f, json_each(f.known_to) AS k))
ORDER BY seq;

DROP TABLE temp.pin_event;
DROP TABLE temp.pin_replayed;
DROP TABLE temp.pin_filled;
