//! Tests for number conversions and arithmetic (being written).
