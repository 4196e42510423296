//! A process killed with SIGKILL while it writes a round leaves a database
//! that opens, passes SQLite's integrity check, and lists the round as open,
//! ready to be resumed or closed.
//!
//! This target has its own `main` (harness = false): run with `--child DIR`
//! it is the victim, playing rounds into DIR forever; without arguments it
//! spawns itself as the victim, kills it mid-write and checks the remains.

mod common;

use br_session::{Round, RoundStatus, Stage};
use br_store::Store;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        child(Path::new(&args[2]));
    }
    for (kill_after_turns, resume) in [(1, true), (4, false), (9, true)] {
        killed_mid_round_leaves_a_resumable_round(kill_after_turns, resume);
    }
    println!("test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out");
}

/// Plays rounds without pause, reporting each committed step on stdout.
fn child(dir: &Path) -> ! {
    let mut store = Store::open(dir).unwrap();
    for seed in 0.. {
        let (round_id, mut round) = common::start_round(&mut store, 3, seed, seed as i64);
        let mut step_idx = 0;
        while common::step(&mut store, round_id, &mut round, step_idx) {
            println!("{round_id} {}", round.turns().len());
            step_idx += 1;
        }
    }
    unreachable!("the parent kills this process")
}

fn killed_mid_round_leaves_a_resumable_round(kill_after_turns: usize, resume: bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut victim = Command::new(std::env::current_exe().unwrap())
        .arg("--child")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(victim.stdout.take().unwrap()).lines();
    // Wait until the victim is well into a round, then kill it while it goes
    // on writing (its next sync is typically in flight).
    loop {
        let line = lines.next().expect("the victim reports progress").unwrap();
        let n_turns: usize = line.split(' ').nth(1).unwrap().parse().unwrap();
        if n_turns >= kill_after_turns {
            break;
        }
    }
    victim.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint.
    victim.wait().unwrap();

    let mut store = Store::open(dir.path()).expect("the database opens after the kill");
    let integrity: String = rusqlite::Connection::open(dir.path().join(br_store::DB_FILE))
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let listed = store.list_rounds().unwrap();
    let open: Vec<_> = listed
        .iter()
        .filter(|r| r.status == RoundStatus::Open)
        .collect();
    assert_eq!(
        open.len(),
        1,
        "exactly the round being played is left open: {listed:?}"
    );
    let round_id = open[0].id;

    let record = store.load_round(round_id).unwrap();
    let n_turns = record.turns.len();
    assert!(
        n_turns >= kill_after_turns,
        "committed turns survive the kill"
    );
    let mut round = Round::resume(record).expect("the stored turns are consistent");
    if resume {
        assert!(!matches!(
            round.stage(),
            Stage::Finished { ended_early: true }
        ));
        common::play(&mut store, round_id, &mut round);
        assert_eq!(
            store.load_round(round_id).unwrap().status,
            RoundStatus::Completed
        );
    } else {
        assert_eq!(
            store.close_round(round_id, 0).unwrap(),
            RoundStatus::Abandoned
        );
        let closed = store.load_round(round_id).unwrap();
        assert_eq!(
            (closed.status, closed.turns.len()),
            (RoundStatus::Abandoned, n_turns)
        );
    }
}
