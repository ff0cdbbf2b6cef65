"""The township server (乡镇服务器): an ASGI app over its own SQLite store, and its admin CLI."""
