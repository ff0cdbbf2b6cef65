"""Pure domain: points, cart, rules, grades, policies. No Qt, no SQL."""
