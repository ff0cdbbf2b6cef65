"""kiosk award, claim, adjust, rule, notice, entry, expiry, grade, certificate: points (services.points)."""
