"""The residents' self-service touchscreen: what it shows (screen is its entry point), rankings, the notice board, its words."""
