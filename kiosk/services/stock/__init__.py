"""Stock: movements of goods, deliveries and suppliers, donations, stock-take, food dates, the shopping list."""
