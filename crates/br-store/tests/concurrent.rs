//! A reader (the CLI, opening the database afresh each time) and a writer
//! (the app, mid-round) on the same database at once: WAL and the busy
//! timeout mean the reader never sees an error or a torn round.

mod common;

use br_store::Store;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[test]
fn reading_while_another_connection_writes_never_errors() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap();
    let done = Arc::new(AtomicBool::new(false));

    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (path, done) = (dir.path().to_path_buf(), Arc::clone(&done));
            std::thread::spawn(move || {
                let mut n_reads = 0;
                while !done.load(Ordering::Relaxed) {
                    let store = Store::open(&path).expect("open while writing");
                    for listing in store.list_rounds().expect("list while writing") {
                        let record = store.load_round(listing.id).expect("load while writing");
                        assert!(record.turns.iter().enumerate().all(|(seq, t)| seq == 0
                            || t.question_idx >= record.turns[seq - 1].question_idx));
                    }
                    store.answer_stats().expect("stats while writing");
                    n_reads += 1;
                }
                n_reads
            })
        })
        .collect();

    let mut writer = Store::open(dir.path()).unwrap();
    for seed in 0..4 {
        let (round_id, mut round) = common::start_round(&mut writer, 2, seed, seed as i64);
        common::play(&mut writer, round_id, &mut round);
    }
    done.store(true, Ordering::Relaxed);
    for reader in readers {
        assert!(reader.join().unwrap() > 0);
    }
    assert_eq!(writer.list_rounds().unwrap().len(), 4);
}

#[test]
fn processes_opening_a_new_database_at_once_all_succeed() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let path = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    Store::open(&path).map(|store| store.list_rounds().unwrap().len())
                })
            })
            .collect();
        for opener in openers {
            assert_eq!(
                opener
                    .join()
                    .unwrap()
                    .expect("a concurrent first open succeeds"),
                0
            );
        }
    }
}
