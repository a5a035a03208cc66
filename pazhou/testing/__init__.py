"""Test support: the pytest plugin that sets the test environment, and shared factories."""
