"""The referral bus: the transactional outbox, the dispatcher, webhooks, and plugin notification."""
