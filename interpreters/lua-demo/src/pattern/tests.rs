//! Tests for patterns (being written).
