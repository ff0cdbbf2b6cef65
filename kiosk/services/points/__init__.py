"""Points: rules, awards and claims, review and public notice, objections, corrections, transfers, expiry, grades, balances."""
