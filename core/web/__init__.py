"""The web adapter: the Litestar application (HTTP API now, staff UI later)."""
