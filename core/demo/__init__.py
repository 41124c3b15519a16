"""The demo tenant: its partner declarations and synthetic biographies."""
