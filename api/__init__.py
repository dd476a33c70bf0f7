"""The REST API for other systems: published editions, indicators and monitoring, open data, and
an organisation's drafts for its API keys."""
