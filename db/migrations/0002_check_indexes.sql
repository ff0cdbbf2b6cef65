-- `kiosk check` matches every sale with its stock movements: without this index
-- that is a scan of stock_move per sale, quadratic in the shop's age.
CREATE INDEX stock_move_sale ON stock_move(sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX household_house_no ON household(house_no);
