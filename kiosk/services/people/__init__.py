"""People: residents and households, their changes and lists, cards, operators and their PINs."""
