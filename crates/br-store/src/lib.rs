//! SQLite storage (rusqlite) of rounds, turns, recordings, transcripts, analyses, stories and settings, with versioned migrations.
