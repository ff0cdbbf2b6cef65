"""The documents the program hands to paper and files: receipts, reports, delivery notes,
count sheets, shopping lists.

Plain frozen values made by kiosk.services and drawn by kiosk.printing (and the screens);
both import them from here, so printing never reaches up into services. A document
holds what it shows and nothing else: no database, no context, no Qt.
"""
