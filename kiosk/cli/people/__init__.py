"""kiosk operator, resident, household, cards: people, their changes and files (services.people)."""
