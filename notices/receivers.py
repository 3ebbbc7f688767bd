"""Instant notices when a report changes state (filled in below)."""
