//! The planner for the payment engine's `payment.*` and `refund.*` events.
