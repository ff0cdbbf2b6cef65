"""Use cases: the only place that combines core and store; roles are checked here."""
