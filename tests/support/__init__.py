"""Helpers for the integration tests: process management and raw API access."""
