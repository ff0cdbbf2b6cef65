-- Last-writer-wins between two counters compares (updated_at, terminal id). A counter whose
-- clock is behind must still win over an edit it has already seen: an edit is stamped after
-- the row's stamp before it (the per-row half of a hybrid logical clock), so a
-- later edit always outranks the one it replaced, whatever the PCs' clocks say.
CREATE TRIGGER resident_stamp_never_back AFTER UPDATE ON resident
WHEN NEW.updated_at < OLD.updated_at
BEGIN
    UPDATE resident SET updated_at = strftime('%Y-%m-%d %H:%M:%S', OLD.updated_at, '+1 second') WHERE id = NEW.id;
END;

CREATE TRIGGER product_stamp_never_back AFTER UPDATE ON product
WHEN NEW.updated_at < OLD.updated_at
BEGIN
    UPDATE product SET updated_at = strftime('%Y-%m-%d %H:%M:%S', OLD.updated_at, '+1 second') WHERE id = NEW.id;
END;
