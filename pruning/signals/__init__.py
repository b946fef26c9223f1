"""Per-record quality signals that need no model: structural and lint checks, scopes, the
token n-gram model and the naturalness features (see ``docs/pruning.md``)."""
