-- A sale's redeem entry and its stock moves travel in the sale's body (kiosk/store/bodies.py),
-- which the books' chain stores and hashes: chaining them again, each as a row of its own,
-- was most of what the chain added to a redeem. From here on they enter the chain in their
-- sale's body only; `kiosk check` compares that body with them (chain_verify.ACCOUNTED).
-- Rows chained before stay as they are.
DROP TRIGGER chain_journal;
CREATE TRIGGER chain_journal AFTER INSERT ON journal
WHEN NOT (NEW.record_type = 'entry' AND EXISTS (SELECT 1 FROM entry
          WHERE id = NEW.record_id AND kind = 'redeem' AND sale_id IS NOT NULL))
 AND NOT (NEW.record_type = 'stock_move' AND EXISTS (SELECT 1 FROM stock_move
          WHERE id = NEW.record_id AND kind = 'sale' AND sale_id IS NOT NULL))
BEGIN INSERT INTO chain (record_type, record_id) VALUES (NEW.record_type, NEW.record_id); END;
