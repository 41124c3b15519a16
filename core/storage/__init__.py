"""Storage: the schema (Piccolo tables and migrations), the database engines, tenant-scoped repositories."""
