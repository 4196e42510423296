//! The question bank (filled in below).
