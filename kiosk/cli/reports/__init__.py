"""kiosk report: the manager's reports as PDF, CSV, Excel or text (services.reports)."""
