"""A test-only app with small publishable models, to test ``visible()`` and parent gating on
their own. Installed only while the tests run (see pazhou.testing.environment)."""
