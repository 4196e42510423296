//! The interview round engine: main questions, 5-Whys drill-downs, retries, skips, summaries and the story bank; pure, no I/O.
