//! PAR INDEX (being written).
