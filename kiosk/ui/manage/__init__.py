"""The manager's back office (管理): goods, stock, labels, reports, backups."""
