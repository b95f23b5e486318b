//! SIPAS (being written).
