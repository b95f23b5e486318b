//! Decision 766/QĐ-TTg real-time service index (being written).
