//! Portal storage: filled in by the portal issue.
