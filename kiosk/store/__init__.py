"""SQLite storage: connection and pragmas, migrations, repositories."""
