//! Statistics deltas (being written).
