"""Use cases: the only place that combines core and store; roles are checked here.

One package per area: points, shop, stock, people, sync, selfservice, setup, reports, audit.
The modules left here are shared by every area: context (who acts, on which database),
permissions (who may do what), trail (the audit row of every change), dates, spreadsheets
and images (files and input people type).
"""
