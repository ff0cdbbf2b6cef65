"""The manager's door to syncing with the township: enrolment and status, refused records kept
aside, and 积分互认 at the counter. The sync machinery itself is kiosk.sync."""
